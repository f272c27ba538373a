// The statement a signatory signs, its bytes and its detached JWS. Browser-safe: the web app signs
// with a non-extractable WebCrypto key through signStatement.
import type { KeyInput } from 'jose';
import { utf8 } from './bytes';
import { canonicalJson, sha256Hex } from './canonical-json';
import { jwkThumbprint } from './jwk';
import { JwsError, signDetached, verifyDetached } from './jws';
import type { PublicJwk, SignatureStatement, SigningAlgorithm } from './types';

export type {
  ActionListAgreementContent,
  ActionListContent,
  ActionListItemContent,
  ActionListParty,
  SignatureIntent,
  SignatureStatement,
  StatementSigner,
} from './types';

export class StatementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementError';
  }
}

const HASH = /^[0-9a-f]{64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const STATEMENT_KEYS = new Set(['listId', 'version', 'contentHash', 'intent', 'signer', 'signedAt', 'reason']);
const SIGNER_KEYS = new Set(['organisationOin', 'employeeId', 'clientId', 'kid']);

/** Throws StatementError unless the statement has exactly the agreed shape. */
export function assertValidStatement(statement: SignatureStatement): void {
  const s = statement as unknown as Record<string, unknown>;
  for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) throw new StatementError(`unknown member "${key}"`);
  if (typeof statement.listId !== 'string' || statement.listId === '') throw new StatementError('listId is missing');
  if (!Number.isSafeInteger(statement.version) || statement.version < 1) throw new StatementError('version must be ≥ 1');
  if (typeof statement.contentHash !== 'string' || !HASH.test(statement.contentHash)) {
    throw new StatementError('contentHash must be 64 lowercase hex characters');
  }
  if (statement.intent !== 'APPROVE' && statement.intent !== 'DECLINE') throw new StatementError('intent must be APPROVE or DECLINE');
  if (typeof statement.signedAt !== 'string' || !INSTANT.test(statement.signedAt) || Number.isNaN(Date.parse(statement.signedAt))) {
    throw new StatementError('signedAt must be an ISO 8601 instant in UTC');
  }
  if (statement.intent === 'DECLINE') {
    if (typeof statement.reason !== 'string' || statement.reason.trim() === '') throw new StatementError('a DECLINE needs a reason');
  } else if (statement.reason !== undefined) {
    throw new StatementError('an APPROVE has no reason');
  }
  const signer = statement.signer as unknown as Record<string, unknown> | null;
  if (typeof signer !== 'object' || signer === null) throw new StatementError('signer is missing');
  for (const key of Object.keys(signer)) if (!SIGNER_KEYS.has(key)) throw new StatementError(`unknown signer member "${key}"`);
  const { organisationOin, employeeId, clientId, kid } = statement.signer;
  if (typeof organisationOin !== 'string' || !/^\d{20}$/.test(organisationOin)) throw new StatementError('signer.organisationOin must be 20 digits');
  if ((employeeId === undefined) === (clientId === undefined)) {
    throw new StatementError('signer needs exactly one of employeeId and clientId');
  }
  for (const v of [employeeId, clientId]) {
    if (v !== undefined && (typeof v !== 'string' || v === '')) throw new StatementError('signer id must be a non-empty string');
  }
  if (typeof kid !== 'string' || kid === '') throw new StatementError('signer.kid is missing');
}

/** The signed bytes: UTF-8 of the statement's RFC 8785 canonical JSON. */
export function statementBytes(statement: SignatureStatement): Uint8Array {
  assertValidStatement(statement);
  return utf8(canonicalJson(statement));
}

/** Detached compact JWS (`header..signature`) over statementBytes, kid = statement.signer.kid. */
export function signStatement(
  statement: SignatureStatement,
  privateKey: KeyInput,
  alg: SigningAlgorithm,
): Promise<string> {
  return signDetached(statementBytes(statement), privateKey, alg, statement.signer.kid);
}

/**
 * Resolves true when `jws` signs exactly `statement` with `publicJwk`, and both the header kid and
 * the statement's signer kid are that key's thumbprint; throws JwsError (reason: MALFORMED, HEADER,
 * KID_MISMATCH, ALG_MISMATCH, BAD_SIGNATURE) or StatementError otherwise. Whether the key was valid
 * at signedAt is the caller's to check: only it knows the key's history.
 */
export async function verifyStatementSignature(
  jws: string,
  statement: SignatureStatement,
  publicJwk: PublicJwk,
): Promise<true> {
  const bytes = statementBytes(statement);
  if ((await jwkThumbprint(publicJwk)) !== statement.signer.kid) {
    throw new JwsError('KID_MISMATCH', 'signer.kid is not the thumbprint of the public key');
  }
  return verifyDetached(jws, bytes, publicJwk, statement.signer.kid);
}

/** Hex SHA-256 of statementBytes: what a SIGNED/DECLINED log entry records. */
export function statementHash(statement: SignatureStatement): string {
  return sha256Hex(statementBytes(statement));
}
