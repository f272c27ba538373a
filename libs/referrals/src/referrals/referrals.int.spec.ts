import { EmployeesService, ORGANISATION_ENTITIES, OrganisationsService } from '@schakel/organisations';
import { type Actor, createDataSource, loadConfig, type RequestContext, runInTenant, TenantTransactions } from '@schakel/platform';
import { currentTestEnvironment } from '@schakel/testing';
import type { DataSource } from 'typeorm';
import { BsnCrypto } from '../citizens/bsn-crypto.service';
import type { CreateReferralCommand } from '../commands';
import { HandoffsService } from '../handoffs/handoffs.service';
import { ReferralsService } from './referrals.service';

const env = currentTestEnvironment();

describe('referrals on real PostgreSQL', () => {
  let app: DataSource;
  let owner: DataSource;
  let referrals: ReferralsService;
  let handoffs: HandoffsService;
  let ctx: (username: string) => Promise<RequestContext>;
  let orgId: (slug: string) => Promise<string>;

  beforeAll(async () => {
    app = await createDataSource({ url: env.appUrl, entities: ORGANISATION_ENTITIES, poolSize: 4 }).initialize();
    owner = await createDataSource({ url: env.ownerUrl, entities: [], poolSize: 1 }).initialize();
    const tx = new TenantTransactions(app);
    const organisations = new OrganisationsService(app);
    referrals = new ReferralsService(tx, organisations, new BsnCrypto(loadConfig({ NODE_ENV: 'test' })), app);
    handoffs = new HandoffsService(tx, organisations, new EmployeesService(app));
    ctx = async (username) => {
      const [e] = await owner.query(`SELECT id, organisation_id, roles::text[] AS roles FROM employees WHERE username = $1`, [username]);
      const actor: Actor = { kind: 'employee', employeeId: e.id, username, organisationId: e.organisation_id, roles: e.roles };
      return { actor, traceId: `trace-${username}` };
    };
    orgId = async (slug) => (await owner.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]))[0].id;
  });
  afterAll(async () => {
    await app.destroy();
    await owner.destroy();
  });

  const command = async (to: string, bsn = '111222333'): Promise<CreateReferralCommand> => ({
    citizen: { bsn, name: 'Jan Jansen', phone: '0611111111' },
    toOrganisationId: await orgId(to),
    topic: 'SCHULDEN',
    summary: 'Schulden bij de Belastingdienst en de gemeente.',
    consent: { given: true, method: 'SCHRIFTELIJK' },
  });

  it('row-level security: with organisation A set, a raw query as the app role sees none of B\'s rows; without one, nothing', async () => {
    const tilburg = await ctx('balie@tilburg.demo');
    const enschede = await ctx('balie@enschede.demo');
    const a = await referrals.create(tilburg, await command('uwv'));
    const b = await referrals.create(enschede, await command('svb'));

    for (const table of ['referrals', 'citizens', 'handoffs', 'consents', 'timeline_events', 'referral_participants']) {
      const column = table === 'referrals' ? 'id' : 'referral_id';
      const seenByTilburg = await runInTenant(app, { organisationId: tilburg.actor.organisationId }, (m) =>
        m.query(`SELECT ${column} AS referral FROM ${table} WHERE ${column} = ANY($1::uuid[])`, [[a.id, b.id]]),
      );
      expect([table, seenByTilburg.map((r: { referral: string }) => r.referral)]).toEqual([table, expect.not.arrayContaining([b.id])]);
      expect(seenByTilburg.length).toBeGreaterThan(0);
      const seenByNobody = await app.query(`SELECT 1 FROM ${table}`);
      expect([table, seenByNobody.length]).toEqual([table, 0]);
    }
    // The receiver sees the case too; a third organisation does not.
    const atUwv = await runInTenant(app, { organisationId: await orgId('uwv') }, (m) => m.query(`SELECT id FROM referrals WHERE id = $1`, [a.id]));
    expect(atUwv).toHaveLength(1);
    const atSvb = await runInTenant(app, { organisationId: await orgId('svb') }, (m) => m.query(`SELECT id FROM referrals WHERE id = $1`, [a.id]));
    expect(atSvb).toHaveLength(0);
  });

  it('the app role cannot enrol itself in another chain, write for another organisation, nor rewrite the timeline', async () => {
    const tilburg = await ctx('balie@tilburg.demo');
    const enschede = await ctx('balie@enschede.demo');
    const r = await referrals.create(tilburg, await command('uwv'));
    const theirs = await referrals.create(enschede, await command('svb'));
    const tilburgId = tilburg.actor.organisationId;
    // Knowing another referral's id is not enough to join its chain.
    await expect(
      runInTenant(app, { organisationId: tilburgId }, (m) =>
        m.query(`INSERT INTO referral_participants (referral_id, organisation_id) VALUES ($1, $2)`, [theirs.id, tilburgId]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      runInTenant(app, { organisationId: tilburgId }, (m) =>
        m.query(`INSERT INTO timeline_events (referral_id, type, actor_organisation_id) VALUES ($1, 'NOTE_ADDED', $2)`, [theirs.id, tilburgId]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      runInTenant(app, { organisationId: tilburgId }, (m) => m.query(`UPDATE handoffs SET status = 'CANCELLED' WHERE referral_id = $1`, [theirs.id])),
    ).resolves.toBeDefined();
    const [untouched] = await owner.query(`SELECT status FROM handoffs WHERE referral_id = $1`, [theirs.id]);
    expect(untouched.status).toBe('REQUESTED');
    // The note may only be emptied, on an anonymised referral (ADR 0011): the policy refuses this.
    await expect(runInTenant(app, { organisationId: tilburgId }, (m) => m.query(`UPDATE timeline_events SET note = 'x' WHERE referral_id = $1`, [r.id]))).rejects.toThrow(/row-level security/);
    await expect(runInTenant(app, { organisationId: tilburgId }, (m) => m.query(`UPDATE timeline_events SET note = NULL WHERE referral_id = $1`, [r.id]))).rejects.toThrow(/row-level security/);
    await expect(runInTenant(app, { organisationId: tilburgId }, (m) => m.query(`UPDATE timeline_events SET type = 'x' WHERE referral_id = $1`, [r.id]))).rejects.toThrow(/permission denied/);
    await expect(runInTenant(app, { organisationId: tilburgId }, (m) => m.query(`DELETE FROM timeline_events WHERE referral_id = $1`, [r.id]))).rejects.toThrow(/permission denied/);
    await expect(runInTenant(app, { organisationId: tilburgId }, (m) => m.query(`DELETE FROM processing_log`))).rejects.toThrow(/permission denied/);
  });

  it('stores the BSN encrypted: it is nowhere in the table in plain text, and the look-up still works', async () => {
    const tilburg = await ctx('behandelaar@tilburg.demo');
    const r = await referrals.create(tilburg, await command('belastingdienst', '123456782'));
    const [row] = await owner.query(`SELECT row_to_json(c)::text AS json FROM citizens c WHERE referral_id = $1`, [r.id]);
    expect(row.json).not.toContain('123456782');
    const [outbox] = await owner.query(`SELECT string_agg(payload::text, ' ') AS payloads FROM outbox WHERE payload->>'referralId' = $1`, [r.id]);
    expect(outbox.payloads).not.toContain('123456782');
    expect(outbox.payloads).not.toContain('Jan Jansen');
    const found = await referrals.forCitizen(tilburg, '123456782');
    expect(found.map((f) => f.id)).toContain(r.id);
  });

  it('writes a processing-log record (pseudonymised) per processing, and the employee only to the audit log', async () => {
    const tilburg = await ctx('coordinator@tilburg.demo');
    const r = await referrals.create({ ...tilburg, traceId: 'trace-processing-1' }, await command('uwv', '999999990'));
    await referrals.forCitizen({ ...tilburg, traceId: 'trace-processing-2' }, '999999990');
    const logs = await owner.query(`SELECT activity, subject_pseudonym, referral_id FROM processing_log WHERE trace_id IN ('trace-processing-1', 'trace-processing-2') ORDER BY id`);
    expect(logs.map((l: { activity: string }) => l.activity)).toEqual(['referral.create', 'citizen.search']);
    expect(logs[0].subject_pseudonym).toBe(logs[1].subject_pseudonym);
    expect(logs[0].subject_pseudonym).not.toContain('999999990');
    expect(logs[0].referral_id).toBe(r.id);
    const audit = await owner.query(`SELECT employee_id FROM audit_log WHERE trace_id = 'trace-processing-1'`);
    expect(audit).toEqual([{ employee_id: tilburg.actor.employeeId }]);
  });

  it('writes one outbox row per transition, with ids only, in the same transaction', async () => {
    const tilburg = await ctx('balie@tilburg.demo');
    const uwv = await ctx('behandelaar@uwv.demo');
    const r = await referrals.create(tilburg, await command('uwv'));
    const [{ id: handoffId }] = await owner.query(`SELECT id FROM handoffs WHERE referral_id = $1`, [r.id]);
    await handoffs.accept(uwv, handoffId, { expectedVersion: 1 });
    await expect(handoffs.complete(uwv, handoffId, { expectedVersion: 1, outcome: 'GEHOLPEN' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const rows = await owner.query(`SELECT topic, payload FROM outbox WHERE aggregate_id = $1 ORDER BY created_at`, [handoffId]);
    expect(rows.map((o: { topic: string }) => o.topic)).toEqual(['handoff.requested', 'handoff.accepted']);
    expect(Object.keys(rows[1].payload).sort()).toEqual(['fromOrganisationId', 'handoffId', 'organisationIds', 'referralId', 'status', 'toOrganisationId', 'version']);
    expect([...rows[1].payload.organisationIds].sort()).toEqual([tilburg.actor.organisationId, uwv.actor.organisationId].sort());
  });

  it('lets exactly one of many concurrent accepts win', async () => {
    const tilburg = await ctx('balie@tilburg.demo');
    const r = await referrals.create(tilburg, await command('svb'));
    const [{ id }] = await owner.query(`SELECT id FROM handoffs WHERE referral_id = $1`, [r.id]);
    const svb = await Promise.all([ctx('behandelaar@svb.demo'), ctx('coordinator@svb.demo')]);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => handoffs.accept(svb[i % 2], id, { expectedVersion: 1 })));
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    for (const failed of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(failed.reason).toMatchObject({ code: 'CONFLICT' });
    }
    const [{ version, n }] = await owner.query(`SELECT h.version, (SELECT count(*)::int FROM timeline_events t WHERE t.handoff_id = h.id AND t.type = 'ACCEPTED') AS n FROM handoffs h WHERE h.id = $1`, [id]);
    expect([version, n]).toEqual([2, 1]);
  });

  it('idempotency holds under a race: two creates with one key make one referral', async () => {
    const tilburg = await ctx('balie@tilburg.demo');
    const input = { ...(await command('uwv')), idempotencyKey: `race-${Date.now()}` };
    const [a, b] = await Promise.all([referrals.create(tilburg, input), referrals.create(tilburg, input)]);
    expect(a.id).toBe(b.id);
  });
});
