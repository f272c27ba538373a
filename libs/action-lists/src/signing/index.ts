// Signing core of issue 11: canonical JSON, the RFC 9162 Merkle log, detached JWS statements and
// evidence bundles. No database, no NestJS: the web app and the offline verifier use it too.
export * from './types';
