import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { TestClient } from '@schakel/testing';
import { Client } from 'pg';

/**
 * The warm-referral flow end to end over HTTP, as the demo users: Tilburg refers a citizen to
 * UWV, UWV picks it up and completes it, Tilburg sees the outcome, Enschede sees nothing.
 */
const CREATE = `mutation ($input: CreateReferralInput!) {
  createReferral(input: $input) { id status topic urgency currentHandoff { id status version to { name } availableActions } }
}`;
const HANDOFF_FIELDS = `id status version availableActions outcome reason from { name } to { name } assignee { username }`;
const ACTION = (name: string, input: string) =>
  `mutation ($id: ID!, $input: ${input}!) { ${name}(id: $id, input: $input) { ${HANDOFF_FIELDS} } }`;
const REFERRAL = `query ($id: ID!) { referral(id: $id) {
  id status summary origin { name }
  citizen { bsn name phone email doNotContact }
  handoffs { id sequence status from { name } to { name } }
  timeline { type note organisation { name } actor { username } }
  bottlenecks { category rule customSolutionApplied customSolution organisation { name } }
} }`;

interface HandoffView { id: string; status: string; version: number; availableActions: string[]; outcome: string | null; reason: string | null; from: { name: string }; to: { name: string }; assignee: { username: string } | null }
type Gql = Awaited<ReturnType<TestClient['graphql']>>;

