import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { createApiApp } from '@schakel/api';
import { RetentionService } from '@schakel/follow-ups';
import { QueueName } from '@schakel/platform';
import { BsnCrypto } from '@schakel/referrals';
import { currentTestEnvironment, eventually, TestClient } from '@schakel/testing';
import { createWorker, HeartbeatScheduler } from '@schakel/worker';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';

/**
 * Retention and anonymisation end to end (ADR 0011, docs/security/retention.md): referrals with a
 * distinctive value planted in every free-text field and contact detail are closed; some are moved
 * past their retention with the owner connection. After the worker's retention job, no table
 * column and no Redis key of this run holds a planted value or a form of an old BSN, while the
 * young, the open and the long-retention referrals are untouched and the report facts survive.
 */

/** A valid BSN (11-test) from 8 digits. */
function bsn(eight: string): string {
  for (let bump = 0; bump < 100; bump++) {
    const digits = String(Number(eight) + bump).padStart(8, '0').split('').map(Number);
    const sum = digits.reduce((s, d, i) => s + d * (9 - i), 0);
    const last = sum % 11;
    if (last < 10) return digits.join('') + String(last);
  }
  throw new Error('no BSN');
}

interface Case {
  label: string;
  bsn: string;
  referralId: string;
  handoffIds: string[];
}

