import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { deadlineJobId } from '@schakel/follow-ups';
import { LiveFollowUp, LiveHandoffsSweep } from '@schakel/live-handoffs';
import { deleteKeys, QueueName } from '@schakel/platform';
import { currentTestEnvironment, eventually, type TestClient } from '@schakel/testing';
import type { Queue } from 'bullmq';
import { type Client as WsClient, createClient } from 'graphql-ws';
import { type Client, Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * Live warm handoff end to end (issue 13): API and worker on a database of their own. Requests
 * without a door fall back after 2 s (LIVE_HANDOFF_TIMEOUT_SECONDS); the test doors of UWV keep
 * their 5 minutes, so a pick-up is never racing the clock.
 */
const LIVE_DOOR = 'd0000000-0000-4000-8000-0000000000a1';
const CLOSED_DOOR = 'd0000000-0000-4000-8000-0000000000a2';
const CITIZEN = { bsn: '111222333', name: 'Ilse Livetest', phone: '0612345678' };

interface Live {
  id: string;
  handoffId: string;
  status: string;
  fromOrganisationName: string;
  toOrganisationName: string;
  pickedUpByName: string | null;
  expiresAt: string;
  topic: string;
  urgency: string;
}
const LIVE_FIELDS = 'id handoffId status fromOrganisationName toOrganisationName pickedUpByName expiresAt topic urgency';

describe('live handoffs (end to end)', () => {
  const env = new IsolatedEnvironment('live');
  let stack: Stack | undefined;
  let worker: INestApplicationContext;
  let client: TestClient;
  let owner: Client;
  const orgs: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const sockets: WsClient[] = [];
  const token = async (u: string) => (tokens[u] ??= await client.devToken(u));
  const gql = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) => client.graphql<T>(query, variables, await token(who));
  const codeOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;

  const refer = async (urgency: 'NORMAAL' | 'HOOG' | 'ACUUT', to = 'uwv'): Promise<{ referralId: string; handoffId: string }> => {
    const res = await gql<{ createReferral: { id: string; currentHandoff: { id: string } } }>(
      'balie@tilburg.demo',
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id currentHandoff { id } } }`,
      { input: { citizen: CITIZEN, toOrganisationId: orgs[to], topic: 'WERK', urgency, summary: 'Live overdracht getest.', consent: { given: true, method: 'MONDELING' } } },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return { referralId: res.data!.createReferral.id, handoffId: res.data!.createReferral.currentHandoff.id };
  };

  const request = (who: string, input: { handoffId: string; doorId?: string | null; idempotencyKey: string }) =>
    gql<{ requestLiveHandoff: Live }>(who, `mutation ($input: RequestLiveHandoffInput!) { requestLiveHandoff(input: $input) { ${LIVE_FIELDS} } }`, { input });
  const pickUp = (who: string, id: string) => gql<{ pickUpLiveHandoff: Live }>(who, `mutation ($id: ID!) { pickUpLiveHandoff(id: $id) { ${LIVE_FIELDS} } }`, { id });
  const setOnDuty = (who: string, onDuty: boolean) => gql<{ setOnDuty: { onDuty: boolean } }>(who, `mutation ($on: Boolean!) { setOnDuty(onDuty: $on) { onDuty } }`, { on: onDuty });
  const liveRows = async (handoffId: string) => (await owner.query(`SELECT id, status FROM live_handoffs WHERE handoff_id = $1`, [handoffId])).rows;
  const notificationsOf = async (who: string, type: string) =>
    (await gql<{ notifications: { edges: Array<{ node: { type: string; handoffId: string; message: string } }> } }>(who, `{ notifications(first: 100) { edges { node { type handoffId message } } } }`)).data!.notifications.edges
      .map((e) => e.node)
      .filter((n) => n.type === type);

  /** A graphql-ws subscription as `who`, collecting what arrives; resolves once the server has it (a short settle). */
  const subscribe = async <T>(who: string, query: string, variables: Record<string, unknown> = {}) => {
    const ws = createClient({ url: client.baseUrl.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${await token(who)}` }, retryAttempts: 0 });
    sockets.push(ws);
    const got: T[] = [];
    const errors: unknown[] = [];
    ws.subscribe<T>({ query, variables }, { next: (m) => (m.data ? got.push(m.data as T) : errors.push(m.errors)), error: (e) => errors.push(e), complete: () => undefined });
    // The subscription is registered on the server after the socket's handshake.
    await new Promise((r) => setTimeout(r, 700));
    return { got, errors };
  };

  beforeAll(async () => {
    stack = await startStack(env, {
      env: { LIVE_HANDOFF_TIMEOUT_SECONDS: '2', LIVE_HANDOFF_SWEEP_INTERVAL_MS: '300' },
      seed: async (db, ids) => {
        await db.query(
          `INSERT INTO doors (id, organisation_id, name, topics, national, reach, live_allowed, live_timeout_minutes)
           VALUES ($1, $3, 'Live test', '{WERK}', true, 'LIVE', true, 5), ($2, $3, 'Geen live', '{WERK}', true, 'DIRECTE_LIJN', false, 5)`,
          [LIVE_DOOR, CLOSED_DOOR, ids.uwv],
        );
        // Two behandelaars at UWV: the demo one and a named colleague.
        await db.query(`INSERT INTO employees (organisation_id, username, display_name, roles) VALUES ($1, 'fatima@uwv.demo', 'Fatima van den Berg', '{BEHANDELAAR}')`, [ids.uwv]);
      },
    });
    ({ owner, client } = stack);
    worker = await stack.startWorker();
    Object.assign(orgs, stack.orgs);
  });

  afterAll(async () => {
    for (const ws of sockets) await ws.dispose();
    await stack?.close();
  });

  it('on duty: only behandelaars and coördinatoren; another organisation sees how many, never who', async () => {
    expect(codeOf(await setOnDuty('balie@tilburg.demo', true))).toBe('FORBIDDEN');
    // Two at the same moment are both counted (the count row is locked before the change).
    const both = await Promise.all([setOnDuty('behandelaar@uwv.demo', true), setOnDuty('fatima@uwv.demo', true)]);
    expect(both.map((r) => r.data?.setOnDuty.onDuty)).toEqual([true, true]);
    // Twice is once.
    expect((await setOnDuty('fatima@uwv.demo', true)).data?.setOnDuty.onDuty).toBe(true);
    expect((await setOnDuty('behandelaar@svb.demo', true)).data?.setOnDuty.onDuty).toBe(true);
    const count = await gql<{ onDutyCount: number }>('balie@tilburg.demo', `query ($o: ID!) { onDutyCount(organisationId: $o) }`, { o: orgs.uwv });
    expect(count.data?.onDutyCount).toBe(2);
    const onDutyEmployees = (await owner.query(`SELECT count(*)::int AS n FROM on_duty_employees WHERE organisation_id = $1`, [orgs.uwv])).rows[0].n;
    expect(onDutyEmployees).toBe(2);
    // Row-level security as the app role: Tilburg's tenant sees UWV's count, not who is on duty.
    const app = new PgClient({ connectionString: env.appUrl });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [orgs.tilburg]);
      expect((await app.query(`SELECT count(*)::int AS n FROM on_duty_employees`)).rows[0].n).toBe(0);
      expect((await app.query(`SELECT on_duty FROM on_duty_counts WHERE organisation_id = $1`, [orgs.uwv])).rows).toEqual([{ on_duty: 2 }]);
      await expect(app.query(`UPDATE on_duty_counts SET on_duty = 0 WHERE organisation_id = $1 RETURNING 1`, [orgs.uwv]).then((r) => r.rowCount)).resolves.toBe(0);
      await app.query(`SELECT set_config('app.organisation_id', $1, true)`, [orgs.uwv]);
      expect((await app.query(`SELECT count(*)::int AS n FROM on_duty_employees`)).rows[0].n).toBe(2);
    } finally {
      await app.query('ROLLBACK');
      await app.end();
    }
    const me = await gql<{ onDuty: { onDuty: boolean } }>('coordinator@uwv.demo', `{ onDuty { onDuty } }`);
    expect(me.data?.onDuty.onDuty).toBe(false);
  });

  it('refuses a NORMAAL referral without a live door, the wrong side and another organisation; changes nothing', async () => {
    const { handoffId } = await refer('NORMAAL');
    const noDoor = await request('balie@tilburg.demo', { handoffId, idempotencyKey: 'normaal-1' });
    expect(codeOf(noDoor)).toBe('BAD_USER_INPUT');
    const closedDoor = await request('balie@tilburg.demo', { handoffId, doorId: CLOSED_DOOR, idempotencyKey: 'normaal-2' });
    expect(codeOf(closedDoor)).toBe('BAD_USER_INPUT');
    expect(closedDoor.errors?.[0]?.extensions?.message_nl).toMatch(/loket dat live overdragen toestaat/);
    expect(codeOf(await request('behandelaar@uwv.demo', { handoffId, doorId: LIVE_DOOR, idempotencyKey: 'normaal-3' }))).toBe('FORBIDDEN');
    expect(codeOf(await request('balie@enschede.demo', { handoffId, doorId: LIVE_DOOR, idempotencyKey: 'normaal-4' }))).toBe('NOT_FOUND');
    expect(codeOf(await request('beleid@tilburg.demo', { handoffId, doorId: LIVE_DOOR, idempotencyKey: 'normaal-5' }))).toBe('FORBIDDEN');
    expect(codeOf(await request('balie@tilburg.demo', { handoffId, doorId: LIVE_DOOR, idempotencyKey: '' }))).toBe('BAD_USER_INPUT');
    // A partner system, even with every scope, is nobody on duty and asks nothing live.
    const system = await client.clientToken('uwv-system', 'dev-secret-uwv-system');
    for (const [query, variables] of [
      [`mutation { setOnDuty(onDuty: true) { onDuty } }`, {}],
      [`query ($h: ID!) { liveHandoffs(handoffId: $h) { id } }`, { h: handoffId }],
      [`mutation ($input: RequestLiveHandoffInput!) { requestLiveHandoff(input: $input) { id } }`, { input: { handoffId, doorId: LIVE_DOOR, idempotencyKey: 'system-1' } }],
    ] as const) {
      expect(codeOf(await client.graphql(query, variables, system))).toBe('FORBIDDEN');
    }
    expect(await liveRows(handoffId)).toEqual([]);
    const timeline = (await owner.query(`SELECT count(*)::int AS n FROM timeline_events WHERE handoff_id = $1 AND type LIKE 'LIVE_%'`, [handoffId])).rows[0].n;
    expect(timeline).toBe(0);
  });

  it('is idempotent: the same key gives the same request; another request while one runs is a conflict', async () => {
    const { handoffId } = await refer('NORMAAL');
    const first = await request('balie@tilburg.demo', { handoffId, doorId: LIVE_DOOR, idempotencyKey: 'idem-1' });
    expect(first.errors).toBeUndefined();
    const again = await request('balie@tilburg.demo', { handoffId, doorId: LIVE_DOOR, idempotencyKey: 'idem-1' });
    expect(again.data?.requestLiveHandoff.id).toBe(first.data?.requestLiveHandoff.id);
    expect(codeOf(await request('balie@tilburg.demo', { handoffId, doorId: LIVE_DOOR, idempotencyKey: 'idem-2' }))).toBe('CONFLICT');
    const other = await refer('ACUUT');
    expect(codeOf(await request('balie@tilburg.demo', { handoffId: other.handoffId, idempotencyKey: 'idem-1' }))).toBe('CONFLICT');
    expect(await liveRows(handoffId)).toHaveLength(1);
    expect(await liveRows(other.handoffId)).toHaveLength(0);
    const timeline = (await owner.query(`SELECT count(*)::int AS n FROM timeline_events WHERE handoff_id = $1 AND type = 'LIVE_REQUESTED'`, [handoffId])).rows[0].n;
    expect(timeline).toBe(1);
    // The sender withdraws it; the receiver cannot.
    const id = first.data!.requestLiveHandoff.id;
    expect(codeOf(await gql('behandelaar@uwv.demo', `mutation ($id: ID!) { cancelLiveHandoff(id: $id) { status } }`, { id }))).toBe('FORBIDDEN');
    const cancelled = await gql<{ cancelLiveHandoff: { status: string } }>('balie@tilburg.demo', `mutation ($id: ID!) { cancelLiveHandoff(id: $id) { status } }`, { id });
    expect(cancelled.data?.cancelLiveHandoff.status).toBe('CANCELLED');
    expect(codeOf(await pickUp('behandelaar@uwv.demo', id))).toBe('INVALID_TRANSITION');
  });

  it('only on-duty receivers get the live event, with no personal data; the first of two on-duty behandelaars wins', async () => {
    const onDutyUwv = await subscribe<{ liveHandoffRequests: Record<string, string> }>(
      'behandelaar@uwv.demo',
      `subscription { liveHandoffRequests { liveHandoffId handoffId referralId fromOrganisationName toOrganisationName topic urgency expiresAt } }`,
    );
    const offDutyUwv = await subscribe<{ liveHandoffRequests: { liveHandoffId: string } }>('coordinator@uwv.demo', `subscription { liveHandoffRequests { liveHandoffId } }`);
    const onDutySvb = await subscribe<{ liveHandoffRequests: { liveHandoffId: string } }>('behandelaar@svb.demo', `subscription { liveHandoffRequests { liveHandoffId } }`);
    const balie = await subscribe<{ liveHandoffRequests: { liveHandoffId: string } }>('balie@tilburg.demo', `subscription { liveHandoffRequests { liveHandoffId } }`);

    const { handoffId, referralId } = await refer('NORMAAL');
    const requested = await request('balie@tilburg.demo', { handoffId, doorId: LIVE_DOOR, idempotencyKey: 'race-1' });
    expect(requested.errors).toBeUndefined();
    const live = requested.data!.requestLiveHandoff;
    expect(live).toMatchObject({ status: 'REQUESTED', fromOrganisationName: 'Gemeente Tilburg', toOrganisationName: 'UWV', topic: 'WERK', urgency: 'NORMAAL' });

    const event = await eventually(() => onDutyUwv.got.find((e) => e.liveHandoffRequests.liveHandoffId === live.id));
    expect(event.liveHandoffRequests).toMatchObject({ handoffId, referralId, fromOrganisationName: 'Gemeente Tilburg', toOrganisationName: 'UWV', topic: 'WERK', urgency: 'NORMAAL' });
    const serialised = JSON.stringify(event);
    for (const personal of [CITIZEN.bsn, CITIZEN.name, 'Livetest', CITIZEN.phone, 'Live overdracht getest']) expect(serialised).not.toContain(personal);
    // The receivers' notification rows, written by the worker (found from PostgreSQL), for the on-duty people only.
    const notified = await eventually(async () => {
      const rows = (await owner.query(`SELECT e.username, n.message FROM notifications n JOIN employees e ON e.id = n.recipient_id WHERE n.handoff_id = $1 AND n.type = 'LIVE_REQUESTED' ORDER BY 1`, [handoffId])).rows;
      return rows.length === 2 ? rows : undefined;
    });
    expect(notified.map((r: { username: string }) => r.username)).toEqual(['behandelaar@uwv.demo', 'fatima@uwv.demo']);
    for (const row of notified) expect(row.message).not.toContain(CITIZEN.name);
    expect(onDutyUwv.errors).toEqual([]);

    // Following the request: both organisations may, a third one may not.
    const balieFollows = await subscribe<{ liveHandoffChanged: Live }>('balie@tilburg.demo', `subscription ($id: ID!) { liveHandoffChanged(id: $id) { ${LIVE_FIELDS} } }`, { id: live.id });
    const outsider = await subscribe<{ liveHandoffChanged: Live }>('balie@enschede.demo', `subscription ($id: ID!) { liveHandoffChanged(id: $id) { id status } }`, { id: live.id });
    expect(JSON.stringify(outsider.errors)).toContain('NOT_FOUND');

    // Off duty, another organisation and the sender are refused; nothing changes.
    expect(codeOf(await pickUp('coordinator@uwv.demo', live.id))).toBe('FORBIDDEN');
    expect(codeOf(await pickUp('behandelaar@svb.demo', live.id))).toBe('NOT_FOUND');
    expect(codeOf(await pickUp('balie@tilburg.demo', live.id))).toBe('FORBIDDEN');
    expect((await liveRows(handoffId))[0].status).toBe('REQUESTED');

    // Two on-duty behandelaars at the same moment: exactly one wins.
    const results = await Promise.all([pickUp('behandelaar@uwv.demo', live.id), pickUp('fatima@uwv.demo', live.id)]);
    const winners = results.filter((r) => r.data?.pickUpLiveHandoff);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(codeOf(losers[0])).toBe('CONFLICT');
    const winner = winners[0].data!.pickUpLiveHandoff;
    expect(winner.status).toBe('PICKED_UP');
    expect(losers[0].errors?.[0]?.extensions?.message_nl).toBe(`Al overgenomen door ${winner.pickedUpByName}.`);

    const [handoff] = (await owner.query(`SELECT h.status, e.display_name FROM handoffs h JOIN employees e ON e.id = h.assignee_id WHERE h.id = $1`, [handoffId])).rows;
    expect(handoff).toEqual({ status: 'ACCEPTED', display_name: winner.pickedUpByName });
    const notes = (await owner.query(`SELECT type, note FROM timeline_events WHERE handoff_id = $1 AND type IN ('ACCEPTED', 'LIVE_PICKED_UP') ORDER BY id`, [handoffId])).rows;
    expect(notes).toEqual([
      { type: 'ACCEPTED', note: null },
      { type: 'LIVE_PICKED_UP', note: `UWV neemt het nu over — ${winner.pickedUpByName}` },
    ]);
    const changed = await eventually(() => balieFollows.got.find((e) => e.liveHandoffChanged.status === 'PICKED_UP'));
    expect(changed.liveHandoffChanged).toMatchObject({ id: live.id, pickedUpByName: winner.pickedUpByName, toOrganisationName: 'UWV' });
    expect(JSON.stringify(changed)).not.toContain(CITIZEN.name);

    // Nobody else heard of it: not the off-duty coördinator, not the SVB, not the balie's request stream.
    await new Promise((r) => setTimeout(r, 500));
    expect(offDutyUwv.got).toEqual([]);
    expect(onDutySvb.got).toEqual([]);
    expect(balie.got).toEqual([]);
    expect(outsider.got).toEqual([]);
  });

  it('falls back after the timeout: the ACUUT norm sets the deadline, the timeline says so, the balie is told', async () => {
    const followed = await subscribe<{ liveHandoffChanged: Live }>('balie@tilburg.demo', `subscription ($id: ID!) { liveHandoffChanged(id: $id) { id status } }`, { id: '00000000-0000-4000-8000-000000000000' });
    expect(JSON.stringify(followed.errors)).toContain('NOT_FOUND');

    const { handoffId } = await refer('HOOG');
    const before = (await owner.query(`SELECT deadline_source FROM handoffs WHERE id = $1`, [handoffId])).rows[0];
    const requested = await request('balie@tilburg.demo', { handoffId, idempotencyKey: 'fallback-1' });
    expect(requested.errors).toBeUndefined();
    const id = requested.data!.requestLiveHandoff.id;
    const changes = await subscribe<{ liveHandoffChanged: Live }>('balie@tilburg.demo', `subscription ($id: ID!) { liveHandoffChanged(id: $id) { id status } }`, { id });

    await eventually(async () => (await liveRows(handoffId))[0].status === 'FELL_BACK');
    const [acuut] = (await owner.query(`SELECT accept_amount, accept_unit, source FROM response_norms WHERE organisation_id IS NULL AND topic IS NULL AND urgency = 'ACUUT'`)).rows;
    const [after] = (await owner.query(`SELECT requested_at, accept_due_at, deadline_source FROM handoffs WHERE id = $1`, [handoffId])).rows;
    expect(acuut.accept_unit).toBe('HOURS');
    expect(after.accept_due_at.getTime() - after.requested_at.getTime()).toBe(acuut.accept_amount * 3_600_000);
    expect(after.deadline_source).toBe(`live-terugval:${acuut.source}`);
    expect(after.deadline_source).not.toBe(before.deadline_source);

    const timeline = (await owner.query(`SELECT note FROM timeline_events WHERE handoff_id = $1 AND type = 'LIVE_FELL_BACK'`, [handoffId])).rows;
    expect(timeline).toEqual([{ note: 'Niemand nam live op; de overdracht staat als acuut bij UWV' }]);
    const told = await eventually(async () => (await notificationsOf('balie@tilburg.demo', 'LIVE_FELL_BACK')).find((n) => n.handoffId === handoffId));
    expect(told.message).toBe('Niemand nam live op bij UWV; de overdracht staat daar nu als acuut.');
    await eventually(() => changes.got.find((e) => e.liveHandoffChanged.status === 'FELL_BACK'));
    // Too late to pick up now.
    expect(codeOf(await pickUp('behandelaar@uwv.demo', id))).toBe('INVALID_TRANSITION');
    // The deadline check waits for the new moment (the follow-ups sweep would rebuild it too).
    const job = await worker.get<Queue>(getQueueToken(QueueName.FollowUps)).getJob(deadlineJobId(handoffId, 'ACCEPT', 1));
    expect(job && job.timestamp + (job.opts.delay ?? 0)).toBeLessThanOrEqual(after.accept_due_at.getTime() + 1000);
    // A second fallback of the same request (another worker, a retry) does nothing.
    expect(await worker.get(LiveFollowUp).fallBack(await firstLive(handoffId))).toBe(false);
    expect((await owner.query(`SELECT count(*)::int AS n FROM timeline_events WHERE handoff_id = $1 AND type = 'LIVE_FELL_BACK'`, [handoffId])).rows[0].n).toBe(1);
  });

  it('still falls back after Redis lost everything, exactly once however many passes look', async () => {
    const { handoffId } = await refer('ACUUT');
    const requested = await request('balie@tilburg.demo', { handoffId, idempotencyKey: 'flush-1' });
    expect(requested.errors).toBeUndefined();
    // Redis forgets everything of this environment: leases, queues, jobs.
    await deleteKeys(currentTestEnvironment().redisUrl, `${env.redisPrefix}:*`);
    // Several passes at once, as several workers would: the conditional update lets one through.
    const sweep = worker.get(LiveHandoffsSweep);
    await eventually(async () => {
      await Promise.all([sweep.sweep(), sweep.sweep(), sweep.sweep()]);
      return (await liveRows(handoffId))[0].status === 'FELL_BACK';
    });
    await Promise.all([sweep.sweep(), sweep.sweep()]);
    const events = (await owner.query(`SELECT count(*)::int AS n FROM timeline_events WHERE handoff_id = $1 AND type = 'LIVE_FELL_BACK'`, [handoffId])).rows[0].n;
    expect(events).toBe(1);
    const notes = (await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE handoff_id = $1 AND type = 'LIVE_FELL_BACK'`, [handoffId])).rows[0].n;
    expect(notes).toBe(1);
    const source = (await owner.query(`SELECT deadline_source FROM handoffs WHERE id = $1`, [handoffId])).rows[0].deadline_source;
    expect(source).toMatch(/^live-terugval:/);
  });

  it('counts in the staat van de uitvoering: received, picked up, fallen back and the time to pick up, under 5 suppressed', async () => {
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).format(new Date());
    const report = async () =>
      (
        await gql<{ executionReport: { live: Array<Record<string, { display: string }> & { key: string; label: string }> } }>(
          'beleid@uwv.demo',
          `query ($p: ReportPeriodInput!) { executionReport(period: $p, scope: ORGANISATION) {
             live { key label received { display } pickedUp { display } fellBack { display } medianSecondsToPickUp { display } p90SecondsToPickUp { display } } } }`,
          { p: { from: month, to: month } },
        )
      ).data!.executionReport.live;
    // So far this month: one picked up, two fallen back, one withdrawn: every count under 5.
    const [few] = await report();
    expect(few).toMatchObject({ key: orgs.uwv, label: 'UWV', received: { display: '< 5' }, pickedUp: { display: '< 5' }, fellBack: { display: '< 5' }, medianSecondsToPickUp: { display: '< 5' } });

    // Six more picked up after 10, 20, … 60 seconds: seven picked up, the real one within seconds.
    const [handoff] = (await owner.query(`SELECT l.handoff_id, l.referral_id, l.requested_by_employee_id, e.id AS picker FROM live_handoffs l, employees e WHERE l.status = 'PICKED_UP' AND e.username = 'fatima@uwv.demo'`)).rows;
    for (let i = 1; i <= 6; i++) {
      await owner.query(
        `INSERT INTO live_handoffs (handoff_id, referral_id, from_organisation_id, to_organisation_id, status, requested_by_employee_id, requested_at, expires_at, picked_up_by_employee_id, picked_up_at, ended_at, idempotency_key)
         VALUES ($1, $2, $3, $4, 'PICKED_UP', $5, now() - interval '1 hour', now(), $6, now() - interval '1 hour' + make_interval(secs => $7), now() - interval '1 hour' + make_interval(secs => $7), $8)`,
        [handoff.handoff_id, handoff.referral_id, orgs.tilburg, orgs.uwv, handoff.requested_by_employee_id, handoff.picker, i * 10, `report-${i}`],
      );
    }
    const [row] = await report();
    expect(row).toMatchObject({ received: { display: '10' }, pickedUp: { display: '7' }, fellBack: { display: '< 5' }, medianSecondsToPickUp: { display: '30' }, p90SecondsToPickUp: { display: '54' } });
    // Another organisation's report knows nothing of UWV's live requests.
    const other = (
      await gql<{ executionReport: { live: Array<{ key: string; received: { display: string } }> } }>(
        'beleid@svb.demo',
        `query ($p: ReportPeriodInput!) { executionReport(period: $p, scope: ORGANISATION) { live { key received { display } } } }`,
        { p: { from: month, to: month } },
      )
    ).data!.executionReport.live;
    expect(other).toEqual([{ key: orgs.svb, received: { display: '0' } }]);
  });

  async function firstLive(handoffId: string) {
    const [row] = (
      await owner.query(
        `SELECT id, handoff_id AS "handoffId", referral_id AS "referralId", from_organisation_id AS "fromOrganisationId", to_organisation_id AS "toOrganisationId",
                door_id AS "doorId", status, requested_by_employee_id AS "requestedByEmployeeId", requested_at AS "requestedAt", expires_at AS "expiresAt",
                picked_up_by_employee_id AS "pickedUpByEmployeeId", picked_up_at AS "pickedUpAt", ended_at AS "endedAt", announced_at AS "announcedAt",
                idempotency_key AS "idempotencyKey", version
           FROM live_handoffs WHERE handoff_id = $1`,
        [handoffId],
      )
    ).rows;
    return row;
  }
  it('ends the request at once when the handoff is accepted the normal way, and tells both screens', async () => {
    const { handoffId } = await refer('NORMAAL');
    const requested = await request('balie@tilburg.demo', { handoffId, doorId: LIVE_DOOR, idempotencyKey: 'overtaken-1' });
    expect(requested.errors).toBeUndefined();
    const id = requested.data!.requestLiveHandoff.id;
    const changes = await subscribe<{ liveHandoffChanged: Live }>('balie@tilburg.demo', `subscription ($id: ID!) { liveHandoffChanged(id: $id) { id status } }`, { id });
    const accepted = await gql('coordinator@uwv.demo', `mutation ($id: ID!) { acceptHandoff(id: $id, input: { expectedVersion: 1 }) { status } }`, { id: handoffId });
    expect(accepted.errors).toBeUndefined();
    // The door gives 5 minutes; the sweep ends the request long before that.
    await eventually(async () => (await liveRows(handoffId))[0].status === 'CANCELLED');
    await eventually(() => changes.got.find((e) => e.liveHandoffChanged.status === 'CANCELLED'));
    expect(codeOf(await pickUp('behandelaar@uwv.demo', id))).toBe('INVALID_TRANSITION');
    // Ended, not fallen back: no ACUUT deadline, no fallback in the timeline.
    const [row] = (await owner.query(`SELECT deadline_source FROM handoffs WHERE id = $1`, [handoffId])).rows;
    expect(row.deadline_source).not.toMatch(/^live-terugval/);
    expect((await owner.query(`SELECT count(*)::int AS n FROM timeline_events WHERE handoff_id = $1 AND type = 'LIVE_FELL_BACK'`, [handoffId])).rows[0].n).toBe(0);
  });
});
