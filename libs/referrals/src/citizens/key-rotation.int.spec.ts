import { ORGANISATION_ENTITIES, OrganisationsService } from '@schakel/organisations';
import { type Actor, createDataSource, loadConfig, type RequestContext, TenantTransactions } from '@schakel/platform';
import { currentTestEnvironment } from '@schakel/testing';
import type { DataSource } from 'typeorm';
import { ReferralsService } from '../referrals/referrals.service';
import { BsnCrypto } from './bsn-crypto.service';
import { countRowsToRotate, rotateCitizenKeys } from './key-rotation';

const env = currentTestEnvironment();

/**
 * The unhappy paths of key rotation on the shared database, next to test/key-rotation.e2e-spec.ts
 * (the happy path on a database of its own): a row under a key that is not configured, or only a
 * wrong previous key, is counted as unreadable and left exactly as it was (ciphertext, hashes and
 * the processing log), and a later run with the right previous key finishes it. The current keys
 * are the shared database's own, so rows of other suites are not pending and stay untouched.
 */
describe('key rotation with a missing or wrong previous key', () => {
  const KEY_Z = Buffer.alloc(32, 'Z').toString('base64');
  const HMAC_Z = 'hmac-key-Z-'.padEnd(40, 'z');
  const KEY_W = Buffer.alloc(32, 'W').toString('base64');
  const HMAC_W = 'hmac-key-W-'.padEnd(40, 'w');
  const BSN = '987654329';
  let app: DataSource;
  let owner: DataSource;
  let context: RequestContext;
  let referralId: string;
  const crypto = (keys: Record<string, string> = {}) => new BsnCrypto(loadConfig({ NODE_ENV: 'test', ...keys }));
  const citizen = async () =>
    (await owner.query(`SELECT bsn_encrypted, bsn_hash, subject_pseudonym, bsn_key_id, hmac_key_id FROM citizens WHERE referral_id = $1`, [referralId]))[0];
  const logged = async (pseudonym: string) => (await owner.query(`SELECT count(*)::int AS n FROM processing_log WHERE subject_pseudonym = $1`, [pseudonym]))[0].n as number;

  beforeAll(async () => {
    app = await createDataSource({ url: env.appUrl, entities: ORGANISATION_ENTITIES, poolSize: 2 }).initialize();
    owner = await createDataSource({ url: env.ownerUrl, entities: [], poolSize: 1 }).initialize();
    const [e] = await owner.query(`SELECT id, organisation_id, roles::text[] AS roles FROM employees WHERE username = 'balie@tilburg.demo'`);
    const actor: Actor = { kind: 'employee', employeeId: e.id, username: 'balie@tilburg.demo', organisationId: e.organisation_id, roles: e.roles };
    context = { actor, traceId: 'trace-key-rotation-unhappy' };
    const uwvId = (await owner.query(`SELECT id FROM organisations WHERE slug = 'uwv'`))[0].id;
    // Written by an API that had key Z as its current key.
    const underZ = new ReferralsService(new TenantTransactions(app), new OrganisationsService(app), crypto({ BSN_ENCRYPTION_KEY: KEY_Z, BSN_HMAC_KEY: HMAC_Z }), app);
    referralId = (await underZ.create(context, {
      citizen: { bsn: BSN, name: 'Sleutel Sanne', phone: '0612345678' },
      toOrganisationId: uwvId,
      topic: 'WERK',
      summary: 'Zoekt werk.',
      consent: { given: true, method: 'MONDELING' },
    })).id;
  });
  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
  });

  it('leaves a row it cannot decrypt as it was, without the previous key and with a wrong one', async () => {
    const before = await citizen();
    const pseudonymZ = crypto({ BSN_ENCRYPTION_KEY: KEY_Z, BSN_HMAC_KEY: HMAC_Z }).pseudonym(BSN);
    expect(await logged(pseudonymZ)).toBeGreaterThan(0);
    const logBefore = await logged(pseudonymZ);

    const rings: Array<Record<string, string>> = [{}, { BSN_ENCRYPTION_KEYS_PREVIOUS: KEY_W, BSN_HMAC_KEYS_PREVIOUS: HMAC_W }];
    for (const keys of rings) {
      const current = crypto(keys);
      expect(await countRowsToRotate(owner, current)).toBeGreaterThanOrEqual(1);
      const result = await rotateCitizenKeys(owner, current, { batchSize: 1 });
      expect(result.unreadable).toBeGreaterThanOrEqual(1);
      expect(await citizen()).toEqual(before);
      expect(await logged(pseudonymZ)).toBe(logBefore);
      expect(await countRowsToRotate(owner, current)).toBeGreaterThanOrEqual(1);
    }
  });

  it('finishes the row on a later run with the right previous key: readable and found under the current keys', async () => {
    const current = crypto({ BSN_ENCRYPTION_KEYS_PREVIOUS: `${KEY_W},${KEY_Z}`, BSN_HMAC_KEYS_PREVIOUS: `${HMAC_W},${HMAC_Z}` });
    const result = await rotateCitizenKeys(owner, current);
    expect(result.rewritten).toBeGreaterThanOrEqual(1);
    const after = await citizen();
    expect(after).toMatchObject({ bsn_key_id: current.encryptionKeyId, hmac_key_id: current.hmacKeyId, bsn_hash: current.lookupHash(BSN), subject_pseudonym: current.pseudonym(BSN) });
    expect(current.isCurrent(after.bsn_encrypted)).toBe(true);
    expect(crypto().decrypt(after.bsn_encrypted)).toBe(BSN);
    expect(await logged(crypto({ BSN_ENCRYPTION_KEY: KEY_Z, BSN_HMAC_KEY: HMAC_Z }).pseudonym(BSN))).toBe(0);
    const found = await new ReferralsService(new TenantTransactions(app), new OrganisationsService(app), crypto(), app).forCitizen(context, BSN);
    expect(found.map((r) => r.id)).toContain(referralId);
  });
});
