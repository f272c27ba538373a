import { DEMO_DOOR_IDS, DoorStatsService } from '@schakel/doors';
import type { TestClient } from '@schakel/testing';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * The sociale kaart end to end: ranking on the seeded kaart (topic, region, measured speed from a
 * stats pass over real accepted handoffs), versioning with CONFLICT on a stale version, who may
 * maintain a door, refusals that change nothing, partner systems, and the public HSDS export.
 * A database of its own: the suite changes doors and handoff times.
 */
const DOOR_FIELDS = 'id name version active organisationName topics national gemeentecodes phone checklist norm { source fromAgreement norm { description } }';
const MATCHES = `query ($topic: ReferralTopic!, $gemeentecode: String, $search: String) {
  doorMatches(topic: $topic, gemeentecode: $gemeentecode, search: $search) { door { id name organisationName } medianMinutes acceptedCount reasons explanation checklist norm { norm { description } } }
}`;
const CREATE_DOOR = `mutation ($input: DoorInput!) { createDoor(input: $input) { ${DOOR_FIELDS} } }`;
const UPDATE_DOOR = `mutation ($id: ID!, $v: Int!, $input: DoorInput!) { updateDoor(id: $id, expectedVersion: $v, input: $input) { ${DOOR_FIELDS} } }`;
const CREATE_REFERRAL = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id currentHandoff { id } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptHandoff(id: $id, input: { expectedVersion: 1 }) { id status } }`;

interface Match { door: { id: string; name: string; organisationName: string }; medianMinutes: number | null; acceptedCount: number; reasons: string[]; explanation: string; checklist: string[]; norm: { norm: { description: string } } }
interface DoorView { id: string; name: string; version: number; active: boolean; phone: string | null; norm: { source: string; fromAgreement: boolean; norm: { description: string } } }

const doorInput = (over: Record<string, unknown> = {}) => ({
  name: 'Inloopspreekuur geldzorgen',
  description: 'Voor inwoners met geldzorgen.',
  topics: ['SCHULDEN'],
  national: false,
  gemeentecodes: ['0855'],
  reach: 'DIRECTE_LIJN',
  phone: '013 - 111 22 33',
  openingHours: [{ weekday: 1, opens: '09:00', closes: '12:00' }],
  checklist: ['Brieven van schuldeisers'],
  liveAllowed: false,
  liveTimeoutMinutes: 5,
  ...over,
});

describe('sociale kaart (end to end)', () => {
  const env = new IsolatedEnvironment('doors');
  let stack: Stack | undefined;
  let api: TestClient;
  const tokens: Record<string, string> = {};
  const token = async (username: string) => (tokens[username] ??= await api.devToken(username));
  const call = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) => api.graphql<T>(query, variables, await token(who));
  const code = (res: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;
  const matches = async (variables: Record<string, unknown>): Promise<Match[]> => {
    const res = await call<{ doorMatches: Match[] }>('balie@tilburg.demo', MATCHES, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.doorMatches;
  };
  const doorRow = async (id: string) => (await stack!.owner.query(`SELECT name, version, active FROM doors WHERE id = $1`, [id])).rows[0] as { name: string; version: number; active: boolean } | undefined;
  const versionCount = async (id: string) => Number((await stack!.owner.query(`SELECT count(*) FROM door_versions WHERE door_id = $1`, [id])).rows[0].count);
  const doorCount = async () => Number((await stack!.owner.query(`SELECT count(*) FROM doors`)).rows[0].count);

  /** n accepted WERK handoffs from `from` to `to`, each accepted `minutes` after it was requested. */
  const acceptedHandoffs = async (from: string, to: string, n: number, minutes: number) => {
    for (let i = 0; i < n; i++) {
      const res = await call<{ createReferral: { currentHandoff: { id: string } } }>(`balie@${from}.demo`, CREATE_REFERRAL, {
        input: {
          citizen: { bsn: '111222333', name: 'Fatima de Vries', phone: '06-12345678', preferredChannel: 'TELEFOON' },
          toOrganisationId: stack!.orgs[to],
          topic: 'WERK',
          summary: 'Zoekt werk en inkomen.',
          urgency: 'NORMAAL',
          consent: { given: true, method: 'MONDELING' },
        },
      });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      const accepted = await call(`behandelaar@${to}.demo`, ACCEPT, { id: res.data!.createReferral.currentHandoff.id });
      if (accepted.errors) throw new Error(JSON.stringify(accepted.errors));
    }
    await stack!.owner.query(`UPDATE handoffs SET requested_at = accepted_at - make_interval(mins => $2) WHERE to_organisation_id = $1 AND accepted_at IS NOT NULL`, [stack!.orgs[to], minutes]);
  };

  beforeAll(async () => {
    // The public export is limited per source address; low here, so the limit is reached in a test.
    stack = await startStack(env, { env: { OPEN_DATA_RATE_LIMIT_PER_MINUTE: '4' } });
    api = stack.client;
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('ranks the seeded kaart by topic and region: a gemeente door only for its gemeente, national doors everywhere', async () => {
    const werkTilburg = await matches({ topic: 'WERK', gemeentecode: '0855' });
    expect(werkTilburg.map((m) => m.door.id).sort()).toEqual([DEMO_DOOR_IDS.uwvWerk, DEMO_DOOR_IDS.tilburgWerk].sort());
    expect(werkTilburg.find((m) => m.door.id === DEMO_DOOR_IDS.tilburgWerk)).toMatchObject({ reasons: ['ONDERWERP', 'GEMEENTE'], medianMinutes: null, checklist: ['Laatste loonstrook of uitkeringsspecificatie', 'Bankafschriften van de laatste maand'] });
    expect(werkTilburg.find((m) => m.door.id === DEMO_DOOR_IDS.uwvWerk)).toMatchObject({ reasons: ['ONDERWERP', 'LANDELIJK'], explanation: 'Onderwerp Werk, landelijk loket' });
    expect(werkTilburg[0].norm.norm.description).toMatch(/^reageert binnen /);

    expect((await matches({ topic: 'SCHULDEN', gemeentecode: '0855' })).map((m) => m.door.id)).toEqual([DEMO_DOOR_IDS.tilburgSchulden]);
    expect((await matches({ topic: 'SCHULDEN', gemeentecode: '0153' })).map((m) => m.door.id)).toEqual([DEMO_DOOR_IDS.enschedeSchulden]);
    expect((await matches({ topic: 'SCHULDEN', gemeentecode: '1883' })).map((m) => m.door.id)).toEqual([DEMO_DOOR_IDS.sittardLoket]);
    expect((await matches({ topic: 'INKOMEN', gemeentecode: '0153' })).map((m) => m.door.id).sort()).toEqual([DEMO_DOOR_IDS.uwvWerk, DEMO_DOOR_IDS.svb].sort());
    // A search adds doors outside topic and region, after the ones that serve; wildcards are literal.
    const searched = await matches({ topic: 'SCHULDEN', gemeentecode: '0855', search: 'toeslag' });
    expect(searched.map((m) => m.door.id)).toEqual([DEMO_DOOR_IDS.tilburgSchulden, DEMO_DOOR_IDS.toeslagen]);
    expect(searched[1].reasons).toEqual(['LANDELIJK', 'ZOEKTERM']);
    expect((await matches({ topic: 'ZORG', gemeentecode: '0855', search: '%' })).map((m) => m.door.id)).toEqual([]);
    expect(code(await call('balie@tilburg.demo', MATCHES, { topic: 'WERK', gemeentecode: '855' }))).toBe('BAD_USER_INPUT');
  });

  it('ranks the door that measurably answers faster first, after a stats pass over accepted handoffs', async () => {
    const before = await matches({ topic: 'WERK', gemeentecode: '0855' });
    // Both unknown: by name ("Werk en inkomen" before "WW en werk").
    expect(before.map((m) => m.door.id)).toEqual([DEMO_DOOR_IDS.tilburgWerk, DEMO_DOOR_IDS.uwvWerk]);

    await acceptedHandoffs('tilburg', 'uwv', 5, 30);
    await acceptedHandoffs('enschede', 'tilburg', 5, 600);
    const computed = await stack!.api.get(DoorStatsService).computeAll();
    expect(computed).toBeGreaterThanOrEqual(6);

    const after = await matches({ topic: 'WERK', gemeentecode: '0855' });
    expect(after.map((m) => [m.door.id, m.medianMinutes, m.acceptedCount])).toEqual([
      [DEMO_DOOR_IDS.uwvWerk, 30, 5],
      [DEMO_DOOR_IDS.tilburgWerk, 600, 5],
    ]);
    const stats = (await stack!.owner.query(`SELECT organisation_id, topic::text, accepted_count, median_minutes, p90_minutes FROM door_response_stats ORDER BY median_minutes`)).rows;
    expect(stats).toEqual([
      { organisation_id: stack!.orgs.uwv, topic: 'WERK', accepted_count: 5, median_minutes: 30, p90_minutes: 30 },
      { organisation_id: stack!.orgs.tilburg, topic: 'WERK', accepted_count: 5, median_minutes: 600, p90_minutes: 600 },
    ]);
    // A second pass replaces, never adds.
    await stack!.api.get(DoorStatsService).computeAll();
    expect(Number((await stack!.owner.query(`SELECT count(*) FROM door_response_stats`)).rows[0].count)).toBe(2);
  });

  it('the worker computes the statistics from PostgreSQL once at start (nothing needed from Redis)', async () => {
    await stack!.owner.query(`DELETE FROM door_response_stats`);
    await stack!.startWorker();
    const deadline = Date.now() + 30_000;
    let rows: Array<{ organisation_id: string; median_minutes: number }> = [];
    while (Date.now() < deadline) {
      rows = (await stack!.owner.query(`SELECT organisation_id, median_minutes FROM door_response_stats ORDER BY median_minutes`)).rows;
      if (rows.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(rows).toEqual([
      { organisation_id: stack!.orgs.uwv, median_minutes: 30 },
      { organisation_id: stack!.orgs.tilburg, median_minutes: 600 },
    ]);
  });

  it('versions every change; a stale expectedVersion is CONFLICT and changes nothing', async () => {
    const created = await call<{ createDoor: DoorView }>('coordinator@tilburg.demo', CREATE_DOOR, { input: doorInput() });
    expect(created.errors).toBeUndefined();
    const door = created.data!.createDoor;
    expect(door).toMatchObject({ version: 1, active: true, phone: '013 - 111 22 33', norm: { fromAgreement: false } });

    const updated = await call<{ updateDoor: DoorView }>('coordinator@tilburg.demo', UPDATE_DOOR, { id: door.id, v: 1, input: doorInput({ name: 'Geldzorgenspreekuur' }) });
    expect(updated.data!.updateDoor).toMatchObject({ version: 2, name: 'Geldzorgenspreekuur' });

    const stale = await call('beheer@tilburg.demo', UPDATE_DOOR, { id: door.id, v: 1, input: doorInput({ name: 'Overschreven' }) });
    expect(code(stale)).toBe('CONFLICT');
    expect(await doorRow(door.id)).toEqual({ name: 'Geldzorgenspreekuur', version: 2, active: true });

    const versions = await call<{ doorVersions: Array<{ version: number; name: string; changedByName: string | null }> }>('balie@enschede.demo', `query ($id: ID!) { doorVersions(doorId: $id) { version name changedByName } }`, { id: door.id });
    expect(versions.data!.doorVersions.map((v) => [v.version, v.name])).toEqual([[2, 'Geldzorgenspreekuur'], [1, 'Inloopspreekuur geldzorgen']]);
    expect(versions.data!.doorVersions[0].changedByName).toContain('Coördinator');

    const off = await call<{ setDoorActive: DoorView }>('coordinator@tilburg.demo', `mutation ($id: ID!) { setDoorActive(id: $id, active: false, expectedVersion: 2) { version active } }`, { id: door.id });
    expect(off.data!.setDoorActive).toEqual({ version: 3, active: false });
    expect(await versionCount(door.id)).toBe(3);
    // Inactive: off the kaart and invisible to others, still there for its owner.
    expect((await matches({ topic: 'SCHULDEN', gemeentecode: '0855' })).map((m) => m.door.id)).not.toContain(door.id);
    expect(code(await call('balie@enschede.demo', `query ($id: ID!) { door(id: $id) { id } }`, { id: door.id }))).toBe('NOT_FOUND');
    const mine = await call<{ doors: Array<{ id: string }> }>('coordinator@tilburg.demo', `{ doors(filter: { mine: true }) { id } }`);
    expect(mine.data!.doors.map((d) => d.id)).toContain(door.id);

    // door_versions is append-only, also for the table's owner.
    await expect(stack!.owner.query(`UPDATE door_versions SET snapshot = '{}' WHERE door_id = $1`, [door.id])).rejects.toThrow(/append-only/);
  });

  it("refuses another organisation's coordinator (NOT_FOUND) and a balie or behandelaar (FORBIDDEN); nothing changes", async () => {
    const id = DEMO_DOOR_IDS.tilburgSchulden;
    const before = await doorRow(id);
    expect(code(await call('coordinator@enschede.demo', UPDATE_DOOR, { id, v: 1, input: doorInput() }))).toBe('NOT_FOUND');
    expect(code(await call('coordinator@enschede.demo', `mutation ($id: ID!) { setDoorActive(id: $id, active: false, expectedVersion: 1) { id } }`, { id }))).toBe('NOT_FOUND');
    expect(code(await call('balie@tilburg.demo', UPDATE_DOOR, { id, v: 1, input: doorInput() }))).toBe('FORBIDDEN');
    expect(code(await call('behandelaar@tilburg.demo', CREATE_DOOR, { input: doorInput() }))).toBe('FORBIDDEN');
    expect(code(await call('coordinator@tilburg.demo', UPDATE_DOOR, { id: 'geen-uuid', v: 1, input: doorInput() }))).toBe('NOT_FOUND');
    expect(await doorRow(id)).toEqual(before);
    expect(await versionCount(id)).toBe(1);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ gemeentecodes: ['855'] }, 'gemeentecodes'],
    [{ gemeentecodes: [] }, 'gemeentecodes'],
    [{ topics: [] }, 'topics'],
    [{ openingHours: [{ weekday: 1, opens: '17:00', closes: '09:00' }] }, 'openingHours'],
    [{ openingHours: [{ weekday: 9, opens: '09:00', closes: '17:00' }] }, 'openingHours'],
    [{ phone: 'bel de balie' }, 'phone'],
    [{ liveTimeoutMinutes: 61 }, 'liveTimeoutMinutes'],
    [{ checklist: Array.from({ length: 21 }, (_v, i) => `punt ${i}`) }, 'checklist'],
  ])('refuses invalid input %j as BAD_USER_INPUT and creates nothing', async (over) => {
    const count = await doorCount();
    expect(code(await call('coordinator@tilburg.demo', CREATE_DOOR, { input: doorInput(over) }))).toBe('BAD_USER_INPUT');
    expect(code(await call('coordinator@tilburg.demo', UPDATE_DOOR, { id: DEMO_DOOR_IDS.tilburgSchulden, v: 1, input: doorInput(over) }))).toBe('BAD_USER_INPUT');
    expect(await doorCount()).toBe(count);
    expect(await versionCount(DEMO_DOOR_IDS.tilburgSchulden)).toBe(1);
  });

  it('lets a partner system with handoffs:read read the kaart, never maintain it', async () => {
    const reader = await api.clientToken('uwv-system', 'dev-secret-uwv-system', 'handoffs:read');
    const res = await api.graphql<{ doorMatches: Match[] }>(MATCHES, { topic: 'SCHULDEN', gemeentecode: '0153' }, reader);
    expect(res.data!.doorMatches.map((m) => m.door.id)).toEqual([DEMO_DOOR_IDS.enschedeSchulden]);
    const everything = await api.clientToken('uwv-system', 'dev-secret-uwv-system');
    const count = await doorCount();
    expect(code(await api.graphql(CREATE_DOOR, { input: doorInput({ gemeentecodes: [], national: true }) }, everything))).toBe('FORBIDDEN');
    expect(code(await api.graphql(UPDATE_DOOR, { id: DEMO_DOOR_IDS.uwvWerk, v: 1, input: doorInput() }, everything))).toBe('FORBIDDEN');
    expect(await doorCount()).toBe(count);
    const noScope = await api.clientToken('uwv-system', 'dev-secret-uwv-system', 'webhooks:manage');
    expect(code(await api.graphql(MATCHES, { topic: 'WERK' }, noScope))).toBe('FORBIDDEN');
  });

  it('exports the kaart publicly as HSDS 3.0 without the professionals’ direct lines', async () => {
    const res = await fetch(`${api.baseUrl}/sociale-kaart/hsds`);
    expect(res.status).toBe(200);
    expect(res.headers.get('api-version')).toBeTruthy();
    const text = await res.text();
    const doc = JSON.parse(text) as Record<string, Array<Record<string, unknown>>> & { hsds_version: string };
    expect(doc.hsds_version).toBe('3.0');
    for (const key of ['organizations', 'services', 'service_areas', 'contacts', 'schedules', 'required_documents']) expect(Array.isArray(doc[key])).toBe(true);
    const serviceIds = doc.services.map((s) => s.id);
    expect(serviceIds).toEqual(expect.arrayContaining(Object.values(DEMO_DOOR_IDS)));
    const uwv = doc.services.find((s) => s.id === DEMO_DOOR_IDS.uwvWerk)!;
    expect(uwv).toMatchObject({ name: 'WW en werk', status: 'active', organization_id: stack!.orgs.uwv });
    expect(doc.organizations.find((o) => o.id === stack!.orgs.uwv)).toMatchObject({ name: 'UWV' });
    expect(doc.service_areas.filter((a) => a.service_id === DEMO_DOOR_IDS.tilburgWerk)).toEqual([expect.objectContaining({ extent: 'GM0855', extent_type: 'text', name: 'Gemeente Tilburg' })]);
    expect(doc.service_areas.filter((a) => a.service_id === DEMO_DOOR_IDS.uwvWerk)).toEqual([expect.objectContaining({ name: 'Nederland', extent: 'NL' })]);
    expect(doc.schedules.filter((s) => s.service_id === DEMO_DOOR_IDS.svb)).toEqual([expect.objectContaining({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' })]);
    expect(doc.required_documents.filter((d) => d.service_id === DEMO_DOOR_IDS.uwvWerk).map((d) => d.document)).toContain('Laatste loonstrook of uitkeringsspecificatie');
    // Nothing only for professionals: no phones, no direct line anywhere, no norms or speed.
    expect(doc).not.toHaveProperty('phones');
    for (const phone of (await stack!.owner.query(`SELECT phone FROM doors WHERE phone IS NOT NULL`)).rows as Array<{ phone: string }>) expect(text).not.toContain(phone.phone);
    expect(text).not.toMatch(/"(phone|number|norm|median|live)/i);
    // Inactive doors are not published.
    const inactive = (await stack!.owner.query(`SELECT id FROM doors WHERE NOT active`)).rows as Array<{ id: string }>;
    for (const { id } of inactive) expect(serviceIds).not.toContain(id);
  });

  it('limits the public export per source address: over it 429 problem details with Retry-After, no kaart', async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${api.baseUrl}/sociale-kaart/hsds`);
      statuses.push(res.status);
      if (res.status === 429) refused = res;
      else await res.arrayBuffer();
    }
    // The previous test used one of the four.
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(refused!.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused!.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 429 });
    expect(body).not.toHaveProperty('services');
  });
});
