import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Machine clients: partner systems that act for their organisation with OAuth2 client
 * credentials. Like employees, the table is read before a tenant is known (at the token
 * endpoint), so it has no row-level security; services scope it by organisation.
 */
export class MachineClients1764352800000 implements MigrationInterface {
  name = 'MachineClients1764352800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE machine_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        client_id text NOT NULL UNIQUE CHECK (client_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(client_id) <= 64),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        secret_hash text NOT NULL,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES employees(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX machine_clients_organisation_idx ON machine_clients (organisation_id)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON machine_clients TO schakel_runtime`);
    // Who acted, when it was a system: shown on the timeline and kept in the audit log.
    await q.query(`ALTER TABLE timeline_events ADD COLUMN actor_machine_client_id uuid REFERENCES machine_clients(id)`);
    await q.query(`ALTER TABLE audit_log ADD COLUMN machine_client_id uuid REFERENCES machine_clients(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP COLUMN machine_client_id`);
    await q.query(`ALTER TABLE timeline_events DROP COLUMN actor_machine_client_id`);
    await q.query(`DROP TABLE machine_clients`);
  }
}
