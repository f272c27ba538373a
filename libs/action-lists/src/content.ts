// Parsing what comes back from jsonb (content, statements, log entries) into the signed shapes,
// member by member: a stored value that does not have the agreed shape is a fault, not input.
import type {
  ActionListAgreementContent,
  ActionListContent,
  ActionListItemContent,
  ActionListParty,
  Checkpoint,
  LogEntry,
  PublicJwk,
  SignatureIntent,
  SignatureStatement,
  StatementSigner,
} from '@schakel/signing';
import { parsePublicJwk } from '@schakel/signing';

export class ShapeError extends Error {
  constructor(path: string, expected: string) {
    super(`${path}: expected ${expected}`);
    this.name = 'ShapeError';
  }
}

type Obj = Record<string, unknown>;

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(path, 'an object');
  return Object.fromEntries(Object.entries(v));
}
function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(path, 'an array');
  return v;
}
function s(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new ShapeError(`${path}.${key}`, 'a string');
  return v;
}
function sOrNull(o: Obj, key: string, path: string): string | null {
  return o[key] === null ? null : s(o, key, path);
}
function n(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new ShapeError(`${path}.${key}`, 'an integer');
  return v;
}

export function parseContent(value: unknown): ActionListContent {
  const o = obj(value, '$');
  const parties = arr(o.parties, '$.parties').map((p, i): ActionListParty => {
    const po = obj(p, `$.parties[${i}]`);
    return { organisationId: s(po, 'organisationId', '$'), oin: s(po, 'oin', '$'), name: s(po, 'name', '$') };
  });
  const items = arr(o.items, '$.items').map((it, i): ActionListItemContent => {
    const io = obj(it, `$.items[${i}]`);
    const path = `$.items[${i}]`;
    return {
      id: s(io, 'id', path),
      position: n(io, 'position', path),
      description: s(io, 'description', path),
      ownerOrganisationId: s(io, 'ownerOrganisationId', path),
      dueDate: sOrNull(io, 'dueDate', path),
    };
  });
  const agreements = arr(o.agreements, '$.agreements').map((a, i): ActionListAgreementContent => {
    const ao = obj(a, `$.agreements[${i}]`);
    const path = `$.agreements[${i}]`;
    return {
      receivingOrganisationId: s(ao, 'receivingOrganisationId', path),
      topic: sOrNull(ao, 'topic', path),
      acceptWithinWorkingDays: n(ao, 'acceptWithinWorkingDays', path),
      firstContactWithinWorkingDays: n(ao, 'firstContactWithinWorkingDays', path),
    };
  });
  return { title: s(o, 'title', '$'), description: s(o, 'description', '$'), parties, items, agreements };
}

function intent(v: unknown, path: string): SignatureIntent {
  if (v === 'APPROVE' || v === 'DECLINE') return v;
  throw new ShapeError(path, 'APPROVE or DECLINE');
}

/**
 * A statement as a client sent it (JSON text parsed) or as stored: the members are copied one by
 * one, so nothing unexpected survives; assertValidStatement (signing core) then checks the rules.
 * Unknown members are refused rather than dropped: they would otherwise be signed but not shown.
 */
export function parseStatement(value: unknown): SignatureStatement {
  const o = obj(value, '$');
  const allowed = new Set(['listId', 'version', 'contentHash', 'intent', 'signer', 'signedAt', 'reason']);
  for (const key of Object.keys(o)) if (!allowed.has(key)) throw new ShapeError(`$.${key}`, 'no such member');
  const so = obj(o.signer, '$.signer');
  for (const key of Object.keys(so)) if (!['organisationOin', 'employeeId', 'clientId', 'kid'].includes(key)) throw new ShapeError(`$.signer.${key}`, 'no such member');
  const signer: StatementSigner = { organisationOin: s(so, 'organisationOin', '$.signer'), kid: s(so, 'kid', '$.signer') };
  if (so.employeeId !== undefined) signer.employeeId = s(so, 'employeeId', '$.signer');
  if (so.clientId !== undefined) signer.clientId = s(so, 'clientId', '$.signer');
  const statement: SignatureStatement = {
    listId: s(o, 'listId', '$'),
    version: n(o, 'version', '$'),
    contentHash: s(o, 'contentHash', '$'),
    intent: intent(o.intent, '$.intent'),
    signer,
    signedAt: s(o, 'signedAt', '$'),
  };
  if (o.reason !== undefined) statement.reason = s(o, 'reason', '$');
  return statement;
}

export function parseJwk(value: unknown): PublicJwk {
  return parsePublicJwk(value);
}

export function parseCheckpoint(value: unknown): Checkpoint {
  const o = obj(value, '$');
  return { logId: s(o, 'logId', '$'), treeSize: n(o, 'treeSize', '$'), rootHash: s(o, 'rootHash', '$'), timestamp: s(o, 'timestamp', '$') };
}

export function parseLogEntry(value: unknown): LogEntry {
  const o = obj(value, '$');
  const at = s(o, 'at', '$');
  switch (o.type) {
    case 'OPENED':
      return { type: 'OPENED', listId: s(o, 'listId', '$'), version: n(o, 'version', '$'), contentHash: s(o, 'contentHash', '$'), previousVersionHash: sOrNull(o, 'previousVersionHash', '$'), at };
    case 'SIGNED':
    case 'DECLINED':
      return {
        type: o.type,
        listId: s(o, 'listId', '$'),
        version: n(o, 'version', '$'),
        contentHash: s(o, 'contentHash', '$'),
        organisationOin: s(o, 'organisationOin', '$'),
        kid: s(o, 'kid', '$'),
        statementHash: s(o, 'statementHash', '$'),
        at,
      };
    case 'FINALISED':
      return { type: 'FINALISED', listId: s(o, 'listId', '$'), version: n(o, 'version', '$'), contentHash: s(o, 'contentHash', '$'), at };
    case 'KEY_REGISTERED': {
      const entry: LogEntry = { type: 'KEY_REGISTERED', kid: s(o, 'kid', '$'), organisationOin: s(o, 'organisationOin', '$'), jwk: parsePublicJwk(o.jwk), validFrom: s(o, 'validFrom', '$'), at };
      if (o.employeeId !== undefined) entry.employeeId = s(o, 'employeeId', '$');
      if (o.clientId !== undefined) entry.clientId = s(o, 'clientId', '$');
      return entry;
    }
    case 'KEY_REVOKED':
      return { type: 'KEY_REVOKED', kid: s(o, 'kid', '$'), organisationOin: s(o, 'organisationOin', '$'), revokedAt: s(o, 'revokedAt', '$'), at };
    default:
      throw new ShapeError('$.type', 'a log entry type');
  }
}
