import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-ups: response norms, in-app notifications, partner webhooks, and the NOTIFY that wakes
 * the outbox relay.
 */
export class FollowUps1764345600000 implements MigrationInterface {
  name = 'FollowUps1764345600000';

  async up(q: QueryRunner): Promise<void> {
    // Wakes the relay at once; polling remains the fallback.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN PERFORM pg_notify('schakel_outbox', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);

    await q.query(`CREATE TYPE norm_unit AS ENUM ('WORKING_DAYS', 'HOURS', 'SECONDS')`);
    // Response norms per receiving organisation and topic (NULL = any); the most specific wins.
    await q.query(`
      CREATE TABLE response_norms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid REFERENCES organisations(id),
        topic referral_topic,
        urgency referral_urgency,
        accept_amount int NOT NULL CHECK (accept_amount >= 0),
        accept_unit norm_unit NOT NULL,
        contact_amount int NOT NULL CHECK (contact_amount >= 0),
        contact_unit norm_unit NOT NULL,
        source text NOT NULL DEFAULT 'DEFAULT',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT response_norms_scope UNIQUE NULLS NOT DISTINCT (organisation_id, topic, urgency)
      )`);
    await q.query(`
      INSERT INTO response_norms (organisation_id, topic, urgency, accept_amount, accept_unit, contact_amount, contact_unit) VALUES
        (NULL, NULL, 'NORMAAL', 2, 'WORKING_DAYS', 3, 'WORKING_DAYS'),
        (NULL, NULL, 'HOOG', 1, 'WORKING_DAYS', 3, 'WORKING_DAYS'),
        (NULL, NULL, 'ACUUT', 4, 'HOURS', 3, 'WORKING_DAYS')`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        recipient_id uuid NOT NULL REFERENCES employees(id),
        type text NOT NULL,
        message text NOT NULL,
        referral_id uuid REFERENCES referrals(id),
        handoff_id uuid REFERENCES handoffs(id),
        dedupe_key text NOT NULL,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notifications_dedupe UNIQUE (recipient_id, dedupe_key)
      )`);
    await q.query(`CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        callback_url text NOT NULL CHECK (callback_url ~ '^https?://'),
        channels text[] NOT NULL CHECK (cardinality(channels) > 0),
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES employees(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_subscriptions_org_idx ON webhook_subscriptions (organisation_id) WHERE active`);
    await q.query(`CREATE TYPE webhook_delivery_status AS ENUM ('PENDING', 'DELIVERED', 'FAILED')`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        event_id uuid NOT NULL,
        kanaal text NOT NULL,
        body jsonb NOT NULL,
        status webhook_delivery_status NOT NULL DEFAULT 'PENDING',
        attempts int NOT NULL DEFAULT 0,
        last_status_code int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_once UNIQUE (subscription_id, event_id)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_status_idx ON webhook_deliveries (organisation_id, status, created_at DESC)`);

    for (const table of ['notifications', 'webhook_subscriptions', 'webhook_deliveries']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_own ON ${table} USING (organisation_id = (SELECT app_current_organisation())) WITH CHECK (organisation_id = (SELECT app_current_organisation()))`);
    }
    await q.query(`GRANT SELECT ON response_norms TO schakel_runtime`);
    // The worker prunes relayed outbox rows after a retention period.
    await q.query(`GRANT DELETE ON outbox TO schakel_runtime`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON notifications, webhook_subscriptions, webhook_deliveries TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TYPE webhook_delivery_status`);
    await q.query(`DROP TABLE webhook_subscriptions`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE response_norms`);
    await q.query(`DROP TYPE norm_unit`);
    await q.query(`DROP TRIGGER outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
  }
}