describe('retention and anonymisation (end to end)', () => {
  const env = new IsolatedEnvironment('retention');
  let api: INestApplication;
  let worker: INestApplicationContext;
  let client: TestClient;
  let owner: Client;
  let redis: Redis;
  const orgs: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const token = async (u: string) => (tokens[u] ??= await client.devToken(u));
  const gql = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) => client.graphql<T>(query, variables, await token(who));
  const must = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await gql<T>(who, query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data as T;
  };

  const cases: Record<string, Case> = {};
  /** The planted marker of a case: every free text and contact detail of it contains it. */
  const mark = (label: string) => `ZQX${label}QZ`;

  const version = async (who: string, id: string) => (await must<{ handoff: { version: number } }>(who, `query ($id: ID!) { handoff(id: $id) { version } }`, { id })).handoff.version;
  const act = async (who: string, mutation: string, id: string, input: Record<string, unknown>, inputType: string) =>
    must(who, `mutation ($id: ID!, $input: ${inputType}!) { ${mutation}(id: $id, input: $input) { id } }`, { id, input: { ...input, expectedVersion: await version(who, id) } });

  /** A referral from Tilburg with a planted marker in every text it can carry. */
  const refer = async (label: string, to: string, seed: string): Promise<Case> => {
    const m = mark(label);
    const citizenBsn = bsn(seed);
    const data = await must<{ createReferral: { id: string; currentHandoff: { id: string } } }>(
      'balie@tilburg.demo',
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id currentHandoff { id } } }`,
      {
        input: {
          citizen: { bsn: citizenBsn, name: `Naam ${m}`, phone: `+31 6 ${seed}`, email: `${m.toLowerCase()}@example.nl`, preferredChannel: 'TELEFOON', doNotContact: true },
          toOrganisationId: orgs[to],
          topic: 'SCHULDEN',
          urgency: 'HOOG',
          summary: `Verhaal ${m} met schulden.`,
          consent: { given: true, method: 'MONDELING' },
          bottleneck: { category: 'WET_EN_REGELGEVING', rule: `Regel ${m}`, description: `Knelpunt ${m}`, customSolutionApplied: true, customSolution: `Maatwerk ${m}` },
          idempotencyKey: `key-${m}`,
        },
      },
    );
    const c: Case = { label, bsn: citizenBsn, referralId: data.createReferral.id, handoffIds: [data.createReferral.currentHandoff.id] };
    await must('balie@tilburg.demo', `mutation ($id: ID!, $text: String!) { addReferralNote(referralId: $id, text: $text) { id } }`, { id: c.referralId, text: `Notitie ${m}` });
    await must('balie@tilburg.demo', `mutation ($id: ID!, $input: BottleneckInput!) { flagBottleneck(referralId: $id, input: $input) { id } }`, {
      id: c.referralId,
      input: { category: 'SYSTEEM', rule: `Tweede regel ${m}`, description: `Tweede knelpunt ${m}` },
    });
    cases[label] = c;
    return c;
  };

  /** The receiver takes it all the way: receive, accept, contact, complete with an outcome note. */
  const complete = async (c: Case, receiver: string, handoffId = c.handoffIds[c.handoffIds.length - 1]) => {
    const m = mark(c.label);
    await act(receiver, 'receiveHandoff', handoffId, {}, 'VersionInput');
    await act(receiver, 'acceptHandoff', handoffId, {}, 'AcceptHandoffInput');
    await act(receiver, 'recordContact', handoffId, { note: `Contact ${m}`, channel: 'VIA_VERWIJZER' }, 'RecordContactInput');
    await act(receiver, 'completeHandoff', handoffId, { outcome: 'GEHOLPEN', note: `Uitkomst ${m}` }, 'CompleteHandoffInput');
  };

  /** Every column of every table in the schema that contains one of the needles (owner: no RLS). */
  const scanDatabase = async (needles: string[]): Promise<string[]> => {
    const patterns = needles.map((n) => `%${n}%`);
    const hexPatterns = needles.map((n) => `%${Buffer.from(n).toString('hex')}%`);
    const { rows: columns } = await owner.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public'`,
    );
    const hits: string[] = [];
    for (const col of columns) {
      const ref = `"${col.table_name}"."${col.column_name}"`;
      const text = col.data_type === 'bytea' ? `encode(${ref}, 'hex') ILIKE ANY($2) OR convert_from(${ref}, 'SQL_ASCII') ILIKE ANY($1)` : `${ref}::text ILIKE ANY($1)`;
      const params = col.data_type === 'bytea' ? [patterns, hexPatterns] : [patterns];
      const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${col.table_name}" WHERE ${text}`, params);
      if (rows[0].n > 0) hits.push(`${ref} (${rows[0].n})`);
    }
    return hits;
  };

  /** Every Redis key of this run's prefix whose name or content contains one of the needles. */
  const scanRedis = async (needles: string[]): Promise<string[]> => {
    const lower = needles.map((n) => n.toLowerCase());
    const hits: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.redisPrefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const parts: string[] = [key];
        if (type === 'string') parts.push((await redis.get(key)) ?? '');
        else if (type === 'hash') parts.push(...Object.entries(await redis.hgetall(key)).flat());
        else if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
        else if (type === 'set') parts.push(...(await redis.smembers(key)));
        else if (type === 'zset') parts.push(...(await redis.zrange(key, 0, -1)));
        else if (type === 'stream') parts.push(...(await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]));
        const content = parts.join('\n').toLowerCase();
        if (lower.some((n) => content.includes(n))) hits.push(key);
      }
    } while (cursor !== '0');
    return hits;
  };

  /** Every form of a BSN we can look for: plain, with separators, its look-up hash and pseudonym. */
  const bsnForms = (value: string): string[] => {
    const crypto = api.get(BsnCrypto, { strict: false });
    return [value, `${value.slice(0, 4)}.${value.slice(4, 6)}.${value.slice(6)}`, `${value.slice(0, 4)} ${value.slice(4, 6)} ${value.slice(6)}`, crypto.lookupHash(value), crypto.pseudonym(value)];
  };

  /** The facts the reports count, per referral: they must survive anonymisation unchanged. */
  const reportFacts = async (referralIds: string[]) =>
    (
      await owner.query(
        `SELECT r.id, r.origin_organisation_id, r.topic, r.urgency, r.status, r.created_at, r.closed_at,
                (SELECT json_agg(json_build_object('from', h.from_organisation_id, 'to', h.to_organisation_id, 'status', h.status, 'outcome', h.outcome,
                                                   'requested', h.requested_at, 'accepted', h.accepted_at, 'completed', h.completed_at, 'cancelled', h.cancelled_at) ORDER BY h.sequence)
                   FROM handoffs h WHERE h.referral_id = r.id) AS handoffs,
                (SELECT json_agg(b.category ORDER BY b.created_at) FROM bottlenecks b WHERE b.referral_id = r.id) AS categories,
                (SELECT json_agg(t.type ORDER BY t.id) FROM timeline_events t WHERE t.referral_id = r.id) AS timeline,
                (SELECT count(*) FROM consents c WHERE c.referral_id = r.id) AS consents
           FROM referrals r WHERE r.id = ANY($1::uuid[]) ORDER BY r.id`,
        [referralIds],
      )
    ).rows;

  /** Everything the job could change, to prove a second run changes nothing. */
  const snapshot = async () => {
    const out: Record<string, unknown> = {};
    for (const table of ['referrals', 'citizens', 'handoffs', 'timeline_events', 'bottlenecks', 'processing_log', 'audit_log', 'webhook_deliveries', 'notifications', 'outbox']) {
      out[table] = (await owner.query(`SELECT * FROM ${table} t ORDER BY t::text`)).rows;
    }
    return JSON.stringify(out);
  };

  const moveBack = async (c: Case, days: number) => {
    await owner.query(`UPDATE referrals SET closed_at = closed_at - make_interval(days => $2), created_at = created_at - make_interval(days => $2) WHERE id = $1`, [c.referralId, days]);
  };

  let oldIds: string[];
  let keptIds: string[];
  let oldOutboxIds: string[];
  let youngOutboxIds: string[];

  beforeAll(async () => {
    await env.setUp({ OUTBOX_POLL_INTERVAL_MS: '200', RETENTION_DAYS_DEFAULT: '730', RETENTION_BATCH_SIZE: '2' });
    owner = new Client({ connectionString: env.ownerUrl });
    await owner.connect();
    for (const { slug, id } of (await owner.query(`SELECT slug, id FROM organisations`)).rows) orgs[slug] = id;
    // UWV keeps its cases ten years: a chain with UWV in it is kept that long (the longest wins).
    await owner.query(`UPDATE organisations SET retention_days = 3650 WHERE slug = 'uwv'`);
    api = await createApiApp();
    client = await TestClient.listen(api);
    worker = await createWorker();
    redis = new Redis(currentTestEnvironment().redisUrl);

    // Old, resolved, one link.
    const a = await refer('OLDA', 'svb', '10000001');
    await complete(a, 'behandelaar@svb.demo');
    // Old, resolved after a forward: SVB → Belastingdienst, three organisations in the chain.
    const b = await refer('OLDB', 'svb', '10000002');
    await act('behandelaar@svb.demo', 'receiveHandoff', b.handoffIds[0], {}, 'VersionInput');
    await act('behandelaar@svb.demo', 'forwardHandoff', b.handoffIds[0], { toOrganisationId: orgs.belastingdienst, reason: `Doorsturen ${mark('OLDB')}`, summary: `Aanvulling ${mark('OLDB')}`, consent: { given: true, method: 'DIGITAAL' } }, 'ForwardHandoffInput');
    const chain = await must<{ referral: { handoffs: Array<{ id: string }> } }>('balie@tilburg.demo', `query ($id: ID!) { referral(id: $id) { handoffs { id } } }`, { id: b.referralId });
    b.handoffIds = chain.referral.handoffs.map((h) => h.id);
    await complete(b, 'behandelaar@belastingdienst.demo');
    // Old, withdrawn by the sender.
    const c = await refer('OLDC', 'enschede', '10000003');
    await act('balie@tilburg.demo', 'cancelHandoff', c.handoffIds[0], { reason: `Intrekken ${mark('OLDC')}` }, 'ReasonInput');
    // Young: closed today.
    const young = await refer('YOUNG', 'svb', '10000004');
    await complete(young, 'behandelaar@svb.demo');
    // Closed long ago, but UWV (3650 days) is in the chain.
    const long = await refer('LONG', 'uwv', '10000005');
    await complete(long, 'behandelaar@uwv.demo');
    // Open, and old.
    await refer('OPEN', 'svb', '10000006');

    for (const old of [a, b, c]) await moveBack(old, 800);
    await moveBack(long, 1000);
    await owner.query(`UPDATE referrals SET created_at = created_at - interval '1000 days' WHERE id = $1`, [cases.OPEN.referralId]);
    oldIds = [a, b, c].map((x) => x.referralId);
    keptIds = [young, long, cases.OPEN].map((x) => x.referralId);

    // Wait until the worker has processed every event (its notifications and deadline jobs exist).
    await eventually(async () => (await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`)).rows[0].n === 0);
    const outboxOf = async (ids: string[]) => (await owner.query<{ id: string }>(`SELECT id FROM outbox WHERE payload ->> 'referralId' = ANY($1::text[])`, [ids])).rows.map((r) => r.id);
    oldOutboxIds = await outboxOf(oldIds);
    youngOutboxIds = await outboxOf([young.referralId]);

    // A partner's error text on a webhook delivery of an old case, and a failed job's reason in
    // Redis: text Schakel does not control, which must go with the case.
    const { rows: [subscription] } = await owner.query<{ id: string }>(
      `INSERT INTO webhook_subscriptions (organisation_id, callback_url, channels, secret) VALUES ($1, 'https://partner.example.nl/hook', '{handoffs}', 's') RETURNING id`,
      [orgs.svb],
    );
    await owner.query(
      `INSERT INTO webhook_deliveries (subscription_id, organisation_id, event_id, kanaal, body, status, attempts, last_error)
       VALUES ($1, $2, gen_random_uuid(), 'handoffs', $3, 'FAILED', 3, $4)`,
      [subscription.id, orgs.svb, JSON.stringify({ kenmerken: { referralId: a.referralId } }), `Partner zegt: onbekend ${mark('OLDA')}`],
    );
    await redis.hset(`${env.redisPrefix}:${QueueName.FollowUps}:${oldOutboxIds[0]}`, 'failedReason', `Fout ${mark('OLDA')} ${a.bsn}`);
  }, 120_000);

  afterAll(async () => {
    redis?.disconnect();
    await worker?.close();
    await api?.close();
    await owner?.end();
    await env.tearDown();
  });

  it('has planted every value where the scans can find it (the scans work)', async () => {
    const hits = await scanDatabase(['OLDA', 'OLDB', 'OLDC'].map(mark));
    for (const column of ['"referrals"."summary"', '"referrals"."idempotency_key"', '"citizens"."name"', '"citizens"."email"', '"handoffs"."reason"', '"handoffs"."summary"', '"handoffs"."outcome_note"', '"timeline_events"."note"', '"bottlenecks"."rule"', '"bottlenecks"."description"', '"bottlenecks"."custom_solution"', '"webhook_deliveries"."last_error"']) {
      expect(hits.join(' ')).toContain(column);
    }
    expect((await scanDatabase(bsnForms(cases.OLDA.bsn))).length).toBeGreaterThan(0);
    expect(await scanRedis([mark('OLDA')])).not.toHaveLength(0);
    expect(await worker.get<Queue>(getQueueToken(QueueName.FollowUps)).getJob(oldOutboxIds[0])).toBeDefined();
  });

  it('is scheduled in the system queue, and re-created when Redis lost it', async () => {
    const system = worker.get<Queue>(getQueueToken(QueueName.System));
    expect(await system.getJobScheduler('retention-anonymise')).toMatchObject({ pattern: '37 2 * * *', tz: 'Europe/Amsterdam' });
    await system.removeJobScheduler('retention-anonymise');
    expect(await worker.get(HeartbeatScheduler).ensure()).toBe(true);
    expect(await system.getJobScheduler('retention-anonymise')).toMatchObject({ name: 'retention.anonymise' });
  });

  it('anonymises exactly the referrals past the longest retention of their chain, leaving nothing personal in any table or Redis key', async () => {
    const factsBefore = await reportFacts([...oldIds, ...keptIds]);
    const keptBefore = (await owner.query(`SELECT r.*, c.* FROM referrals r JOIN citizens c ON c.referral_id = r.id WHERE r.id = ANY($1::uuid[]) ORDER BY r.id`, [keptIds])).rows;

    // Through the queue, as the schedule runs it (batches of 2: the old ones need two).
    const system = worker.get<Queue>(getQueueToken(QueueName.System));
    const job = await system.add('retention.anonymise', { scheduledBy: 'worker' });
    const result = await eventually(async () => {
      const state = await job.getState();
      if (state === 'failed') throw new Error('retention job failed');
      return state === 'completed' ? (await system.getJob(job.id ?? ''))?.returnvalue : undefined;
    });
    expect(result).toMatchObject({ referrals: 3 });

    const oldNeedles = [...['OLDA', 'OLDB', 'OLDC'].map(mark), ...oldIds.flatMap((id) => bsnForms(cases[Object.keys(cases).find((k) => cases[k].referralId === id) ?? ''].bsn))];
    expect(await scanDatabase(oldNeedles)).toEqual([]);
    expect(await scanRedis(oldNeedles)).toEqual([]);

    // The young, long-retention and open cases are untouched; the scans still find their values.
    for (const label of ['YOUNG', 'LONG', 'OPEN']) {
      expect((await scanDatabase([mark(label)])).length).toBeGreaterThan(5);
      expect((await scanDatabase(bsnForms(cases[label].bsn))).length).toBeGreaterThan(0);
    }
    expect((await owner.query(`SELECT r.*, c.* FROM referrals r JOIN citizens c ON c.referral_id = r.id WHERE r.id = ANY($1::uuid[]) ORDER BY r.id`, [keptIds])).rows).toEqual(keptBefore);

    // What the reports count survives.
    expect(await reportFacts([...oldIds, ...keptIds])).toEqual(factsBefore);
    const { rows: citizens } = await owner.query(`SELECT bsn_encrypted, bsn_hash, subject_pseudonym, name, phone, email, do_not_contact, anonymised_at FROM citizens WHERE referral_id = ANY($1::uuid[])`, [oldIds]);
    expect(citizens).toHaveLength(3);
    for (const citizen of citizens) expect(citizen).toMatchObject({ bsn_encrypted: null, bsn_hash: null, subject_pseudonym: null, name: null, phone: null, email: null, do_not_contact: false, anonymised_at: expect.any(Date) });

    // Logged per organisation of each chain, without a pseudonym.
    const { rows: logged } = await owner.query(`SELECT referral_id, organisation_id, subject_pseudonym FROM processing_log WHERE activity = 'referral.anonymise' ORDER BY referral_id`);
    expect(logged.filter((l) => l.referral_id === cases.OLDB.referralId).map((l) => l.organisation_id).sort()).toEqual([orgs.tilburg, orgs.svb, orgs.belastingdienst].sort());
    expect(new Set(logged.map((l) => l.subject_pseudonym))).toEqual(new Set(['[geanonimiseerd]']));
    expect(logged).toHaveLength(7);

    // Their queue jobs are gone; the young case's are not.
    const followUps = worker.get<Queue>(getQueueToken(QueueName.FollowUps));
    for (const id of oldOutboxIds) expect(await followUps.getJob(id)).toBeUndefined();
    expect(await followUps.getJob(youngOutboxIds[0])).toBeDefined();
  });

  it('changes nothing more when run again', async () => {
    const before = await snapshot();
    expect(await worker.get(RetentionService).run()).toEqual({ referrals: 0, jobsRemoved: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('still shows an anonymised referral to its parties, with the citizen empty, and refuses new text on it', async () => {
    const query = `query ($id: ID!) { referral(id: $id) { id status topic urgency summary closedAt anonymisedAt citizen { name bsn }
                     handoffs { status outcome reason summary outcomeNote } timeline { type note } bottlenecks { category rule description customSolution } } }`;
    for (const who of ['balie@tilburg.demo', 'behandelaar@svb.demo', 'behandelaar@belastingdienst.demo']) {
      const res = await gql<{ referral: Record<string, unknown> }>(who, query, { id: cases.OLDB.referralId });
      expect(res.errors).toBeUndefined();
      expect(res.data?.referral).toMatchObject({
        status: 'RESOLVED',
        topic: 'SCHULDEN',
        urgency: 'HOOG',
        summary: '[geanonimiseerd]',
        anonymisedAt: expect.any(String),
        citizen: null,
        handoffs: [
          { status: 'FORWARDED', outcome: null, reason: null, summary: null, outcomeNote: null },
          { status: 'COMPLETED', outcome: 'GEHOLPEN', reason: null, summary: null, outcomeNote: null },
        ],
        bottlenecks: [
          { category: 'WET_EN_REGELGEVING', rule: null, description: '[geanonimiseerd]', customSolution: '[geanonimiseerd]' },
          { category: 'SYSTEEM', rule: null, description: '[geanonimiseerd]', customSolution: null },
        ],
      });
      expect((res.data?.referral.timeline as Array<{ note: string | null }>).every((t) => t.note === null)).toBe(true);
    }
    const young = await must<{ referral: { anonymisedAt: string | null; citizen: { name: string } } }>('balie@tilburg.demo', `query ($id: ID!) { referral(id: $id) { anonymisedAt citizen { name } } }`, { id: cases.YOUNG.referralId });
    expect(young.referral).toEqual({ anonymisedAt: null, citizen: { name: `Naam ${mark('YOUNG')}` } });

    const note = await gql('balie@tilburg.demo', `mutation ($id: ID!) { addReferralNote(referralId: $id, text: "Nog iets") { id } }`, { id: cases.OLDA.referralId });
    expect(note.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await scanDatabase(['Nog iets'])).toEqual([]);
  });
});
