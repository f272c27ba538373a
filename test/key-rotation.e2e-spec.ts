import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ORGANISATION_ENTITIES, OrganisationsService } from '@schakel/organisations';
import { type Actor, type AppConfig, createDataSource, loadConfig, type RequestContext, TenantTransactions } from '@schakel/platform';
import { BsnCrypto, CaseReader, countRowsToRotate, ReferralsService, rotateCitizenKeys } from '@schakel/referrals';
import type { DataSource } from 'typeorm';
import { IsolatedEnvironment } from './support/isolated-environment';

/**
 * Key rotation of the BSN key and the HMAC key (issue 9, "Backups leak nothing new"): rows made
 * under key A are rewritten to key B in batches while the API keeps reading and writing (it reads
 * the whole ring), look-ups by BSN work during and after, nothing is left under A, and a second
 * run is a no-op. On a database of its own: other suites use the development keys.
 */
const ROOT = join(__dirname, '..');
const KEY_A = Buffer.alloc(32, 'A').toString('base64');
const KEY_B = Buffer.alloc(32, 'B').toString('base64');
const HMAC_A = 'hmac-key-A-'.padEnd(40, 'a');
const HMAC_B = 'hmac-key-B-'.padEnd(40, 'b');
const BSN = '111222333';
const OTHER = '123456782';

