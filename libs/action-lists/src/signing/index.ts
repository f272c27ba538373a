// Signing core of issue 11: canonical JSON, the RFC 9162 Merkle log, detached JWS statements and
// evidence bundles. No database, no NestJS: the web app and the offline verifier use it too.
export * from './types';
export { fromHex, toHex, utf8 } from './bytes';
export { sha256 } from './sha256';
export { CanonicalJsonError, canonicalJson, contentHash, isWellFormedString, sha256Hex } from './canonical-json';
export {
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
