import { Injectable } from '@nestjs/common';
import { queryReturning, type RelayedEvent } from '@schakel/platform';
import { DataSource, type EntityManager } from 'typeorm';

export interface OutboxRow {
  id: string;
  topic: string;
  aggregateType: string;
  aggregateId: string;
  payload: RelayedEvent['payload'];
  createdAt: Date;
}

const ROW_COLUMNS = `id, topic, aggregate_type AS "aggregateType", aggregate_id AS "aggregateId", payload, created_at AS "createdAt"`;

/** The queue job of an outbox row: always the same id (the row's), so adding it again is a no-op. */
export function outboxJob(row: OutboxRow): { name: 'event'; data: RelayedEvent; opts: { jobId: string } } {
  return {
    name: 'event',
    data: { outboxId: row.id, topic: row.topic, aggregateType: row.aggregateType, aggregateId: row.aggregateId, occurredAt: row.createdAt.toISOString(), payload: row.payload },
    opts: { jobId: row.id },
  };
}

/**
 * The worker's SQL on `outbox` (the api only inserts, through writeOutbox). A row moves from
 * unsent (`sent_at IS NULL`) to sent (handed to Redis) to processed (`processed_at`: its effects
 * are committed). Only processed rows are done; a sent row can still be lost with Redis.
 */
@Injectable()
export class OutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Claims unsent rows for the caller's transaction; other relays skip them (FOR UPDATE SKIP LOCKED). */
  claimUnsent(m: EntityManager, limit: number): Promise<OutboxRow[]> {
    return m.query(`SELECT ${ROW_COLUMNS} FROM outbox WHERE sent_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`, [limit]);
  }

  async markSent(m: EntityManager, ids: string[]): Promise<void> {
    // clock_timestamp(): when the rows were queued, not when this transaction began.
    await m.query(`UPDATE outbox SET sent_at = clock_timestamp() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Called by the processor after every effect of the events was committed (they are idempotent). */
  async markProcessed(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox SET processed_at = clock_timestamp() WHERE id = ANY($1::uuid[]) AND processed_at IS NULL`, [ids]);
  }

  /**
   * Which of these rows are processed already (a job queued twice: by the sweep, or by a relay
   * that crashed before its commit): the processor skips them. In the caller's transaction.
   */
  async processedAmong(m: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await m.query(`SELECT id FROM outbox WHERE id = ANY($1::uuid[]) AND processed_at IS NOT NULL`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Rows handed to Redis at least `olderThanMs` ago whose effects never committed: their job may
   * have been lost with Redis. The grace keeps the sweep from re-adding a fresh backlog each round.
   */
  sentButUnprocessed(olderThanMs: number, limit: number): Promise<OutboxRow[]> {
    return this.dataSource.query(
      `SELECT ${ROW_COLUMNS} FROM outbox
        WHERE processed_at IS NULL AND sent_at IS NOT NULL AND sent_at < clock_timestamp() - make_interval(secs => $1::double precision / 1000)
        ORDER BY sent_at LIMIT $2`,
      [olderThanMs, limit],
    );
  }

  /**
   * Retention (ADR 0011): deletes the processed rows of these referrals (payloads hold ids and
   * states only, but once a case is anonymised nothing about it needs keeping) and gives back
   * their ids, which are also their queue jobs' ids. An unprocessed row is left to finish.
   */
  async removeForReferrals(m: EntityManager, referralIds: string[]): Promise<string[]> {
    const rows = await queryReturning<{ id: string }>(
      m,
      `DELETE FROM outbox WHERE payload ->> 'referralId' = ANY($1::text[]) AND processed_at IS NOT NULL RETURNING id`,
      [referralIds],
    );
    return rows.map((r) => r.id);
  }

  /** Prunes processed rows after the retention period; a row not yet processed is never pruned. */
  async prune(retentionDays: number): Promise<number> {
    const result: unknown = await this.dataSource.query(`DELETE FROM outbox WHERE processed_at < now() - make_interval(days => $1)`, [retentionDays]);
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }
}
