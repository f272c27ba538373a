import { EmployeesService, ORGANISATION_ENTITIES, OrganisationsService } from '@schakel/organisations';
import { type Actor, createDataSource, loadConfig, type RequestContext, TenantTransactions } from '@schakel/platform';
import { currentTestEnvironment } from '@schakel/testing';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { DataSource } from 'typeorm';
import { BsnCrypto } from '../citizens/bsn-crypto.service';
import type { CreateReferralCommand } from '../commands';
import { HANDOFF_TOPICS, type HandoffEventPayload } from '../events/case-events';
import { HandoffsService } from '../handoffs/handoffs.service';
import { CASE_TEXT_COLUMN_MAX, TEXT_LIMITS } from '../limits';
import { ReferralsService } from '../referrals/referrals.service';

const env = currentTestEnvironment();

/** Every statement a TypeORM query runner sends (BEGIN and COMMIT included), in order. */
function recordStatements(): { statements: string[]; stop: () => void } {
  const statements: string[] = [];
  const original = PostgresQueryRunner.prototype.query;
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, ...args: Parameters<PostgresQueryRunner['query']>) {
    statements.push(String(args[0]).replace(/\s+/g, ' ').trim());
    return original.apply(this, args);
  });
  return { statements, stop: () => spy.mockRestore() };
}

function expectHandoffPayload(payload: unknown, expected: Partial<HandoffEventPayload>): void {
  expect(payload).toEqual({
    handoffId: expect.any(String),
    referralId: expect.any(String),
    fromOrganisationId: expect.any(String),
    toOrganisationId: expect.any(String),
    status: expect.any(String),
    version: expect.any(Number),
    organisationIds: expect.any(Array),
    ...expected,
  });
}