describe('warm referrals (end to end)', () => {
  let app: INestApplication;
  let api: TestClient;
  let orgs: Record<string, string>;
  const tokens: Record<string, string> = {};
  const token = async (username: string) => (tokens[username] ??= await api.devToken(username));

  const call = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) =>
    api.graphql<T>(query, variables, await token(who));

  const act = async (who: string, mutation: string, inputType: string, id: string, input: Record<string, unknown>): Promise<HandoffView> => {
    const res = await call<Record<string, HandoffView>>(who, ACTION(mutation, inputType), { id, input });
    if (res.errors) throw new Error(`${mutation}: ${JSON.stringify(res.errors)}`);
    return res.data![mutation];
  };

  const code = (res: Gql) => res.errors?.[0]?.extensions?.code;

  const referralInput = (to: string, extra: Record<string, unknown> = {}) => ({
    citizen: { bsn: '111222333', name: 'Fatima de Vries', phone: '06-12345678', email: 'fatima@example.nl', preferredChannel: 'TELEFOON' },
    toOrganisationId: orgs[to],
    topic: 'WERK',
    summary: 'Verloor haar baan, WW-aanvraag loopt vast; schulden lopen op. Wil graag gebeld worden.',
    urgency: 'HOOG',
    consent: { given: true, method: 'MONDELING' },
    ...extra,
  });

  const refer = async (who: string, to: string, extra: Record<string, unknown> = {}) => {
    const res = await call<{ createReferral: { id: string; currentHandoff: HandoffView } }>(who, CREATE, { input: referralInput(to, extra) });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createReferral;
  };

  beforeAll(async () => {
    app = await createApiApp();
    api = await TestClient.listen(app);
    const res = await call<{ organisations: Array<{ id: string; name: string }> }>('balie@tilburg.demo', `{ organisations { id name } }`);
    const byName = Object.fromEntries(res.data!.organisations.map((o) => [o.name, o.id]));
    orgs = { tilburg: byName['Gemeente Tilburg'], enschede: byName['Gemeente Enschede'], uwv: byName['UWV'], svb: byName['Sociale Verzekeringsbank'], belastingdienst: byName['Belastingdienst'] };
  });
  afterAll(() => app.close());

  it('Tilburg → UWV: receive, accept, contact, complete; Tilburg sees the outcome; Enschede gets NOT_FOUND', async () => {
    const referral = await refer('balie@tilburg.demo', 'uwv');
    const first = referral.currentHandoff;
    expect(first).toMatchObject({ status: 'REQUESTED', version: 1, to: { name: 'UWV' }, availableActions: ['CANCEL'] });

    const inbox = await call<{ handoffs: { totalCount: number; edges: Array<{ node: { id: string; availableActions: string[] } }> } }>(
      'behandelaar@uwv.demo',
      `{ handoffs(direction: INCOMING, status: [REQUESTED]) { totalCount edges { node { id availableActions } } } }`,
    );
    const mine = inbox.data!.handoffs.edges.find((e) => e.node.id === first.id);
    expect(mine?.node.availableActions).toEqual(['RECEIVE', 'ACCEPT', 'FORWARD', 'RETURN']);

    const received = await act('behandelaar@uwv.demo', 'receiveHandoff', 'VersionInput', first.id, { expectedVersion: 1 });
    expect(received).toMatchObject({ status: 'RECEIVED', version: 2 });
    const accepted = await act('behandelaar@uwv.demo', 'acceptHandoff', 'AcceptHandoffInput', first.id, { expectedVersion: 2 });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 3, assignee: { username: 'behandelaar@uwv.demo' } });
    const contacted = await act('behandelaar@uwv.demo', 'recordContact', 'RecordContactInput', first.id, { expectedVersion: 3, note: 'Gebeld, afspraak gemaakt.', channel: 'TELEFOON' });
    expect(contacted.status).toBe('IN_PROGRESS');
    const completed = await act('behandelaar@uwv.demo', 'completeHandoff', 'CompleteHandoffInput', first.id, { expectedVersion: 4, outcome: 'GEHOLPEN', note: 'WW toegekend.' });
    expect(completed).toMatchObject({ status: 'COMPLETED', outcome: 'GEHOLPEN', availableActions: [] });

    const outgoing = await call<{ handoffs: { edges: Array<{ node: { id: string; status: string; outcome: string } }> } }>(
      'balie@tilburg.demo',
      `{ handoffs(direction: OUTGOING, first: 50) { edges { node { id status outcome } } } }`,
    );
    expect(outgoing.data!.handoffs.edges.find((e) => e.node.id === first.id)?.node).toEqual({ id: first.id, status: 'COMPLETED', outcome: 'GEHOLPEN' });

    const seen = await call<{ referral: { status: string; timeline: Array<{ type: string }>; citizen: { bsn: string } } }>('balie@tilburg.demo', REFERRAL, { id: referral.id });
    expect(seen.data!.referral.status).toBe('RESOLVED');
    expect(seen.data!.referral.citizen.bsn).toBe('111222333');
    expect(seen.data!.referral.timeline.map((t) => t.type)).toEqual(['REQUESTED', 'RECEIVED', 'ACCEPTED', 'CONTACT_RECORDED', 'COMPLETED']);

    for (const outsider of ['behandelaar@enschede.demo', 'coordinator@svb.demo']) {
      expect(code(await call(outsider, REFERRAL, { id: referral.id }))).toBe('NOT_FOUND');
      expect(code(await call(outsider, `query ($id: ID!) { handoff(id: $id) { id } }`, { id: first.id }))).toBe('NOT_FOUND');
      const res = await call(outsider, ACTION('acceptHandoff', 'AcceptHandoffInput'), { id: first.id, input: { expectedVersion: 5 } });
      expect(code(res)).toBe('NOT_FOUND');
    }
    const enschedeLists = await call<{ handoffs: { edges: Array<{ node: { id: string } }> } }>(
      'behandelaar@enschede.demo',
      `{ handoffs(direction: INCOMING, first: 100) { edges { node { id } } } }`,
    );
    expect(enschedeLists.data!.handoffs.edges.map((e) => e.node.id)).not.toContain(first.id);
  });

  it('Tilburg → UWV → SVB: forwarding needs fresh consent; every link sees the chain', async () => {
    const referral = await refer('balie@tilburg.demo', 'uwv', { topic: 'INKOMEN' });
    const h1 = referral.currentHandoff;
    const forwardInput = { expectedVersion: 1, toOrganisationId: orgs.svb, reason: 'AOW-vraag: dat is de SVB.', summary: 'Wordt binnenkort 67.' };

    const noConsent = await call('behandelaar@uwv.demo', ACTION('forwardHandoff', 'ForwardHandoffInput'), {
      id: h1.id,
      input: { ...forwardInput, consent: { given: false, method: 'MONDELING' } },
    });
    expect(code(noConsent)).toBe('BAD_USER_INPUT');
    expect(noConsent.errors?.[0].message).toMatch(/Toestemming/);
    const wrongConsent = await call('behandelaar@uwv.demo', ACTION('forwardHandoff', 'ForwardHandoffInput'), {
      id: h1.id,
      input: { ...forwardInput, consent: { given: true, method: 'MONDELING', organisationId: orgs.enschede } },
    });
    expect(code(wrongConsent)).toBe('BAD_USER_INPUT');

    const forwarded = await act('behandelaar@uwv.demo', 'forwardHandoff', 'ForwardHandoffInput', h1.id, { ...forwardInput, consent: { given: true, method: 'DIGITAAL' } });
    expect(forwarded).toMatchObject({ status: 'FORWARDED', reason: 'AOW-vraag: dat is de SVB.' });

    const chain = await call<{ referral: { status: string; handoffs: Array<{ sequence: number; status: string; from: { name: string }; to: { name: string } }> } }>(
      'coordinator@svb.demo',
      REFERRAL,
      { id: referral.id },
    );
    expect(chain.data!.referral.handoffs.map((h) => [h.sequence, h.from.name, h.to.name, h.status])).toEqual([
      [1, 'Gemeente Tilburg', 'UWV', 'FORWARDED'],
      [2, 'UWV', 'Sociale Verzekeringsbank', 'REQUESTED'],
    ]);
    const svbHandoff = (await call<{ referral: { handoffs: Array<{ id: string }> } }>('coordinator@svb.demo', REFERRAL, { id: referral.id })).data!.referral.handoffs[1];
    await act('coordinator@svb.demo', 'acceptHandoff', 'AcceptHandoffInput', svbHandoff.id, { expectedVersion: 1 });
    await act('coordinator@svb.demo', 'completeHandoff', 'CompleteHandoffInput', svbHandoff.id, { expectedVersion: 2, outcome: 'DEELS_GEHOLPEN' });

    // The first referrer sees how it ended, two links further.
    const atTilburg = await call<{ referral: { status: string } }>('balie@tilburg.demo', REFERRAL, { id: referral.id });
    expect(atTilburg.data!.referral.status).toBe('RESOLVED');
  });

  it('return to sender with a reason; no plain reject exists', async () => {
    const { currentHandoff: h } = await refer('behandelaar@tilburg.demo', 'uwv');
    expect(code(await call('behandelaar@uwv.demo', ACTION('returnHandoff', 'ReasonInput'), { id: h.id, input: { expectedVersion: 1, reason: '  ' } }))).toBe('BAD_USER_INPUT');
    const returned = await act('behandelaar@uwv.demo', 'returnHandoff', 'ReasonInput', h.id, { expectedVersion: 1, reason: 'Geen UWV-vraag: schuldhulp is gemeentelijk.' });
    expect(returned).toMatchObject({ status: 'RETURNED', availableActions: [] });
    const reject = await api.graphql(`mutation { rejectHandoff(id: "x") { id } }`, {}, await token('behandelaar@uwv.demo'));
    expect(code(reject)).toBe('BAD_USER_INPUT');
  });

  it('cancel by the sender only, and only before acceptance', async () => {
    const { id, currentHandoff: h } = await refer('balie@tilburg.demo', 'uwv');
    expect(code(await call('behandelaar@uwv.demo', ACTION('cancelHandoff', 'ReasonInput'), { id: h.id, input: { expectedVersion: 1, reason: 'x' } }))).toBe('FORBIDDEN');
    const cancelled = await act('balie@tilburg.demo', 'cancelHandoff', 'ReasonInput', h.id, { expectedVersion: 1, reason: 'Inwoner heeft zelf contact gezocht.' });
    expect(cancelled.status).toBe('CANCELLED');
    const referral = await call<{ referral: { status: string } }>('balie@tilburg.demo', REFERRAL, { id });
    expect(referral.data!.referral.status).toBe('WITHDRAWN');

    const second = await refer('balie@tilburg.demo', 'uwv');
    await act('behandelaar@uwv.demo', 'acceptHandoff', 'AcceptHandoffInput', second.currentHandoff.id, { expectedVersion: 1 });
    const late = await call('balie@tilburg.demo', ACTION('cancelHandoff', 'ReasonInput'), { id: second.currentHandoff.id, input: { expectedVersion: 2, reason: 'te laat' } });
    expect(code(late)).toBe('INVALID_TRANSITION');
    expect(late.errors?.[0].message).toMatch(/ACCEPTED/);
  });

  it('a citizen flagged doNotContact: the receiver sees no contact details and may only go through the referrer', async () => {
    const referral = await refer('balie@tilburg.demo', 'uwv', {
      citizen: { bsn: '123456782', name: 'A. Veilig', phone: '0612345678', email: 'veilig@example.nl', doNotContact: true },
    });
    const atUwv = await call<{ referral: { citizen: { phone: string | null; email: string | null; doNotContact: boolean } } }>('behandelaar@uwv.demo', REFERRAL, { id: referral.id });
    expect(atUwv.data!.referral.citizen).toMatchObject({ phone: null, email: null, doNotContact: true });
    const atTilburg = await call<{ referral: { citizen: { phone: string | null } } }>('balie@tilburg.demo', REFERRAL, { id: referral.id });
    expect(atTilburg.data!.referral.citizen.phone).toBe('0612345678');

    const h = referral.currentHandoff;
    await act('behandelaar@uwv.demo', 'acceptHandoff', 'AcceptHandoffInput', h.id, { expectedVersion: 1 });
    const direct = await call('behandelaar@uwv.demo', ACTION('recordContact', 'RecordContactInput'), { id: h.id, input: { expectedVersion: 2, note: 'Gebeld', channel: 'TELEFOON' } });
    expect(code(direct)).toBe('BAD_USER_INPUT');
    const viaReferrer = await act('behandelaar@uwv.demo', 'recordContact', 'RecordContactInput', h.id, { expectedVersion: 2, note: 'Via de balie Tilburg gesproken.', channel: 'VIA_VERWIJZER' });
    expect(viaReferrer.status).toBe('IN_PROGRESS');
  });

  it('refuses bad input and changes nothing', async () => {
    const countOutgoing = async () =>
      (await call<{ handoffs: { totalCount: number } }>('balie@tilburg.demo', `{ handoffs(direction: OUTGOING) { totalCount } }`)).data!.handoffs.totalCount;
    const before = await countOutgoing();
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['invalid BSN', referralInput('uwv', { citizen: { bsn: '123456789', name: 'X' } }), 'BAD_USER_INPUT'],
      ['000000000', referralInput('uwv', { citizen: { bsn: '000000000', name: 'X' } }), 'BAD_USER_INPUT'],
      ['no consent', referralInput('uwv', { consent: { given: false, method: 'MONDELING' } }), 'BAD_USER_INPUT'],
      ['consent for someone else', referralInput('uwv', { consent: { given: true, method: 'MONDELING', organisationId: orgs.svb } }), 'BAD_USER_INPUT'],
      ['own organisation', referralInput('tilburg'), 'BAD_USER_INPUT'],
      ['unknown organisation', { ...referralInput('uwv'), toOrganisationId: '00000000-0000-4000-8000-000000000000' }, 'BAD_USER_INPUT'],
      ['empty summary', referralInput('uwv', { summary: '' }), 'BAD_USER_INPUT'],
      ['summary too long', referralInput('uwv', { summary: 'x'.repeat(4001) }), 'BAD_USER_INPUT'],
      ['maatwerk without explanation', referralInput('uwv', { bottleneck: { category: 'WET_EN_REGELGEVING', description: 'Kostendelersnorm', customSolutionApplied: true } }), 'BAD_USER_INPUT'],
    ];
    for (const [label, input, expected] of cases) {
      const res = await call('balie@tilburg.demo', CREATE, { input });
      expect([label, code(res)]).toEqual([label, expected]);
      expect(JSON.stringify(res.errors)).not.toMatch(/123456789|000000000|111222333/);
    }
    expect(await countOutgoing()).toBe(before);
  });

  it('refuses an inactive receiver', async () => {
    const owner = new Client({ connectionString: process.env.DATABASE_OWNER_URL });
    await owner.connect();
    try {
      await owner.query(`UPDATE organisations SET active = false WHERE id = $1`, [orgs.enschede]);
      const res = await call('balie@tilburg.demo', CREATE, { input: referralInput('enschede') });
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/niet actief/);
    } finally {
      await owner.query(`UPDATE organisations SET active = true WHERE id = $1`, [orgs.enschede]);
      await owner.end();
    }
  });

  it('checks who may act: roles, sides and case access', async () => {
    const { id, currentHandoff: h } = await refer('balie@tilburg.demo', 'uwv');
    expect(code(await call('balie@uwv.demo', ACTION('acceptHandoff', 'AcceptHandoffInput'), { id: h.id, input: { expectedVersion: 1 } }))).toBe('FORBIDDEN');
    expect(code(await call('balie@tilburg.demo', ACTION('acceptHandoff', 'AcceptHandoffInput'), { id: h.id, input: { expectedVersion: 1 } }))).toBe('FORBIDDEN');
    for (const role of ['beleid', 'secretaris', 'beheer']) {
      expect(code(await call(`${role}@tilburg.demo`, REFERRAL, { id }))).toBe('FORBIDDEN');
      expect(code(await call(`${role}@uwv.demo`, `{ handoffs(direction: INCOMING) { totalCount } }`))).toBe('FORBIDDEN');
      expect(code(await call(`${role}@tilburg.demo`, CREATE, { input: referralInput('uwv') }))).toBe('FORBIDDEN');
    }
    // Assigning someone else takes a coordinator.
    const behandelaar = (await call<{ me: { employee: { id: string } } }>('behandelaar@uwv.demo', `{ me { employee { id } } }`)).data!.me.employee.id;
    expect(code(await call('behandelaar@uwv.demo', ACTION('acceptHandoff', 'AcceptHandoffInput'), { id: h.id, input: { expectedVersion: 1, assigneeId: (await call<{ me: { employee: { id: string } } }>('coordinator@uwv.demo', `{ me { employee { id } } }`)).data!.me.employee.id } }))).toBe('FORBIDDEN');
    const tilburgEmployee = (await call<{ me: { employee: { id: string } } }>('behandelaar@tilburg.demo', `{ me { employee { id } } }`)).data!.me.employee.id;
    expect(code(await call('coordinator@uwv.demo', ACTION('acceptHandoff', 'AcceptHandoffInput'), { id: h.id, input: { expectedVersion: 1, assigneeId: tilburgEmployee } }))).toBe('BAD_USER_INPUT');
    const assigned = await act('coordinator@uwv.demo', 'acceptHandoff', 'AcceptHandoffInput', h.id, { expectedVersion: 1, assigneeId: behandelaar });
    expect(assigned.assignee?.username).toBe('behandelaar@uwv.demo');
  });

  it('answers INVALID_TRANSITION naming the status and allowed actions, CONFLICT on a stale version', async () => {
    const { currentHandoff: h } = await refer('balie@tilburg.demo', 'uwv');
    const tooEarly = await call('behandelaar@uwv.demo', ACTION('completeHandoff', 'CompleteHandoffInput'), { id: h.id, input: { expectedVersion: 1, outcome: 'GEHOLPEN' } });
    expect(code(tooEarly)).toBe('INVALID_TRANSITION');
    expect(tooEarly.errors?.[0].message).toMatch(/REQUESTED/);
    expect(tooEarly.errors?.[0].extensions?.details).toMatchObject({ status: 'REQUESTED', allowedActions: ['RECEIVE', 'ACCEPT', 'FORWARD', 'RETURN'] });

    await act('behandelaar@uwv.demo', 'receiveHandoff', 'VersionInput', h.id, { expectedVersion: 1 });
    const stale = await call('behandelaar@uwv.demo', ACTION('acceptHandoff', 'AcceptHandoffInput'), { id: h.id, input: { expectedVersion: 1 } });
    expect(code(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0].extensions?.details).toMatchObject({ currentVersion: 2, status: 'RECEIVED' });
  });

  it('lets exactly one of two concurrent accepts win', async () => {
    const { currentHandoff: h } = await refer('balie@tilburg.demo', 'uwv');
    const input = { expectedVersion: 1 };
    const [a, b] = await Promise.all([
      call('behandelaar@uwv.demo', ACTION('acceptHandoff', 'AcceptHandoffInput'), { id: h.id, input }),
      call('coordinator@uwv.demo', ACTION('acceptHandoff', 'AcceptHandoffInput'), { id: h.id, input }),
    ]);
    const codes = [code(a), code(b)].sort();
    expect(codes).toEqual(['CONFLICT', undefined].sort());
  });

  it('is idempotent per key: the same request returns the first referral, a different one CONFLICT', async () => {
    const key = `idem-${Date.now()}`;
    const first = await refer('balie@tilburg.demo', 'uwv', { idempotencyKey: key });
    const again = await refer('balie@tilburg.demo', 'uwv', { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    const other = await call('balie@tilburg.demo', CREATE, { input: referralInput('uwv', { idempotencyKey: key, summary: 'Iets anders' }) });
    expect(code(other)).toBe('CONFLICT');
    // Another organisation may use the same key for its own referral.
    const enschede = await refer('balie@enschede.demo', 'uwv', { idempotencyKey: key });
    expect(enschede.id).not.toBe(first.id);
  });

  it('pages handoffs newest first with a cursor, and caps page sizes', async () => {
    for (let i = 0; i < 3; i++) await refer('balie@sittard-geleen.demo', 'svb');
    const page1 = await call<{ handoffs: { totalCount: number; edges: Array<{ cursor: string; node: { id: string; createdAt: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      'behandelaar@sittard-geleen.demo',
      `{ handoffs(direction: OUTGOING, first: 2) { totalCount edges { cursor node { id createdAt } } pageInfo { hasNextPage endCursor } } }`,
    );
    const p1 = page1.data!.handoffs;
    expect(p1.edges).toHaveLength(2);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const page2 = await call<{ handoffs: { edges: Array<{ node: { id: string } }> } }>(
      'behandelaar@sittard-geleen.demo',
      `query ($after: String) { handoffs(direction: OUTGOING, first: 100, after: $after) { edges { node { id } } } }`,
      { after: p1.pageInfo.endCursor },
    );
    const ids2 = page2.data!.handoffs.edges.map((e) => e.node.id);
    expect(ids2).toHaveLength(p1.totalCount - 2);
    expect(ids2).not.toContain(p1.edges[0].node.id);
    expect(new Date(p1.edges[0].node.createdAt) >= new Date(p1.edges[1].node.createdAt)).toBe(true);
    expect(code(await call('behandelaar@sittard-geleen.demo', `{ handoffs(direction: OUTGOING, first: 101) { totalCount } }`))).toBe('BAD_USER_INPUT');
    expect(code(await call('behandelaar@sittard-geleen.demo', `{ handoffs(direction: OUTGOING, after: "bogus") { totalCount } }`))).toBe('BAD_USER_INPUT');
  });

  it('finds a citizen\'s referrals by BSN (in the body only), within the caller\'s chains', async () => {
    await refer('balie@tilburg.demo', 'belastingdienst', { citizen: { bsn: '999999990', name: 'B. Zoek' } });
    const q = `query ($bsn: String!) { referralsForCitizen(bsn: $bsn) { id citizen { name } } }`;
    const atTilburg = await call<{ referralsForCitizen: Array<{ citizen: { name: string } }> }>('balie@tilburg.demo', q, { bsn: '999999990' });
    expect(atTilburg.data!.referralsForCitizen.map((r) => r.citizen.name)).toContain('B. Zoek');
    const atEnschede = await call<{ referralsForCitizen: unknown[] }>('balie@enschede.demo', q, { bsn: '999999990' });
    expect(atEnschede.data!.referralsForCitizen).toEqual([]);
    expect(code(await call('balie@tilburg.demo', q, { bsn: '123' }))).toBe('BAD_USER_INPUT');
  });

  it('records notes and bottlenecks (with maatwerk) on the timeline', async () => {
    const { id } = await refer('balie@tilburg.demo', 'uwv', {
      bottleneck: { category: 'WET_EN_REGELGEVING', rule: 'Participatiewet art. 18', description: 'Kostendelersnorm', customSolutionApplied: true, customSolution: 'Tijdelijk buiten beschouwing gelaten.' },
    });
    const note = await call('behandelaar@uwv.demo', `mutation ($id: ID!) { addReferralNote(referralId: $id, text: "Dossier opgevraagd") { id } }`, { id });
    expect(note.errors).toBeUndefined();
    const flag = await call('behandelaar@uwv.demo', `mutation ($id: ID!, $input: BottleneckInput!) { flagBottleneck(referralId: $id, input: $input) { id category } }`, {
      id,
      input: { category: 'SYSTEEM', description: 'Koppeling met Suwinet traag' },
    });
    expect(flag.errors).toBeUndefined();
    const seen = await call<{ referral: { timeline: Array<{ type: string }>; bottlenecks: Array<{ category: string; organisation: { name: string } }> } }>('balie@tilburg.demo', REFERRAL, { id });
    expect(seen.data!.referral.timeline.map((t) => t.type)).toEqual(['REQUESTED', 'BOTTLENECK_FLAGGED', 'NOTE_ADDED', 'BOTTLENECK_FLAGGED']);
    expect(seen.data!.referral.bottlenecks.map((b) => [b.category, b.organisation.name])).toEqual([
      ['WET_EN_REGELGEVING', 'Gemeente Tilburg'],
      ['SYSTEEM', 'UWV'],
    ]);
    expect(code(await call('behandelaar@enschede.demo', `mutation ($id: ID!) { addReferralNote(referralId: $id, text: "x") { id } }`, { id }))).toBe('NOT_FOUND');
  });
});
