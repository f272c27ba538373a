import { AppError, type BilingualMessage } from './errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** An id that is no UUID cannot exist: answer NOT_FOUND before the database has to say so. */
export function requireExistingId(id: string, what: BilingualMessage): string {
  if (!isUuid(id)) throw AppError.notFound(what);
  return id;
}

/** Opaque keyset cursors (`endCursor`): the kind of list and the id of the last row seen. */
export function encodeCursor(kind: string, id: string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64url');
}

export function decodeCursor(kind: string, cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith(`${kind}:`) ? decoded.slice(kind.length + 1) : '';
  if (!isUuid(id)) {
    throw AppError.badInput({ nl: 'Ongeldige cursor: gebruik endCursor uit een eerder antwoord.', en: 'Invalid cursor: use endCursor from an earlier response.' }, { field: 'after' });
  }
  return id;
}
