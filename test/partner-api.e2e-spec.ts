import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { LocalTokenService } from '@schakel/platform';
import { eventually, TestClient } from '@schakel/testing';
import { createClient } from 'graphql-ws';
import type { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * The partner API end to end: UWV's own system drives the handoff flow with OAuth2 client
 * credentials, scopes are enforced per operation, and the abuse limits hold.
 */
type Gql = Awaited<ReturnType<TestClient['graphql']>>;
const code = (res: Gql) => res.errors?.[0]?.extensions?.code;


describe('partner API (end to end)', () => {
  const env = new IsolatedEnvironment('partner');
  let stack: Stack | undefined;
  let apiA: INestApplication;
  let a: TestClient;
  let b: TestClient;
  let owner: PgClient;
  const orgs: Record<string, string> = {};

  const clientToken = (api: TestClient, clientId: string, secret: string, scope?: string): Promise<string> => api.clientToken(clientId, secret, scope);
  // Tokens are reused per scope set: the token endpoint itself is rate limited (30 a minute).
  const uwvTokens = new Map<string, Promise<string>>();
  const uwvToken = (scope?: string): Promise<string> => {
    const key = scope ?? '*';
    if (!uwvTokens.has(key)) uwvTokens.set(key, clientToken(a, 'uwv-system', 'dev-secret-uwv-system', scope));
    return uwvTokens.get(key)!;
  };

  const refer = async (api: TestClient, who: string, to: string) => {
    const res = await api.graphql<{ createReferral: { id: string; currentHandoff: { id: string } } }>(
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id currentHandoff { id } } }`,
      { input: { citizen: { bsn: '111222333', name: 'Partner Test' }, toOrganisationId: orgs[to], topic: 'WERK', summary: 'Via het partnerkanaal.', consent: { given: true, method: 'DIGITAAL' } } },
      await api.devToken(who),
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createReferral;
  };

  beforeAll(async () => {
    stack = await startStack(env, { env: { OUTBOX_POLL_INTERVAL_MS: '200' } });
    ({ owner, api: apiA, client: a } = stack);
    Object.assign(orgs, stack.orgs);
    ({ client: b } = await stack.addApi());
    await stack.startWorker();
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('the token endpoint', () => {
    it('issues a short-lived token for client credentials (form, JSON or HTTP Basic) with the granted scopes', async () => {
      const res = await fetch(`${a.baseUrl}/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'svb-system', client_secret: 'dev-secret-svb-system' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.json();
      expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900, scope: 'handoffs:read handoffs:write action-lists:read action-lists:sign webhooks:manage' });

      const basic = await fetch(`${a.baseUrl}/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from('svb-system:dev-secret-svb-system').toString('base64')}` },
        body: 'grant_type=client_credentials&scope=handoffs%3Aread',
      });
      expect(await basic.json()).toMatchObject({ scope: 'handoffs:read' });
    });

    it.each([
      [{ grant_type: 'password', client_id: 'uwv-system', client_secret: 'dev-secret-uwv-system' }, 400, 'unsupported_grant_type'],
      [{ grant_type: 'client_credentials', client_id: 'uwv-system' }, 400, 'invalid_request'],
      [{ grant_type: 'client_credentials', client_id: 'uwv-system', client_secret: 'wrong' }, 401, 'invalid_client'],
      [{ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'whatever' }, 401, 'invalid_client'],
      [{ grant_type: 'client_credentials', client_id: 'uwv-system', client_secret: 'dev-secret-uwv-system', scope: 'handoffs:read admin' }, 400, 'invalid_scope'],
    ])('refuses %j with %i %s', async (form, status, error) => {
      const res = await fetch(`${a.baseUrl}/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(form) });
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error });
    });
  });

  it('lets uwv-system receive, accept, contact and complete a handoff sent by Tilburg; the timeline shows the system', async () => {
    const { id: referralId, currentHandoff } = await refer(b, 'balie@tilburg.demo', 'uwv');
    const token = await uwvToken();
    const me = await a.graphql<{ me: { employee: null; machineClient: { clientId: string }; organisation: { name: string } } }>(`{ me { employee { id } machineClient { clientId } scopes organisation { name } } }`, {}, token);
    expect(me.data!.me).toMatchObject({ employee: null, machineClient: { clientId: 'uwv-system' }, organisation: { name: 'UWV' } });

    const inbox = await a.graphql<{ handoffs: { edges: Array<{ node: { id: string; availableActions: string[] } }> } }>(
      `{ handoffs(direction: INCOMING, first: 10) { edges { node { id availableActions } } } }`,
      {},
      token,
    );
    expect(inbox.data!.handoffs.edges.find((e) => e.node.id === currentHandoff.id)?.node.availableActions).toEqual(['RECEIVE', 'ACCEPT', 'FORWARD', 'RETURN']);

    const steps: Array<[string, string, Record<string, unknown>]> = [
      ['receiveHandoff', 'VersionInput', { expectedVersion: 1 }],
      ['acceptHandoff', 'AcceptHandoffInput', { expectedVersion: 2 }],
      ['recordContact', 'RecordContactInput', { expectedVersion: 3, note: 'Gebeld door de UWV-systeemkoppeling.', channel: 'TELEFOON' }],
      ['completeHandoff', 'CompleteHandoffInput', { expectedVersion: 4, outcome: 'GEHOLPEN' }],
    ];
    for (const [mutation, input, variables] of steps) {
      const res = await a.graphql(`mutation ($id: ID!, $input: ${input}!) { ${mutation}(id: $id, input: $input) { status } }`, { id: currentHandoff.id, input: variables }, token);
      expect([mutation, res.errors]).toEqual([mutation, undefined]);
    }
    const seen = await b.graphql<{ referral: { status: string; timeline: Array<{ type: string; actorKind: string; actor: unknown; organisation: { name: string } }> } }>(
      `query ($id: ID!) { referral(id: $id) { status timeline { type actorKind actor { username } organisation { name } } } }`,
      { id: referralId },
      await b.devToken('balie@tilburg.demo'),
    );
    expect(seen.data!.referral.status).toBe('RESOLVED');
    expect(seen.data!.referral.timeline.map((t) => [t.type, t.actorKind, t.organisation.name])).toEqual([
      ['REQUESTED', 'PERSON', 'Gemeente Tilburg'],
      ['RECEIVED', 'SYSTEM', 'UWV'],
      ['ACCEPTED', 'SYSTEM', 'UWV'],
      ['CONTACT_RECORDED', 'SYSTEM', 'UWV'],
      ['COMPLETED', 'SYSTEM', 'UWV'],
    ]);
  });

  describe('the scope matrix: every operation refuses a token without its scope', () => {
    const ALL = ['handoffs:read', 'handoffs:write', 'action-lists:read', 'action-lists:sign', 'webhooks:manage'];
    const id = '00000000-0000-4000-8000-000000000000';
    const operations: Array<[string, string, Record<string, unknown>]> = [
      ['handoffs:read', `{ handoffs(direction: INCOMING) { pageInfo { hasNextPage } } }`, {}],
      ['handoffs:read', `query ($id: ID!) { handoff(id: $id) { id } }`, { id }],
      ['handoffs:read', `query ($id: ID!) { referral(id: $id) { id } }`, { id }],
      ['handoffs:read', `query ($bsn: String!) { referralsForCitizen(bsn: $bsn) { id } }`, { bsn: '111222333' }],
      ['handoffs:write', `mutation ($id: ID!) { receiveHandoff(id: $id, input: { expectedVersion: 1 }) { id } }`, { id }],
      ['handoffs:write', `mutation ($id: ID!) { acceptHandoff(id: $id, input: { expectedVersion: 1 }) { id } }`, { id }],
      ['handoffs:write', `mutation ($id: ID!) { recordContact(id: $id, input: { expectedVersion: 1, note: "x", channel: TELEFOON }) { id } }`, { id }],
      ['handoffs:write', `mutation ($id: ID!) { completeHandoff(id: $id, input: { expectedVersion: 1, outcome: GEHOLPEN }) { id } }`, { id }],
      ['handoffs:write', `mutation ($id: ID!, $o: ID!) { forwardHandoff(id: $id, input: { expectedVersion: 1, toOrganisationId: $o, reason: "x", consent: { given: true, method: MONDELING } }) { id } }`, { id, o: id }],
      ['handoffs:write', `mutation ($id: ID!) { returnHandoff(id: $id, input: { expectedVersion: 1, reason: "x" }) { id } }`, { id }],
      ['handoffs:write', `mutation ($id: ID!) { cancelHandoff(id: $id, input: { expectedVersion: 1, reason: "x" }) { id } }`, { id }],
      ['handoffs:write', `mutation ($id: ID!) { addReferralNote(referralId: $id, text: "x") { id } }`, { id }],
      ['handoffs:write', `mutation ($id: ID!) { flagBottleneck(referralId: $id, input: { category: SYSTEEM, description: "x" }) { id } }`, { id }],
      ['handoffs:write', `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, { input: { citizen: { bsn: '111222333', name: 'X' }, toOrganisationId: id, topic: 'WERK', summary: 'x', consent: { given: true, method: 'MONDELING' } } }],
      ['webhooks:manage', `{ webhookSubscriptions { id } }`, {}],
      ['webhooks:manage', `{ webhookDeliveries { id } }`, {}],
      ['webhooks:manage', `mutation { createWebhookSubscription(input: { callbackUrl: "http://127.0.0.1:1/x", channels: ["handoffs"] }) { secret } }`, {}],
      ['webhooks:manage', `mutation ($id: ID!) { deleteWebhookSubscription(id: $id) { id } }`, { id }],
      ['webhooks:manage', `mutation ($id: ID!) { retryWebhookDelivery(id: $id) { id } }`, { id }],
    ];

    it.each(operations)('%s: %s', async (scope, query, variables) => {
      const without = await uwvToken(ALL.filter((s) => s !== scope).join(' '));
      const refused = await a.graphql(query, variables, without);
      expect(code(refused)).toBe('FORBIDDEN');
      expect(refused.errors?.[0].extensions?.details).toEqual({ requiredScope: scope });
      const withIt = await a.graphql(query, variables, await uwvToken(scope));
      expect(code(withIt)).not.toBe('FORBIDDEN');
    });

    it.each([
      [`{ notifications { totalCount } }`],
      [`mutation { markNotificationsRead(ids: []) { id } }`],
      [`{ machineClients { id } }`],
      [`mutation { createMachineClient(input: { name: "x", scopes: ["handoffs:read"] }) { clientSecret } }`],
    ])('refuses people-only operations to any machine client: %s', async (query) => {
      expect(code(await a.graphql(query, {}, await uwvToken()))).toBe('FORBIDDEN');
    });
  });

  it('refuses a revoked client at once, and a rotated secret', async () => {
    const beheer = await a.devToken('beheer@svb.demo');
    const created = await a.graphql<{ createMachineClient: { clientSecret: string; client: { id: string; clientId: string; scopes: string[] } } }>(
      `mutation { createMachineClient(input: { name: "SVB Koppeling Test", scopes: ["handoffs:read"] }) { clientSecret client { id clientId scopes } } }`,
      {},
      beheer,
    );
    const { client, clientSecret } = created.data!.createMachineClient;
    expect(client).toMatchObject({ clientId: 'svb-koppeling-test', scopes: ['handoffs:read'] });
    const token = await clientToken(a, client.clientId, clientSecret);
    expect(code(await a.graphql(`{ handoffs(direction: INCOMING) { pageInfo { hasNextPage } } }`, {}, token))).toBeUndefined();

    const rotated = await a.graphql<{ rotateMachineClientSecret: { clientSecret: string } }>(`mutation ($id: ID!) { rotateMachineClientSecret(id: $id) { clientSecret } }`, { id: client.id }, beheer);
    await expect(clientToken(a, client.clientId, clientSecret)).rejects.toThrow(/invalid_client/);
    const fresh = await clientToken(a, client.clientId, rotated.data!.rotateMachineClientSecret.clientSecret);

    // Another organisation's administrator cannot touch it.
    expect(code(await a.graphql(`mutation ($id: ID!) { revokeMachineClient(id: $id) { id } }`, { id: client.id }, await a.devToken('beheer@uwv.demo')))).toBe('NOT_FOUND');
    await a.graphql(`mutation ($id: ID!) { revokeMachineClient(id: $id) { active } }`, { id: client.id }, beheer);
    const afterRevoke = await a.graphql(`{ me { organisation { name } } }`, {}, fresh);
    expect(code(afterRevoke)).toBe('UNAUTHENTICATED');
    await expect(clientToken(a, client.clientId, rotated.data!.rotateMachineClientSecret.clientSecret)).rejects.toThrow(/invalid_client/);
  });

  it('refuses bad machine-client input and changes nothing', async () => {
    const beheer = await a.devToken('beheer@belastingdienst.demo');
    const count = async () => (await owner.query(`SELECT count(*)::int AS n FROM machine_clients`)).rows[0].n as number;
    const before = await count();
    for (const input of [`{ name: "X", scopes: ["handoffs:delete"] }`, `{ name: "X", scopes: [] }`, `{ name: "   ", scopes: ["handoffs:read"] }`]) {
      const res = await a.graphql(`mutation { createMachineClient(input: ${input}) { clientSecret } }`, {}, beheer);
      expect([input, code(res)]).toEqual([input, 'BAD_USER_INPUT']);
    }
    expect(await count()).toBe(before);
    // Only an administrator, and not for an id that cannot exist.
    expect(code(await a.graphql(`mutation { createMachineClient(input: { name: "X", scopes: ["handoffs:read"] }) { clientSecret } }`, {}, await a.devToken('coordinator@belastingdienst.demo')))).toBe('FORBIDDEN');
    expect(code(await a.graphql(`mutation { rotateMachineClientSecret(id: "not-an-id") { clientSecret } }`, {}, beheer))).toBe('NOT_FOUND');
    expect(code(await a.graphql(`mutation { markNotificationsRead(ids: ["not-an-id"]) { id } }`, {}, beheer))).toBe('BAD_USER_INPUT');
  });

  it('refuses an expired token', async () => {
    const { rows } = await owner.query(`SELECT id FROM machine_clients WHERE client_id = 'uwv-system'`);
    const expired = await apiA.get(LocalTokenService).issue(rows[0].id, { typ: 'machine', scope: 'handoffs:read' }, -5);
    const res = await a.graphql(`{ me { organisation { name } } }`, {}, expired.access_token);
    expect(code(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toMatch(/verlopen/);
  });

  it('delivers live handoff events on one API process for a transition caused through another', async () => {
    const ws = createClient({ url: a.baseUrl.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${await uwvToken('handoffs:read')}` }, retryAttempts: 0 });
    const events: Array<{ actie: string; handoff: { id: string; status: string } }> = [];
    await new Promise<void>((resolve, reject) => {
      ws.subscribe<{ handoffEvents: { actie: string; handoff: { id: string; status: string } } }>(
        { query: `subscription { handoffEvents(direction: INCOMING) { id actie occurredAt handoff { id status } } }` },
        { next: (m) => m.data && events.push(m.data.handoffEvents), error: reject, complete: () => undefined },
      );
      setTimeout(resolve, 500);
    });
    const { currentHandoff } = await refer(b, 'balie@enschede.demo', 'uwv');
    const outsider = await refer(b, 'balie@enschede.demo', 'svb');
    const seen = await eventually(() => events.find((e) => e.handoff.id === currentHandoff.id));
    expect(seen).toMatchObject({ actie: 'requested', handoff: { status: 'REQUESTED' } });
    await new Promise((r) => setTimeout(r, 1000));
    expect(events.some((e) => e.handoff.id === outsider.currentHandoff.id)).toBe(false);
    await ws.dispose();
  });

  it('refuses a subscription without its scope with the usual error code', async () => {
    const ws = createClient({ url: a.baseUrl.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${await uwvToken('webhooks:manage')}` }, retryAttempts: 0 });
    const error = await new Promise<unknown>((resolve) => {
      ws.subscribe({ query: `subscription { handoffEvents(direction: INCOMING) { id } }` }, { next: (m) => resolve(m.errors), error: resolve, complete: () => resolve('completed') });
    });
    await ws.dispose();
    expect(JSON.stringify(error)).toMatch(/"code":"FORBIDDEN"/);
  });

  it('shows a read-only client no actions it could not take', async () => {
    const { currentHandoff } = await refer(b, 'balie@tilburg.demo', 'uwv');
    const readOnly = await a.graphql<{ handoff: { availableActions: string[] } }>(`query ($id: ID!) { handoff(id: $id) { availableActions } }`, { id: currentHandoff.id }, await uwvToken('handoffs:read'));
    expect(readOnly.data!.handoff.availableActions).toEqual([]);
  });

  it('closes a live connection when its token expires', async () => {
    const { rows } = await owner.query(`SELECT id FROM machine_clients WHERE client_id = 'uwv-system'`);
    const shortLived = await apiA.get(LocalTokenService).issue(rows[0].id, { typ: 'machine', scope: 'handoffs:read' }, 2);
    const closed = await new Promise<number>((resolve) => {
      const ws = createClient({
        url: a.baseUrl.replace('http', 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: { Authorization: `Bearer ${shortLived.access_token}` },
        retryAttempts: 0,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      ws.subscribe({ query: `subscription { handoffEvents(direction: INCOMING) { id } }` }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect(closed).toBe(4401);
  });

  describe('limits against abuse', () => {
    it('refuses a depth-50 query without saying where the limit is', async () => {
      const deep = `{ handoffs(direction: INCOMING) { edges { node { ${'referral { handoffs { '.repeat(24)}id${' } }'.repeat(24)} } } } }`;
      const res = await a.graphql(deep, {}, await uwvToken());
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors)).not.toMatch(/\b12\b|limit of/i);
    });

    it('refuses a 500-alias query', async () => {
      const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: me { scopes }`).join(' ');
      expect(code(await a.graphql(`{ ${aliases} }`, {}, await uwvToken()))).toBe('BAD_USER_INPUT');
    });

    it('refuses an oversized document', async () => {
      const huge = `{ me { scopes } } # ${'x'.repeat(200_000)}`;
      const res = await a.post('/graphql', { query: huge }, { Authorization: `Bearer ${await uwvToken()}` });
      expect(res.status).toBe(413);
      const manyTokens = `{ ${Array.from({ length: 3000 }, () => '__typename').join(' ')} }`;
      expect(code(await a.graphql(manyTokens, {}, await uwvToken()))).toBe('BAD_USER_INPUT');
    });

    it('answers RATE_LIMITED with a retry-after hint once a caller is over its limit', async () => {
      const saved = process.env.RATE_LIMIT_PER_MINUTE;
      process.env.RATE_LIMIT_PER_MINUTE = '5';
      const limited = await createApiApp();
      try {
        const c = await TestClient.listen(limited);
        const token = await c.devToken('beleid@sittard-geleen.demo');
        const answers: Gql[] = [];
        for (let i = 0; i < 7; i++) answers.push(await c.graphql(`{ me { organisation { name } } }`, {}, token));
        expect(answers.slice(0, 5).map(code)).toEqual([undefined, undefined, undefined, undefined, undefined]);
        const refused = answers[5];
        expect(code(refused)).toBe('RATE_LIMITED');
        expect(refused.errors?.[0].extensions?.details).toEqual({ retryAfterSeconds: expect.any(Number) });
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        // A request with several root fields is refused as a whole.
        const twoFields = await c.graphql(`{ a: me { scopes } b: organisations { name } }`, {}, token);
        expect(twoFields.data ?? null).toBeNull();
        expect(new Set(twoFields.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['RATE_LIMITED']));
        // Another caller is not affected.
        expect(code(await c.graphql(`{ me { organisation { name } } }`, {}, await c.devToken('beleid@enschede.demo')))).toBeUndefined();
      } finally {
        await limited.close();
        if (saved === undefined) delete process.env.RATE_LIMIT_PER_MINUTE;
        else process.env.RATE_LIMIT_PER_MINUTE = saved;
      }
    });

    it('answers a broken document with HTTP 400 and BAD_USER_INPUT', async () => {
      const res = await a.post('/graphql', { query: '{ me { ' }, { Authorization: `Bearer ${await uwvToken()}` });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('does not batch requests', async () => {
      const res = await fetch(`${a.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await uwvToken()}` },
        body: JSON.stringify([{ query: '{ me { scopes } }' }, { query: '{ me { scopes } }' }]),
      });
      expect(res.status).toBe(400);
    });

    it('sends API-Version, no-store and security headers; no CORS for unknown origins', async () => {
      const res = await fetch(`${a.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example', Authorization: `Bearer ${await uwvToken()}` },
        body: JSON.stringify({ query: '{ me { scopes } }' }),
      });
      expect(res.headers.get('api-version')).toBe('1.0.0');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
