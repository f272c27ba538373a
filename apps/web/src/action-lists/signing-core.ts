// The signing core (@schakel/signing), the same code the server and schakel-verify check with:
// the browser signs exactly the bytes they verify. It is pure and browser-safe (no NestJS, no
// database, no node:crypto import).
export { signStatement } from '@schakel/signing';
export type { SignatureStatement, SigningAlgorithm } from '@schakel/signing';