describe('BSN key rotation', () => {
  const env = new IsolatedEnvironment('keys');
  let app: DataSource;
  let owner: DataSource;
  let tilburg: RequestContext;
  let uwvId: string;
  const keysA = { BSN_ENCRYPTION_KEY: KEY_A, BSN_HMAC_KEY: HMAC_A };
  const keysDuring = { BSN_ENCRYPTION_KEY: KEY_B, BSN_HMAC_KEY: HMAC_B, BSN_ENCRYPTION_KEYS_PREVIOUS: KEY_A, BSN_HMAC_KEYS_PREVIOUS: HMAC_A };
  const keysB = { BSN_ENCRYPTION_KEY: KEY_B, BSN_HMAC_KEY: HMAC_B };
  const config = (keys: Record<string, string>): AppConfig => loadConfig({ NODE_ENV: 'test', ...keys });
  const services = (keys: Record<string, string>) => {
    const crypto = new BsnCrypto(config(keys));
    const tx = new TenantTransactions(app);
    return { crypto, referrals: new ReferralsService(tx, new OrganisationsService(app), crypto, app), reader: new CaseReader(tx, crypto) };
  };
  const command = (bsn: string, key?: string) => ({
    citizen: { bsn, name: 'Rotatie Rita', phone: '0612345678' },
    toOrganisationId: uwvId,
    topic: 'WERK' as const,
    summary: 'Zoekt werk.',
    consent: { given: true, method: 'MONDELING' as const },
    idempotencyKey: key,
  });

  beforeAll(async () => {
    await env.setUp();
    app = await createDataSource({ url: env.appUrl, entities: ORGANISATION_ENTITIES, poolSize: 4 }).initialize();
    owner = await createDataSource({ url: env.ownerUrl, entities: [], poolSize: 2 }).initialize();
    const [e] = await owner.query(`SELECT id, organisation_id, roles::text[] AS roles FROM employees WHERE username = 'balie@tilburg.demo'`);
    const actor: Actor = { kind: 'employee', employeeId: e.id, username: 'balie@tilburg.demo', organisationId: e.organisation_id, roles: e.roles };
    tilburg = { actor, traceId: 'trace-keys' };
    uwvId = (await owner.query(`SELECT id FROM organisations WHERE slug = 'uwv'`))[0].id;
  });
  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
    await env.tearDown();
  });

  it('rewrites every row from key A to key B in batches; look-ups work during and after; a second run is a no-op', async () => {
    const underA = services(keysA);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await underA.referrals.create(tilburg, command(BSN))).id);
    made.push((await underA.referrals.create(tilburg, command(OTHER, 'retry-me'))).id);
    // One row as written before key ids existed: `v1.` ciphertext, no key ids.
    const [legacy] = await owner.query(`SELECT referral_id FROM citizens WHERE referral_id = $1`, [made[0]]);
    const { createCipheriv, randomBytes } = await import('node:crypto');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(KEY_A, 'base64'), iv);
    const ct = Buffer.concat([cipher.update(BSN, 'utf8'), cipher.final()]);
    await owner.query(`UPDATE citizens SET bsn_encrypted = $2, bsn_key_id = NULL, hmac_key_id = NULL WHERE referral_id = $1`, [
      legacy.referral_id,
      ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.'),
    ]);
    await underA.referrals.forCitizen(tilburg, BSN); // a citizen.search under pseudonym A

    // The API is redeployed with B current and A previous, then the rotation runs.
    const during = services(keysDuring);
    expect(await countRowsToRotate(owner, during.crypto)).toBe(8);
    // After each batch, while the next one runs: the API finds and reads every referral.
    const seenDuring: Array<Promise<string[]>> = [];
    const progress = await rotateCitizenKeys(owner, during.crypto, {
      batchSize: 3,
      onProgress: () => {
        seenDuring.push(during.referrals.forCitizen(tilburg, BSN).then(async (found) => {
          const read = await during.reader.citizens(tilburg, found.map((r) => r.id));
          return read.map((c) => c?.bsn ?? 'unreadable');
        }));
      },
    });
    expect(progress).toEqual({ rewritten: 8, pending: 8, unreadable: 0 });
    const during3 = await Promise.all(seenDuring);
    expect(during3).toEqual([Array(7).fill(BSN), Array(7).fill(BSN), Array(7).fill(BSN)]); // batches of 3 + 3 + 2

    // During: mixed rows (simulate by checking a half-way state with a fresh row under A).
    const lateUnderA = (await underA.referrals.create(tilburg, command(BSN))).id;
    expect((await during.referrals.forCitizen(tilburg, BSN)).map((r) => r.id).sort()).toEqual([...made.slice(0, 7), lateUnderA].sort());
    expect((await during.reader.citizens(tilburg, [lateUnderA, made[1]])).map((c) => c?.bsn)).toEqual([BSN, BSN]);
    // The API keeps writing meanwhile: a new referral under B.
    const newUnderB = (await during.referrals.create(tilburg, command(BSN))).id;
    await rotateCitizenKeys(owner, during.crypto, { batchSize: 500 });

    // After: nothing under A is left, anywhere.
    const b = new BsnCrypto(config(keysB));
    const a = new BsnCrypto(config(keysA));
    const rows: Array<{ enc: string; hash: string; pseudonym: string; bsnKey: string; hmacKey: string }> = await owner.query(
      `SELECT bsn_encrypted AS enc, bsn_hash AS hash, subject_pseudonym AS pseudonym, bsn_key_id AS "bsnKey", hmac_key_id AS "hmacKey" FROM citizens`,
    );
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row).toMatchObject({ bsnKey: b.encryptionKeyId, hmacKey: b.hmacKeyId });
      expect(row.enc.startsWith(`v2.${b.encryptionKeyId}.`)).toBe(true);
      expect([a.lookupHash(BSN), a.lookupHash(OTHER)]).not.toContain(row.hash);
    }
    const logUnderA = await owner.query(`SELECT count(*)::int AS n FROM processing_log WHERE subject_pseudonym = ANY($1)`, [[a.pseudonym(BSN), a.pseudonym(OTHER)]]);
    expect(logUnderA[0].n).toBe(0);
    const logUnderB = await owner.query(`SELECT count(*)::int AS n FROM processing_log WHERE subject_pseudonym = $1`, [b.pseudonym(BSN)]);
    expect(logUnderB[0].n).toBeGreaterThanOrEqual(10);

    // With only key B configured (A removed), everything reads and referralsForCitizen finds all.
    const onlyB = services(keysB);
    expect((await onlyB.referrals.forCitizen(tilburg, BSN)).map((r) => r.id).sort()).toEqual([...made.slice(0, 7), lateUnderA, newUnderB].sort());
    const citizens = await onlyB.reader.citizens(tilburg, [...made, lateUnderA, newUnderB]);
    expect(citizens.map((c) => c?.bsn)).toEqual([...Array(7).fill(BSN), OTHER, BSN, BSN]);
    // An idempotent retry of a request made under A still answers the same referral while A is previous.
    expect((await during.referrals.create(tilburg, command(OTHER, 'retry-me'))).id).toBe(made[7]);

    // A second run rewrites nothing, and changes no byte.
    const before = await owner.query(`SELECT id, bsn_encrypted, bsn_hash, subject_pseudonym FROM citizens ORDER BY id`);
    expect(await rotateCitizenKeys(owner, during.crypto)).toEqual({ rewritten: 0, pending: 0, unreadable: 0 });
    expect(await owner.query(`SELECT id, bsn_encrypted, bsn_hash, subject_pseudonym FROM citizens ORDER BY id`)).toEqual(before);
  });

  it('npm run keys:rotate (scripts/rotate-keys.ts): prints progress and counts, never a BSN, hash or key', () => {
    const run = (args: string[], keys: Record<string, string>) =>
      spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'scripts/rotate-keys.ts'), ...args], {
        cwd: ROOT,
        env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), DATABASE_OWNER_URL: env.ownerUrl, DATABASE_URL: env.appUrl, NODE_ENV: 'test', ...keys },
        encoding: 'utf8',
        timeout: 60_000,
      });
    // Back to A (B previous): the command does the whole rotation.
    const back = run(['--batch-size=4'], { BSN_ENCRYPTION_KEY: KEY_A, BSN_HMAC_KEY: HMAC_A, BSN_ENCRYPTION_KEYS_PREVIOUS: KEY_B, BSN_HMAC_KEYS_PREVIOUS: HMAC_B });
    expect([back.status, back.stderr]).toEqual([0, '']);
    expect(back.stdout).toContain('Nog om te zetten: 10 inwoner(s)');
    expect(back.stdout).toContain('Omgezet: 4 van 10');
    expect(back.stdout).toContain('Klaar: 10 omgezet, 0 over');
    const check = run(['--check'], { BSN_ENCRYPTION_KEY: KEY_A, BSN_HMAC_KEY: HMAC_A });
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('Nog om te zetten: 0');
    for (const secret of [BSN, OTHER, KEY_A, KEY_B, HMAC_A, HMAC_B]) expect(back.stdout + back.stderr + check.stdout).not.toContain(secret);
  });
});
