import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Organisations1764331260000 implements MigrationInterface {
  name = 'Organisations1764331260000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE organisation_kind AS ENUM ('GEMEENTE', 'UWV', 'SVB', 'BELASTINGDIENST', 'OTHER')`);
    await q.query(`CREATE TYPE employee_role AS ENUM ('BALIE', 'BEHANDELAAR', 'COORDINATOR', 'SECRETARIS', 'BELEID', 'BEHEERDER')`);
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        kind organisation_kind NOT NULL,
        oin char(20) NOT NULL UNIQUE CHECK (oin ~ '^[0-9]{20}$'),
        gemeentecode char(4) UNIQUE CHECK (gemeentecode ~ '^[0-9]{4}$'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisations_gemeentecode_only_for_gemeente
          CHECK ((kind = 'GEMEENTE') = (gemeentecode IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE employees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        username text NOT NULL CHECK (username = lower(username) AND length(username) BETWEEN 3 AND 254),
        display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
        roles employee_role[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT employees_username_unique UNIQUE (username)
      )`);
    await q.query(`CREATE INDEX employees_organisation_idx ON employees (organisation_id)`);
    // An organisation may bring its own OpenID Connect issuer; its tokens map to employees by a claim.
    await q.query(`
      CREATE TABLE identity_providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        issuer text NOT NULL UNIQUE,
        jwks_uri text NOT NULL CHECK (jwks_uri ~ '^https?://'),
        audience text NOT NULL,
        username_claim text NOT NULL DEFAULT 'preferred_username',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON organisations, employees, identity_providers TO schakel_runtime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity_providers`);
    await q.query(`DROP TABLE employees`);
    await q.query(`DROP TABLE organisations`);
    await q.query(`DROP TYPE employee_role`);
    await q.query(`DROP TYPE organisation_kind`);
  }
}
