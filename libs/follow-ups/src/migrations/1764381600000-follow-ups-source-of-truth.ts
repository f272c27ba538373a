import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL, not Redis, holds the truth about follow-up work (issue 9, class 8):
 * - `outbox.processed_at`: set when the event's effects are committed by the worker. `sent_at`
 *   only says the row was handed to Redis, which a Redis without persistence can lose; the
 *   worker's sweep re-queues rows that were sent but never processed.
 * - `webhook_deliveries.retries`: how often someone re-sent the delivery. The queue job id is
 *   derived from it, so the sweep can re-create a lost job under the very same id (no double
 *   delivery) and a job of an older round recognises itself as stale.
 */
export class FollowUpsSourceOfTruth1764381600000 implements MigrationInterface {
  name = 'FollowUpsSourceOfTruth1764381600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN processed_at timestamptz`);
    // Rows relayed before this migration were processed under the old rule; do not redo them.
    await q.query(`UPDATE outbox SET processed_at = sent_at WHERE sent_at IS NOT NULL`);
    await q.query(`CREATE INDEX outbox_unprocessed_idx ON outbox (sent_at) WHERE processed_at IS NULL AND sent_at IS NOT NULL`);
    await q.query(`ALTER TABLE webhook_deliveries ADD COLUMN retries int NOT NULL DEFAULT 0 CHECK (retries >= 0)`);
    await q.query(`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (organisation_id, updated_at) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_deliveries_pending_idx`);
    await q.query(`ALTER TABLE webhook_deliveries DROP COLUMN retries`);
    await q.query(`DROP INDEX outbox_unprocessed_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN processed_at`);
  }
}
