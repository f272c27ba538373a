// The signing core of libs/action-lists, the same code the server and schakel-verify check with:
// the browser signs exactly the bytes they verify. Only its pure, browser-safe files (no NestJS,
// no database, no node:crypto import), never the lib's server half.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the signing core is browser-safe on purpose (libs/action-lists/src/signing/statement.ts)
export { signStatement } from '@schakel/action-lists/src/signing/statement';
// eslint-disable-next-line @nx/enforce-module-boundaries -- types only
export type { SignatureStatement, SigningAlgorithm } from '@schakel/action-lists/src/signing/types';
