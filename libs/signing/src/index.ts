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
export { JwkError, algorithmFor, jwkThumbprint, parsePublicJwk } from './jwk';
export { JwsError, type JwsFailure, decodeDetachedHeader, signDetached, verifyDetached } from './jws';
export {
  StatementError,
  assertValidStatement,
  signStatement,
  statementBytes,
  statementHash,
  verifyStatementSignature,
} from './statement';
export {
  LOG_ENTRY_TYPES,
  checkpointBytes,
  encodeLogEntry,
  logEntryLeafHash,
  signCheckpoint,
  signatureLogEntry,
  verifyCheckpoint,
} from './transparency-log';
export {
  type AssembleEvidenceBundleInput,
  type VerifyOptions,
  assembleEvidenceBundle,
  verifyEvidenceBundle,
} from './evidence-bundle';
