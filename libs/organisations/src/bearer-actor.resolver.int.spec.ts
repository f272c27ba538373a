import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, createDataSource, loadConfig, LocalTokenService, RemoteJwksVerifier } from '@schakel/platform';
import { currentTestEnvironment } from '@schakel/testing';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { BearerActorResolver } from './bearer-actor.resolver';
import { MachineClientsService } from './machine-clients/machine-clients.service';
import { EmployeesService } from './employees.service';
import { ORGANISATION_ENTITIES } from './entities';

const env = currentTestEnvironment();

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('BearerActorResolver', () => {
  let ds: DataSource;
  let owner: DataSource;
  let resolver: BearerActorResolver;
  let localTokens: LocalTokenService;
  let employeeId: (username: string) => Promise<string>;

  beforeAll(async () => {
    ds = await createDataSource({ url: env.appUrl, entities: ORGANISATION_ENTITIES, poolSize: 2 }).initialize();
    owner = await createDataSource({ url: env.ownerUrl, entities: [], poolSize: 1 }).initialize();
    localTokens = new LocalTokenService(loadConfig({ NODE_ENV: 'test' }));
    resolver = new BearerActorResolver(ds, new EmployeesService(ds), localTokens, new RemoteJwksVerifier(), new MachineClientsService(ds, localTokens, loadConfig({ NODE_ENV: 'test' })));
    employeeId = async (username) => (await owner.query(`SELECT id FROM employees WHERE username = $1`, [username]))[0].id;
  });
  afterAll(async () => {
    await ds.destroy();
    await owner.destroy();
  });

  describe("Schakel's own tokens", () => {
    it('map the subject to the employee, organisation and roles', async () => {
      const id = await employeeId('behandelaar@uwv.demo');
      const { access_token } = await localTokens.issue(id);
      const actor = await resolver.resolve(access_token);
      expect(actor).toMatchObject({ kind: 'employee', employeeId: id, username: 'behandelaar@uwv.demo', roles: ['BEHANDELAAR'] });
      const [{ org }] = await owner.query(`SELECT organisation_id AS org FROM employees WHERE id = $1`, [id]);
      expect(actor.organisationId).toBe(org);
    });

    it('refuse an expired token, saying so', async () => {
      const { access_token } = await localTokens.issue(await employeeId('balie@tilburg.demo'), {}, -10);
      const error = await refusal(resolver.resolve(access_token));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toMatch(/verlopen/);
    });

    it('refuse a token signed with another secret, and garbage', async () => {
      const forger = new LocalTokenService(loadConfig({ NODE_ENV: 'test', AUTH_TOKEN_SECRET: 'f'.repeat(40) }));
      const { access_token } = await forger.issue(await employeeId('balie@tilburg.demo'));
      expect((await refusal(resolver.resolve(access_token))).code).toBe('UNAUTHENTICATED');
      expect((await refusal(resolver.resolve('not.a.jwt'))).code).toBe('UNAUTHENTICATED');
    });

    it('refuse, at once, an employee deactivated after the same token was just accepted (only the signature check is remembered)', async () => {
      const id = await employeeId('secretaris@belastingdienst.demo');
      const { access_token } = await localTokens.issue(id);
      await expect(resolver.resolve(access_token)).resolves.toMatchObject({ employeeId: id });
      await owner.query(`UPDATE employees SET active = false WHERE id = $1`, [id]);
      try {
        expect((await refusal(resolver.resolve(access_token))).code).toBe('UNAUTHENTICATED');
      } finally {
        await owner.query(`UPDATE employees SET active = true WHERE id = $1`, [id]);
      }
      await expect(resolver.resolve(access_token)).resolves.toMatchObject({ employeeId: id });
    });

    it("follow a change of the employee's roles on the next request", async () => {
      const id = await employeeId('coordinator@belastingdienst.demo');
      const { access_token } = await localTokens.issue(id);
      expect((await resolver.resolve(access_token)).roles).toEqual(['COORDINATOR']);
      await owner.query(`UPDATE employees SET roles = '{COORDINATOR,BEHEERDER}' WHERE id = $1`, [id]);
      try {
        expect((await resolver.resolve(access_token)).roles).toEqual(['COORDINATOR', 'BEHEERDER']);
      } finally {
        await owner.query(`UPDATE employees SET roles = '{COORDINATOR}' WHERE id = $1`, [id]);
      }
    });

    it('refuse an employee who was deactivated after the token was issued', async () => {
      const id = await employeeId('beleid@belastingdienst.demo');
      const { access_token } = await localTokens.issue(id);
      await owner.query(`UPDATE employees SET active = false WHERE id = $1`, [id]);
      try {
        expect((await refusal(resolver.resolve(access_token))).code).toBe('UNAUTHENTICATED');
      } finally {
        await owner.query(`UPDATE employees SET active = true WHERE id = $1`, [id]);
      }
    });
  });

  describe("an organisation's own OIDC issuer", () => {
    let server: Server;
    let issuer: string;
    let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
    const audience = 'schakel';

    beforeAll(async () => {
      const pair = await generateKeyPair('ES256');
      privateKey = pair.privateKey;
      const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
      server = createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as AddressInfo;
      issuer = `https://login.enschede.example/${env.runId}`;
      await owner.query(
        `INSERT INTO identity_providers (organisation_id, issuer, jwks_uri, audience) SELECT id, $1, $2, $3 FROM organisations WHERE slug = 'enschede'`,
        [issuer, `http://127.0.0.1:${port}/jwks`, audience],
      );
    });
    afterAll(async () => {
      await owner.query(`DELETE FROM identity_providers WHERE issuer = $1`, [issuer]);
      await new Promise((r) => server.close(r));
    });

    const sign = (claims: Record<string, unknown>, aud = audience) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(issuer).setAudience(aud).setIssuedAt().setExpirationTime('5m').sign(privateKey);

    it("sign in that organisation's employee by preferred_username", async () => {
      const actor = await resolver.resolve(await sign({ sub: 'x-123', preferred_username: 'Behandelaar@Enschede.demo' }));
      expect(actor).toMatchObject({ kind: 'employee', username: 'behandelaar@enschede.demo' });
    });

    it("never vouch for another organisation's employee", async () => {
      const error = await refusal(resolver.resolve(await sign({ preferred_username: 'balie@tilburg.demo' })));
      expect(error.code).toBe('UNAUTHENTICATED');
    });

    describe("with the web app's access tokens: audience the API's resource, username in sub", () => {
      const apiIssuer = () => `${issuer}/web`;
      beforeAll(async () => {
        await owner.query(
          `INSERT INTO identity_providers (organisation_id, issuer, jwks_uri, audience, username_claim, client_id)
           SELECT id, $1, $2, 'https://schakel.example/api', 'sub', 'schakel-web' FROM organisations WHERE slug = 'enschede'`,
          [apiIssuer(), `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`],
        );
      });
      afterAll(() => owner.query(`DELETE FROM identity_providers WHERE issuer = $1`, [apiIssuer()]));

      const accessToken = (claims: Record<string, unknown>, aud: string | string[]) =>
        new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' }).setIssuer(apiIssuer()).setAudience(aud)
          .setIssuedAt().setExpirationTime('5m').sign(privateKey);

      it('sign in by the configured claim, also with several audiences', async () => {
        const actor = await resolver.resolve(await accessToken({ sub: 'Coordinator@Enschede.demo', client_id: 'schakel-web', scope: 'openid' }, ['https://schakel.example/api', 'account']));
        expect(actor).toMatchObject({ kind: 'employee', username: 'coordinator@enschede.demo', roles: ['COORDINATOR'] });
        expect(actor.tokenExpiresAt).toEqual(expect.any(Number));
      });

      it("refuse the ID token (audience: the web app's client id) and a token without the claim", async () => {
        expect((await refusal(resolver.resolve(await accessToken({ sub: 'coordinator@enschede.demo' }, 'schakel-web')))).code).toBe('UNAUTHENTICATED');
        expect((await refusal(resolver.resolve(await accessToken({}, 'https://schakel.example/api')))).code).toBe('UNAUTHENTICATED');
      });
    });

    it('refuse a token for another audience or from an unknown issuer', async () => {
      expect((await refusal(resolver.resolve(await sign({ preferred_username: 'balie@enschede.demo' }, 'other'))) ).code).toBe('UNAUTHENTICATED');
      const stranger = await new SignJWT({ preferred_username: 'balie@enschede.demo' })
        .setProtectedHeader({ alg: 'ES256' }).setIssuer('https://evil.example').setAudience(audience).setExpirationTime('5m').sign(privateKey);
      expect((await refusal(resolver.resolve(stranger))).code).toBe('UNAUTHENTICATED');
    });
  });
});
