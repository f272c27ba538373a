import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The OIDC client id the web app uses at an organisation's identity provider, so the sign-in
 * page can offer that provider (GET /auth/config). Public information, no secret: the web app
 * is a public client (authorization code with PKCE). NULL: the provider is trusted for tokens,
 * but not offered on the sign-in page.
 */
export class IdentityProviderClientId1764360000000 implements MigrationInterface {
  name = 'IdentityProviderClientId1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity_providers ADD COLUMN client_id text NULL CHECK (client_id IS NULL OR length(btrim(client_id)) BETWEEN 1 AND 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity_providers DROP COLUMN client_id`);
  }
}
