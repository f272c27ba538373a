// All SQL on signing_keys and action_list_signatures.
import type { EntityManager } from 'typeorm';
import { queryReturning } from '@schakel/platform';
import { parseJwk, parseStatement } from '../content';
import type { PublicJwk, SignatureIntent, SignatureStatement } from '@schakel/signing';
import { type Row, date, dateOrNull, int, intOrNull, json, oneOf, rowsOf, str, strOrNull } from './row';

export interface SigningKeyRecord {
  kid: string;
  organisationId: string;
  employeeId: string | null;
  machineClientId: string | null;
  jwk: PublicJwk;
  validFrom: Date;
  revokedAt: Date | null;
  registeredLogIndex: number;
  revokedLogIndex: number | null;
}

export interface SignatureRecord {
  id: string;
  versionId: string;
  listId: string;
  organisationId: string;
  intent: SignatureIntent;
  reason: string | null;
  kid: string;
  statement: SignatureStatement;
  statementHash: string;
  jws: string;
  signedAt: Date;
  logIndex: number;
  recordedAt: Date;
}

const KEY_COLUMNS = 'kid, organisation_id, employee_id, machine_client_id, jwk, valid_from, revoked_at, registered_log_index, revoked_log_index';

function keyFrom(row: Row): SigningKeyRecord {
  return {
    kid: str(row, 'kid'),
    organisationId: str(row, 'organisation_id'),
    employeeId: strOrNull(row, 'employee_id'),
    machineClientId: strOrNull(row, 'machine_client_id'),
    jwk: parseJwk(json(row, 'jwk')),
    validFrom: date(row, 'valid_from'),
    revokedAt: dateOrNull(row, 'revoked_at'),
    registeredLogIndex: int(row, 'registered_log_index'),
    revokedLogIndex: intOrNull(row, 'revoked_log_index'),
  };
}

function signatureFrom(row: Row): SignatureRecord {
  return {
    id: str(row, 'id'),
    versionId: str(row, 'version_id'),
    listId: str(row, 'list_id'),
    organisationId: str(row, 'organisation_id'),
    intent: oneOf(row, 'intent', ['APPROVE', 'DECLINE'] as const),
    reason: strOrNull(row, 'reason'),
    kid: str(row, 'kid'),
    statement: parseStatement(json(row, 'statement')),
    statementHash: str(row, 'statement_hash'),
    jws: str(row, 'jws'),
    signedAt: date(row, 'signed_at'),
    logIndex: int(row, 'log_index'),
    recordedAt: date(row, 'recorded_at'),
  };
}

/** Inserts a key; false when the kid is registered already (by anyone). */
export async function insertKey(
  m: EntityManager,
  input: { kid: string; organisationId: string; employeeId: string | null; machineClientId: string | null; jwk: PublicJwk; validFrom: Date; logIndex: number },
): Promise<boolean> {
  const rows = await queryReturning<unknown>(
    m,
    `INSERT INTO signing_keys (kid, organisation_id, employee_id, machine_client_id, jwk, valid_from, registered_log_index)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (kid) DO NOTHING RETURNING kid`,
    [input.kid, input.organisationId, input.employeeId, input.machineClientId, JSON.stringify(input.jwk), input.validFrom, input.logIndex],
  );
  return rows.length === 1;
}

export async function keyExists(m: EntityManager, kid: string): Promise<boolean> {
  return rowsOf(await m.query(`SELECT 1 FROM signing_keys WHERE kid = $1`, [kid])).length > 0;
}

export async function findKey(m: EntityManager, kid: string, lock = false): Promise<SigningKeyRecord | null> {
  const rows = rowsOf(await m.query(`SELECT ${KEY_COLUMNS} FROM signing_keys WHERE kid = $1 ${lock ? 'FOR UPDATE' : ''}`, [kid]));
  return rows[0] ? keyFrom(rows[0]) : null;
}

export async function findKeys(m: EntityManager, kids: readonly string[]): Promise<SigningKeyRecord[]> {
  const rows = rowsOf(await m.query(`SELECT ${KEY_COLUMNS} FROM signing_keys WHERE kid = ANY($1::text[])`, [[...kids]]));
  return rows.map(keyFrom);
}

export async function keysOfOwner(m: EntityManager, owner: { employeeId: string | null; machineClientId: string | null }): Promise<SigningKeyRecord[]> {
  const rows = rowsOf(
    await m.query(
      `SELECT ${KEY_COLUMNS} FROM signing_keys WHERE ($1::uuid IS NOT NULL AND employee_id = $1) OR ($2::uuid IS NOT NULL AND machine_client_id = $2)
        ORDER BY valid_from DESC`,
      [owner.employeeId, owner.machineClientId],
    ),
  );
  return rows.map(keyFrom);
}

export async function revokeKey(m: EntityManager, kid: string, at: Date, logIndex: number): Promise<void> {
  await m.query(`UPDATE signing_keys SET revoked_at = $2, revoked_log_index = $3 WHERE kid = $1 AND revoked_at IS NULL`, [kid, at, logIndex]);
}

export async function insertSignature(
  m: EntityManager,
  input: { versionId: string; listId: string; organisationId: string; statement: SignatureStatement; statementHash: string; jws: string; logIndex: number },
): Promise<string> {
  const s = input.statement;
  const rows = rowsOf(
    await m.query(
      `INSERT INTO action_list_signatures (version_id, list_id, organisation_id, intent, reason, kid, statement, statement_hash, jws, signed_at, log_index)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [input.versionId, input.listId, input.organisationId, s.intent, s.reason ?? null, s.signer.kid, JSON.stringify(s), input.statementHash, input.jws, new Date(s.signedAt), input.logIndex],
    ),
  );
  return str(rows[0], 'id');
}

export async function signaturesOf(m: EntityManager, versionIds: readonly string[]): Promise<SignatureRecord[]> {
  const rows = rowsOf(
    await m.query(
      `SELECT id, version_id, list_id, organisation_id, intent::text AS intent, reason, kid, statement, statement_hash, jws, signed_at, log_index, recorded_at
         FROM action_list_signatures WHERE version_id = ANY($1::uuid[]) ORDER BY log_index`,
      [[...versionIds]],
    ),
  );
  return rows.map(signatureFrom);
}
