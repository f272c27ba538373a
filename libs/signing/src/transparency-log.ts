// The pure parts of the transparency log: how an entry becomes a leaf, and the platform-signed
// checkpoint (tree size + root). Storage and appending live with the model in libs/action-lists.
import type { KeyInput } from 'jose';
import { fromHex, utf8 } from './bytes';
import { canonicalJson } from './canonical-json';
import { jwkThumbprint } from './jwk';
import { JwsError, signDetached, verifyDetached } from './jws';
import { leafHash } from './merkle';
import { statementHash } from './statement';
import type { Checkpoint, LogEntry, PublicJwk, SignatureLogEntry, SignatureStatement, SignedCheckpoint } from './types';

export type {
  Checkpoint,
  FinalisedLogEntry,
  KeyRegisteredLogEntry,
  KeyRevokedLogEntry,
  LogEntry,
  LogEntryType,
  OpenedLogEntry,
  SignatureLogEntry,
  SignedCheckpoint,
} from './types';

export const LOG_ENTRY_TYPES = ['OPENED', 'SIGNED', 'DECLINED', 'FINALISED', 'KEY_REGISTERED', 'KEY_REVOKED'] as const;

/** The bytes a leaf commits to: UTF-8 of the entry's canonical JSON. */
export function encodeLogEntry(entry: LogEntry): Uint8Array {
  if (!(LOG_ENTRY_TYPES as readonly string[]).includes(entry.type)) throw new Error('unknown log entry type');
  return utf8(canonicalJson(entry));
}

/** RFC 9162 leaf hash of an entry: SHA-256(0x00 ‖ canonical entry). */
export function logEntryLeafHash(entry: LogEntry): Uint8Array {
  return leafHash(encodeLogEntry(entry));
}

/** The SIGNED (APPROVE) or DECLINED entry that records a verified statement. */
export function signatureLogEntry(statement: SignatureStatement, at: string): SignatureLogEntry {
  return {
    type: statement.intent === 'APPROVE' ? 'SIGNED' : 'DECLINED',
    listId: statement.listId,
    version: statement.version,
    contentHash: statement.contentHash,
    organisationOin: statement.signer.organisationOin,
    kid: statement.signer.kid,
    statementHash: statementHash(statement),
    at,
  };
}

export function checkpointBytes(checkpoint: Checkpoint): Uint8Array {
  const { logId, treeSize, rootHash, timestamp } = checkpoint;
  if (typeof logId !== 'string' || logId === '') throw new Error('checkpoint logId is missing');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new Error('checkpoint treeSize must be ≥ 0');
  if (fromHex(rootHash).length !== 32) throw new Error('checkpoint rootHash must be 32 bytes of hex');
  if (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp))) throw new Error('checkpoint timestamp');
  // Only the four members: an extra member would be signed but shown nowhere.
  return utf8(canonicalJson({ logId, treeSize, rootHash, timestamp }));
}

/** Signs a checkpoint with the platform's Ed25519 key (detached JWS, b64:false, kid = thumbprint). */
export async function signCheckpoint(
  checkpoint: Checkpoint,
  platformPrivateKey: KeyInput,
  platformKid: string,
): Promise<SignedCheckpoint> {
  const jws = await signDetached(checkpointBytes(checkpoint), platformPrivateKey, 'EdDSA', platformKid);
  return { checkpoint: { ...checkpoint }, jws };
}

/** Resolves true when the platform key (Ed25519 only) signed exactly this checkpoint; throws JwsError otherwise. */
export async function verifyCheckpoint(signed: SignedCheckpoint, platformKey: PublicJwk): Promise<true> {
  if (platformKey.kty !== 'OKP') throw new JwsError('ALG_MISMATCH', 'the platform key must be Ed25519');
  const kid = await jwkThumbprint(platformKey);
  return verifyDetached(signed.jws, checkpointBytes(signed.checkpoint), platformKey, kid);
}
