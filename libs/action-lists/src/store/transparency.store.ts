// All SQL on transparency_log and transparency_checkpoints.
import type { EntityManager } from 'typeorm';
import { parseCheckpoint, parseLogEntry } from '../content';
import type { LogEntry, SignedCheckpoint } from '@schakel/signing';
import { int, json, rowsOf, str } from './row';

// One lock key for the whole log: appends queue behind each other until the holder commits, so
// indices are handed out without gaps (a rolled-back append takes no index with it).
const LOG_LOCK = 7_511_900_001;

export async function lockLog(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock($1)`, [LOG_LOCK]);
}

/** The next free index; call after lockLog in the same transaction. */
export async function nextIndex(m: EntityManager): Promise<number> {
  const rows = rowsOf(await m.query(`SELECT COALESCE(max(idx) + 1, 0)::bigint AS next FROM transparency_log`));
  return int(rows[0], 'next');
}

export async function insertEntries(m: EntityManager, entries: ReadonlyArray<{ index: number; entry: LogEntry; leafHash: string }>): Promise<void> {
  await m.query(
    `INSERT INTO transparency_log (idx, entry, leaf_hash) SELECT * FROM unnest($1::bigint[], $2::jsonb[], $3::text[])`,
    [entries.map((e) => e.index), entries.map((e) => JSON.stringify(e.entry)), entries.map((e) => e.leafHash)],
  );
}

/** Leaf hashes (hex) of the first `size` entries, in index order. */
export async function leafHashes(m: EntityManager, size: number): Promise<string[]> {
  const rows = rowsOf(await m.query(`SELECT leaf_hash FROM transparency_log WHERE idx < $1 ORDER BY idx`, [size]));
  return rows.map((r) => str(r, 'leaf_hash'));
}

export async function logSize(m: EntityManager): Promise<number> {
  const rows = rowsOf(await m.query(`SELECT COALESCE(max(idx) + 1, 0)::bigint AS size FROM transparency_log`));
  return int(rows[0], 'size');
}

export async function entriesAt(m: EntityManager, indices: readonly number[]): Promise<Array<{ index: number; entry: LogEntry; leafHash: string }>> {
  const rows = rowsOf(await m.query(`SELECT idx, entry, leaf_hash FROM transparency_log WHERE idx = ANY($1::bigint[]) ORDER BY idx`, [[...indices]]));
  return rows.map((r) => ({ index: int(r, 'idx'), entry: parseLogEntry(json(r, 'entry')), leafHash: str(r, 'leaf_hash') }));
}

export async function insertCheckpoint(m: EntityManager, signed: SignedCheckpoint): Promise<void> {
  const c = signed.checkpoint;
  await m.query(`INSERT INTO transparency_checkpoints (tree_size, root_hash, checkpoint, jws) VALUES ($1, $2, $3, $4)`, [c.treeSize, c.rootHash, JSON.stringify(c), signed.jws]);
}

export async function latestCheckpoint(m: EntityManager): Promise<SignedCheckpoint | null> {
  const rows = rowsOf(await m.query(`SELECT checkpoint, jws FROM transparency_checkpoints ORDER BY tree_size DESC LIMIT 1`));
  return rows[0] ? { checkpoint: parseCheckpoint(json(rows[0], 'checkpoint')), jws: str(rows[0], 'jws') } : null;
}

export async function checkpointAt(m: EntityManager, treeSize: number): Promise<SignedCheckpoint | null> {
  const rows = rowsOf(await m.query(`SELECT checkpoint, jws FROM transparency_checkpoints WHERE tree_size = $1`, [treeSize]));
  return rows[0] ? { checkpoint: parseCheckpoint(json(rows[0], 'checkpoint')), jws: str(rows[0], 'jws') } : null;
}

/** Indices of a version's entries of the given types (OPENED, FINALISED, …). */
export async function versionEntryIndices(m: EntityManager, listId: string, version: number, types: readonly string[]): Promise<number[]> {
  const rows = rowsOf(
    await m.query(
      `SELECT idx FROM transparency_log WHERE entry ? 'listId' AND entry->>'listId' = $1 AND (entry->>'version')::int = $2 AND entry->>'type' = ANY($3::text[]) ORDER BY idx`,
      [listId, version, [...types]],
    ),
  );
  return rows.map((r) => int(r, 'idx'));
}
