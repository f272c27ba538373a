import type { DataSource, EntityManager } from 'typeorm';
import type { BsnCrypto } from './bsn-crypto.service';

export interface KeyRotationProgress {
  /** Rows rewritten so far in this run. */
  rewritten: number;
  /** Rows that still needed rewriting when the run started. */
  pending: number;
  /** Rows that could not be decrypted with any configured key (left as they are). */
  unreadable: number;
}

export interface KeyRotationOptions {
  /** Rows per transaction (default 500). */
  batchSize?: number;
  onProgress?: (progress: KeyRotationProgress) => void;
}

interface PendingRow {
  id: string;
  bsnEncrypted: string;
  subjectPseudonym: string;
}

/** A live citizen row not yet (fully) under the current keys. Anonymised rows hold no BSN. */
const PENDING = `c.anonymised_at IS NULL AND c.bsn_encrypted IS NOT NULL
  AND (c.bsn_key_id IS DISTINCT FROM $1 OR c.hmac_key_id IS DISTINCT FROM $2)`;

/** How many citizen rows are not yet under the current encryption and HMAC keys. */
export async function countRowsToRotate(owner: DataSource | EntityManager, crypto: BsnCrypto): Promise<number> {
  const [row] = (await owner.query(`SELECT count(*)::int AS n FROM citizens c WHERE ${PENDING}`, [crypto.encryptionKeyId, crypto.hmacKeyId])) as Array<{ n: number }>;
  return row.n;
}

/**
 * Key rotation of the BSN at rest (docs/security/inzage-and-keys.md). For every live citizen row
 * not yet under the current keys, in batches of `batchSize` rows per transaction, ordered by id:
 * decrypt with whichever key of the ring it was made with, re-encrypt under the current key
 * (`bsn_key_id`), recompute the look-up hash and the pseudonym under the current HMAC key
 * (`hmac_key_id`), and rewrite the processing log's pseudonyms of that BSN under every previous
 * HMAC key to the current one. Rows are locked (`FOR UPDATE`) only for their own batch, so the API
 * keeps working: it reads every key of the ring meanwhile. A run that stops half-way is simply run
 * again (only unfinished rows match); a second run after a finished one rewrites nothing.
 *
 * Runs as the owner role (DATABASE_OWNER_URL): it must see every organisation's rows past RLS.
 * Idempotency request hashes (`referrals.request_hash`) cannot be recomputed (the request is not
 * stored, by design); they are matched under every key of the ring instead.
 */
export async function rotateCitizenKeys(owner: DataSource, crypto: BsnCrypto, options: KeyRotationOptions = {}): Promise<KeyRotationProgress> {
  const batchSize = options.batchSize ?? 500;
  const progress: KeyRotationProgress = { rewritten: 0, pending: await countRowsToRotate(owner, crypto), unreadable: 0 };
  let cursor = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const done = await owner.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT c.id, c.bsn_encrypted AS "bsnEncrypted", c.subject_pseudonym AS "subjectPseudonym"
           FROM citizens c WHERE ${PENDING} AND c.id > $3 ORDER BY c.id LIMIT $4 FOR UPDATE`,
        [crypto.encryptionKeyId, crypto.hmacKeyId, cursor, batchSize],
      )) as PendingRow[];
      if (rows.length === 0) return true;
      cursor = rows[rows.length - 1].id;
      const ids: string[] = [];
      const encrypted: string[] = [];
      const hashes: string[] = [];
      const pseudonyms: string[] = [];
      const oldPseudonyms: string[] = [];
      const newPseudonyms: string[] = [];
      for (const row of rows) {
        let bsn: string;
        try {
          bsn = crypto.decrypt(row.bsnEncrypted);
        } catch {
          progress.unreadable += 1;
          continue;
        }
        const pseudonym = crypto.pseudonym(bsn);
        ids.push(row.id);
        encrypted.push(crypto.isCurrent(row.bsnEncrypted) ? row.bsnEncrypted : crypto.encrypt(bsn));
        hashes.push(crypto.lookupHash(bsn));
        pseudonyms.push(pseudonym);
        for (const old of new Set([row.subjectPseudonym, ...crypto.pseudonyms(bsn)])) {
          if (old !== pseudonym) {
            oldPseudonyms.push(old);
            newPseudonyms.push(pseudonym);
          }
        }
      }
      if (ids.length > 0) {
        await m.query(
          `UPDATE citizens c SET bsn_encrypted = u.enc, bsn_hash = u.hash, subject_pseudonym = u.pseudonym, bsn_key_id = $5, hmac_key_id = $6
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, enc, hash, pseudonym)
            WHERE c.id = u.id`,
          [ids, encrypted, hashes, pseudonyms, crypto.encryptionKeyId, crypto.hmacKeyId],
        );
      }
      if (oldPseudonyms.length > 0) {
        await m.query(
          `UPDATE processing_log l SET subject_pseudonym = u.new
             FROM (SELECT DISTINCT old, new FROM unnest($1::text[], $2::text[]) AS x(old, new)) u
            WHERE l.subject_pseudonym = u.old`,
          [oldPseudonyms, newPseudonyms],
        );
      }
      progress.rewritten += ids.length;
      return false;
    });
    if (done) break;
    options.onProgress?.({ ...progress });
  }
  return progress;
}