describe('the case store (issue 10: one round trip per command)', () => {
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
      return { actor, traceId: `trace-store-${username}` };
    };
    orgId = async (slug) => (await owner.query(`SELECT id FROM organisations WHERE slug = $1`, [slug]))[0].id;
  });
  afterAll(async () => {
    await app.destroy();
    await owner.destroy();
  });

  const command = async (to: string, extra: Partial<CreateReferralCommand> = {}): Promise<CreateReferralCommand> => ({
    citizen: { bsn: '111222333', name: 'Jan Jansen' },
    toOrganisationId: await orgId(to),
    topic: 'WERK',
    summary: 'Zoekt werk na ontslag.',
    consent: { given: true, method: 'MONDELING' },
    ...extra,
  });

  it('writes a referral with everything it needs in one statement, and answers a retry from that same statement', async () => {
    const balie = await ctx('balie@tilburg.demo');
    const cmd = await command('uwv', { idempotencyKey: `store-${Date.now()}`, bottleneck: { category: 'SYSTEEM', description: 'Twee systemen kennen elkaar niet.' } });
    await referrals.create(balie, await command('uwv')); // warms the organisation directory
    const recording = recordStatements();
    let created;
    try {
      created = await referrals.createWithFirstHandoff(balie, cmd);
    } finally {
      recording.stop();
    }
    expect(recording.statements).toHaveLength(1);
    expect(recording.statements[0]).toMatch(/^SELECT app_create_referral\(\$1::jsonb\)/);

    const id = created.referral.id;
    const rows = async (sql: string) => owner.query(sql, [id]);
    expect(await rows(`SELECT organisation_id FROM referral_participants WHERE referral_id = $1`)).toHaveLength(2);
    expect(await rows(`SELECT 1 FROM citizens WHERE referral_id = $1 AND bsn_encrypted IS NOT NULL AND bsn_encrypted NOT LIKE '%111222333%'`)).toHaveLength(1);
    expect((await rows(`SELECT type FROM timeline_events WHERE referral_id = $1 ORDER BY id`)).map((r: { type: string }) => r.type)).toEqual(['REQUESTED', 'BOTTLENECK_FLAGGED']);
    expect(await rows(`SELECT 1 FROM consents WHERE referral_id = $1`)).toHaveLength(1);
    expect(await rows(`SELECT 1 FROM processing_log WHERE referral_id = $1 AND activity = 'referral.create'`)).toHaveLength(1);
    expect(await owner.query(`SELECT 1 FROM audit_log WHERE trace_id = $1 AND activity = 'referral.create'`, [balie.traceId])).not.toHaveLength(0);
    const outbox: Array<{ topic: string; payload: unknown }> = await owner.query(
      `SELECT topic, payload FROM outbox WHERE aggregate_id = $1 OR aggregate_id = $2 ORDER BY topic`,
      [id, created.firstHandoff!.id],
    );
    expect(outbox.map((o) => o.topic)).toEqual(['handoff.requested', 'referral.bottleneck_flagged']);
    expectHandoffPayload(outbox[0].payload, { status: 'REQUESTED', version: 1, urgency: 'NORMAAL', topic: 'WERK', organisationIds: [balie.actor.organisationId, cmd.toOrganisationId] });
    expect(JSON.stringify(outbox)).not.toMatch(/Jansen|111222333|ontslag/);

    // The retry: the same statement finds the first referral; nothing new is written.
    const again = recordStatements();
    try {
      expect((await referrals.create(balie, cmd)).id).toBe(id);
    } finally {
      again.stop();
    }
    expect(again.statements).toHaveLength(1);
    expect(await owner.query(`SELECT 1 FROM referrals WHERE idempotency_key = $1`, [cmd.idempotencyKey])).toHaveLength(1);
  });

  it('takes every step of the state machine in two round trips after the lock (the statement and COMMIT), forward included', async () => {
    const balie = await ctx('balie@tilburg.demo');
    const uwv = await ctx('behandelaar@uwv.demo');
    const svb = await orgId('svb');
    const steps: Array<{ name: string; run: (version: number, id: string) => Promise<{ version: number; id: string }> }> = [
      { name: 'RECEIVE', run: (v, id) => handoffs.receive(uwv, id, { expectedVersion: v }) },
      { name: 'ACCEPT', run: (v, id) => handoffs.accept(uwv, id, { expectedVersion: v }) },
      { name: 'RECORD_CONTACT', run: (v, id) => handoffs.recordContact(uwv, id, { expectedVersion: v, channel: 'TELEFOON', note: 'Gebeld.' }) },
      { name: 'FORWARD', run: (v, id) => handoffs.forward(uwv, id, { expectedVersion: v, toOrganisationId: svb, reason: 'AOW-vraag.', consent: { given: true, method: 'MONDELING' } }) },
    ];
    const { firstHandoff } = await referrals.createWithFirstHandoff(balie, await command('uwv'));
    let current = { id: firstHandoff!.id, version: 1 };
    for (const step of steps) {
      const recording = recordStatements();
      try {
        current = await step.run(current.version, current.id);
      } finally {
        recording.stop();
      }
      const lock = recording.statements.findIndex((s) => / FOR UPDATE$/.test(s));
      expect([step.name, lock]).toEqual([step.name, expect.any(Number)]);
      expect([step.name, recording.statements.slice(lock + 1).length]).toEqual([step.name, 2]);
      expect(recording.statements.at(-1)).toBe('COMMIT');
    }
    // Forward wrote the next link, its consent and REQUESTED event, and both outbox rows.
    const outbox: Array<{ topic: string; payload: HandoffEventPayload }> = await owner.query(
      `SELECT o.topic, o.payload FROM outbox o JOIN handoffs h ON h.id = o.aggregate_id WHERE h.referral_id = $1 ORDER BY o.created_at, o.topic`,
      [firstHandoff!.referralId],
    );
    expect(outbox.map((o) => o.topic)).toEqual(expect.arrayContaining(['handoff.forwarded', 'handoff.requested', 'handoff.contact_recorded']));
    const chain = [balie.actor.organisationId, uwv.actor.organisationId, svb].sort();
    for (const o of outbox.filter((x) => x.topic === 'handoff.forwarded' || (x.topic === 'handoff.requested' && x.payload.status === 'REQUESTED' && x.payload.fromOrganisationId === uwv.actor.organisationId))) {
      expect(HANDOFF_TOPICS).toContain(o.topic);
      expectHandoffPayload(o.payload, { organisationIds: chain });
    }
    const timeline: Array<{ type: string }> = await owner.query(`SELECT type FROM timeline_events WHERE referral_id = $1 ORDER BY id`, [firstHandoff!.referralId]);
    expect(timeline.map((t) => t.type)).toEqual(['REQUESTED', 'RECEIVED', 'ACCEPTED', 'CONTACT_RECORDED', 'FORWARDED', 'REQUESTED']);
  });

  it('keeps the referral status with its latest link: completed is RESOLVED, cancelled WITHDRAWN', async () => {
    const balie = await ctx('balie@tilburg.demo');
    const uwv = await ctx('behandelaar@uwv.demo');
    const one = await referrals.createWithFirstHandoff(balie, await command('uwv'));
    await handoffs.cancel(balie, one.firstHandoff!.id, { expectedVersion: 1, reason: 'Toch niet nodig.' });
    expect((await referrals.get(balie, one.referral.id)).status).toBe('WITHDRAWN');
    const two = await referrals.createWithFirstHandoff(balie, await command('uwv'));
    const accepted = await handoffs.accept(uwv, two.firstHandoff!.id, { expectedVersion: 1 });
    await handoffs.complete(uwv, accepted.id, { expectedVersion: accepted.version, outcome: 'GEHOLPEN' });
    const resolved = await referrals.get(balie, two.referral.id);
    expect(resolved.status).toBe('RESOLVED');
    expect(resolved.closedAt).toBeInstanceOf(Date);
  });

  it('has input limits equal to the database CHECK constraints, so valid input always fits', async () => {
    const checks: Array<{ table: string; def: string }> = await owner.query(
      `SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'c' AND conrelid::regclass::text = ANY($1::text[])`,
      [['referrals', 'citizens', 'handoffs', 'timeline_events', 'bottlenecks']],
    );
    const limitOf = (table: string, column: string): number => {
      const def = checks.find((c) => c.table === table && new RegExp(`length\\((btrim\\()?${column}\\)?\\)`).test(c.def))?.def ?? '';
      const m = /(?:<=|AND) (\d+)\)/.exec(def);
      if (!m) throw new Error(`no length CHECK on ${table}.${column}: ${def}`);
      return Number(m[1]);
    };
    expect({
      summary: limitOf('referrals', 'summary'),
      idempotencyKey: limitOf('referrals', 'idempotency_key'),
      citizenName: limitOf('citizens', 'name'),
      email: limitOf('citizens', 'email'),
      phone: limitOf('citizens', 'phone'),
      reason: limitOf('handoffs', 'reason'),
      forwardSummary: limitOf('handoffs', 'summary'),
      outcomeNote: limitOf('handoffs', 'outcome_note'),
      note: limitOf('timeline_events', 'note'),
      contactNote: limitOf('timeline_events', 'note'),
      bottleneckRule: limitOf('bottlenecks', 'rule'),
      bottleneckDescription: limitOf('bottlenecks', 'description'),
      customSolution: limitOf('bottlenecks', 'custom_solution'),
    }).toEqual({ ...TEXT_LIMITS });
    expect(TEXT_LIMITS.reason).toBe(CASE_TEXT_COLUMN_MAX);
  });
});
