import { createApiApp } from '@schakel/api';
import { TestClient } from '@schakel/testing';
import { type Client, createClient } from 'graphql-ws';
import type { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * Issue 9, classes 3, 4 and 7: the WebSocket transport is held to the HTTP rules, revocation
 * reaches open sockets within seconds, GraphQL is POST only, case events are for case roles,
 * and visible-but-not-yours is FORBIDDEN. See docs/security/transport-and-auth.md.
 */
interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
  /** The close code when the connection ended instead of answering. */
  closed?: number;
}
const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code;

describe('transports and authorisation (end to end)', () => {
  const env = new IsolatedEnvironment('transport');
  let stack: Stack | undefined;
  let api: TestClient;
  let owner: PgClient;
  const orgs: Record<string, string> = {};
  const sockets: Client[] = [];

  const clientToken = (clientId: string, secret: string, scope?: string): Promise<string> => api.clientToken(clientId, secret, scope);

  /** A graphql-ws client; `closed` resolves with the close code when the server ends it. */
  const socket = (base: TestClient, token: string) => {
    let onClosed: (code: number) => void = () => undefined;
    const closed = new Promise<number>((resolve) => (onClosed = resolve));
    const client = createClient({
      url: `${base.baseUrl.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined, // the close code is what the tests look at
      on: { closed: (event) => onClosed((event as { code: number }).code) },
    });
    sockets.push(client);
    return { client, closed };
  };

  /** One operation over the socket: its result, its errors, or how the connection ended. */
  const overSocket = (client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Answer> =>
    new Promise<Answer>((resolve) => {
      let result: Answer = {};
      client.subscribe(
        { query, variables },
        {
          next: (message) => (result = message as Answer),
          error: (error) => resolve(Array.isArray(error) ? { errors: error } : { closed: (error as { code?: number }).code }),
          complete: () => resolve(result),
        },
      );
    });

  const overHttp = async (base: TestClient, query: string, token: string, variables: Record<string, unknown> = {}): Promise<Answer & { status: number }> => {
    const res = await base.graphql(query, variables, token);
    return { status: res.status, data: res.data, errors: res.errors };
  };

  beforeAll(async () => {
    stack = await startStack(env);
    ({ owner, client: api } = stack);
    Object.assign(orgs, stack.orgs);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await stack?.close();
  });

  describe('class 3: graphql-ws meets the same document rules, codes and messages as HTTP', () => {
    const nested = (levels: number) => `${'referral { handoffs { '.repeat(levels)}id${' } }'.repeat(levels)}`;
    const documents: Array<[string, string]> = [
      ['depth beyond 12', `{ handoffs(direction: INCOMING) { edges { node { ${nested(24)} } } } }`],
      ['more than 20 aliases', `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { scopes }`).join(' ')} }`],
      ['more than 20 directives', `{ me { scopes ${Array.from({ length: 25 }, () => '@include(if: true)').join(' ')} } }`],
      ['more than 2000 tokens', `{ ${Array.from({ length: 3000 }, () => '__typename').join(' ')} }`],
      ['cost beyond 10000', `{ handoffs(direction: INCOMING, first: 100) { edges { node { ${nested(3)} } } } }`],
      ['a syntax error', `{ me { `],
      ['an unknown field', `{ me { nope } }`],
      ['a variable of the wrong type', `query ($id: ID!) { handoff(id: $id) { id } }`],
    ];

    it.each(documents)('%s: refused with BAD_USER_INPUT over both transports, with the same message', async (_name, query) => {
      const token = await clientToken('uwv-system', 'dev-secret-uwv-system');
      const http = await overHttp(api, query, token, _name.startsWith('a variable') ? { id: { not: 'an id' } } : {});
      const { client } = socket(api, token);
      const ws = await overSocket(client, query, _name.startsWith('a variable') ? { id: { not: 'an id' } } : {});
      expect([http.status, code(http)]).toEqual([400, 'BAD_USER_INPUT']);
      expect(ws.closed).toBeUndefined();
      expect(ws.data ?? null).toBeNull();
      expect(ws.errors?.map((e) => [e.extensions?.code, e.message])).toEqual(http.errors?.map((e) => [e.extensions?.code, e.message]));
      expect(JSON.stringify(ws.errors)).not.toMatch(/\b(12|20|2000|10000)\b|limit of/i);
      // The connection survives a refused document and still answers.
      expect(code(await overSocket(client, `{ me { scopes } }`))).toBeUndefined();
    });

    it('counts operations over both transports against one rate limit, with the same code', async () => {
      const saved = process.env.RATE_LIMIT_PER_MINUTE;
      process.env.RATE_LIMIT_PER_MINUTE = '4';
      const limited = await createApiApp();
      try {
        const c = await TestClient.listen(limited);
        const token = await c.devToken('behandelaar@sittard-geleen.demo');
        const { client } = socket(c, token);
        const answers: Answer[] = [];
        answers.push(await overHttp(c, `{ me { scopes } }`, token));
        answers.push(await overSocket(client, `{ me { scopes } }`));
        answers.push(await overHttp(c, `{ me { scopes } }`, token));
        answers.push(await overSocket(client, `{ me { scopes } }`));
        expect(answers.map(code)).toEqual([undefined, undefined, undefined, undefined]);
        const ws = await overSocket(client, `{ me { scopes } }`);
        const http = await overHttp(c, `{ me { scopes } }`, token);
        expect([code(ws), code(http)]).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
        expect(ws.errors?.[0].extensions?.details).toEqual({ retryAfterSeconds: expect.any(Number) });
        expect(ws.errors?.[0].message).toBe(http.errors?.[0].message);
      } finally {
        await limited.close();
        if (saved === undefined) delete process.env.RATE_LIMIT_PER_MINUTE;
        else process.env.RATE_LIMIT_PER_MINUTE = saved;
      }
    });
  });

  describe('class 4: revocation reaches open sockets within seconds', () => {
    const SECONDS = 8_000;

    it('refuses the next operation of a revoked machine client and closes its open subscription', async () => {
      const beheer = await api.devToken('beheer@svb.demo');
      const created = await api.graphql<{ createMachineClient: { clientSecret: string; client: { id: string; clientId: string } } }>(
        `mutation { createMachineClient(input: { name: "SVB Socket Test", scopes: ["handoffs:read", "handoffs:write"] }) { clientSecret client { id clientId } } }`,
        {},
        beheer,
      );
      const { client, clientSecret } = created.data!.createMachineClient;
      const token = await clientToken(client.clientId, clientSecret);
      const idle = socket(api, token);
      const listening = socket(api, token);
      expect(code(await overSocket(idle.client, `{ me { scopes } }`))).toBeUndefined();
      const subscription = overSocket(listening.client, `subscription { handoffEvents(direction: INCOMING) { id } }`);
      await new Promise((r) => setTimeout(r, 300));

      await api.graphql(`mutation ($id: ID!) { revokeMachineClient(id: $id) { active } }`, { id: client.id }, beheer);
      const revokedAt = Date.now();

      // The next operation on a socket opened before the revocation is refused.
      await new Promise((r) => setTimeout(r, 2_100));
      const next = await overSocket(idle.client, `mutation ($id: ID!) { receiveHandoff(id: $id, input: { expectedVersion: 1 }) { id } }`, { id: '00000000-0000-4000-8000-000000000000' });
      expect(code(next)).toBe('UNAUTHENTICATED');
      expect(await idle.closed).toBe(4403);
      // The open subscription ends with its connection.
      expect(await subscription).toEqual({ closed: 4403 });
      expect(await listening.closed).toBe(4403);
      expect(Date.now() - revokedAt).toBeLessThan(SECONDS);
    });

    it('refuses the next operation of a deactivated employee and closes the web app\'s subscriptions', async () => {
      const token = await api.devToken('behandelaar@svb.demo');
      const idle = socket(api, token);
      const listening = socket(api, token);
      expect(code(await overSocket(idle.client, `{ me { employee { username } } }`))).toBeUndefined();
      const events = overSocket(listening.client, `subscription { handoffEvents(direction: INCOMING) { id } }`);
      const notifications = overSocket(listening.client, `subscription { notificationAdded { id } }`);
      await new Promise((r) => setTimeout(r, 300));
      await owner.query(`UPDATE employees SET active = false WHERE username = 'behandelaar@svb.demo'`);
      try {
        const deactivatedAt = Date.now();
        await new Promise((r) => setTimeout(r, 2_100));
        expect(code(await overSocket(idle.client, `{ me { employee { username } } }`))).toBe('UNAUTHENTICATED');
        expect(await events).toEqual({ closed: 4403 });
        expect(await notifications).toEqual({ closed: 4403 });
        expect(Date.now() - deactivatedAt).toBeLessThan(SECONDS);
      } finally {
        await owner.query(`UPDATE employees SET active = true WHERE username = 'behandelaar@svb.demo'`);
      }
    });
  });

  describe('class 7: smaller rules', () => {
    it('(a) refuses GraphQL over GET, so nothing travels in a URL', async () => {
      const token = await api.devToken('balie@tilburg.demo');
      const query = encodeURIComponent('query ($bsn: String!) { referralsForCitizen(bsn: $bsn) { id } }');
      const variables = encodeURIComponent(JSON.stringify({ bsn: '111222333' }));
      const variants: Array<Record<string, string>> = [{}, { 'Apollo-Require-Preflight': 'true' }, { 'Content-Type': 'application/json' }];
      for (const headers of variants) {
        const res = await fetch(`${api.baseUrl}/graphql?query=${query}&variables=${variables}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
        const body = (await res.json()) as Answer;
        expect(body.data).toBeUndefined();
        expect(code(body)).toBe('BAD_USER_INPUT');
      }
      // The CORS preflight and POST still work.
      expect((await fetch(`${api.baseUrl}/graphql`, { method: 'OPTIONS' })).status).toBe(204);
      expect(code(await overHttp(api, `{ me { scopes } }`, token))).toBeUndefined();
    });

    it.each(['secretaris', 'beleid', 'beheer'])('(c) refuses case events to %s when subscribing, with FORBIDDEN', async (role) => {
      const { client } = socket(api, await api.devToken(`${role}@tilburg.demo`));
      const answer = await overSocket(client, `subscription { handoffEvents(direction: OUTGOING) { id } }`);
      expect(code(answer)).toBe('FORBIDDEN');
    });

    it('(c) still lets case roles follow their handoffs and everyone their notifications', async () => {
      for (const role of ['balie', 'behandelaar', 'coordinator']) {
        const { client } = socket(api, await api.devToken(`${role}@tilburg.demo`));
        const outcome = await Promise.race([
          overSocket(client, `subscription { handoffEvents(direction: OUTGOING) { id } }`),
          new Promise<'open'>((r) => setTimeout(() => r('open'), 500)),
        ]);
        expect([role, outcome]).toEqual([role, 'open']);
      }
      const { client } = socket(api, await api.devToken('beleid@tilburg.demo'));
      const outcome = await Promise.race([overSocket(client, `subscription { notificationAdded { id } }`), new Promise<'open'>((r) => setTimeout(() => r('open'), 500))]);
      expect(outcome).toBe('open');
    });

    it('(d) answers FORBIDDEN to a party that can see a link but not act on it, NOT_FOUND to an outsider', async () => {
      const call = async (who: string, query: string, variables: Record<string, unknown>) => code(await overHttp(api, query, await api.devToken(who), variables));
      const created = await api.graphql<{ createReferral: { currentHandoff: { id: string } } }>(
        `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id } } }`,
        { input: { citizen: { bsn: '111222333', name: 'Keten Test' }, toOrganisationId: orgs.uwv, topic: 'WERK', summary: 'Doorverwijzen in de keten.', consent: { given: true, method: 'MONDELING' } } },
        await api.devToken('balie@tilburg.demo'),
      );
      const first = created.data!.createReferral.currentHandoff.id;
      const forwarded = await api.graphql<{ forwardHandoff: { referral: { currentHandoff: { id: string } } } }>(
        `mutation ($id: ID!, $input: ForwardHandoffInput!) { forwardHandoff(id: $id, input: $input) { referral { currentHandoff { id } } } }`,
        { id: first, input: { expectedVersion: 1, toOrganisationId: orgs.svb, reason: 'De SVB helpt verder.', consent: { given: true, method: 'MONDELING' } } },
        await api.devToken('behandelaar@uwv.demo'),
      );
      const second = forwarded.data!.forwardHandoff.referral.currentHandoff.id;
      const CANCEL = `mutation ($id: ID!, $v: Int!) { cancelHandoff(id: $id, input: { expectedVersion: $v, reason: "Niet meer nodig." }) { id } }`;
      const ACCEPT = `mutation ($id: ID!, $v: Int!) { acceptHandoff(id: $id, input: { expectedVersion: $v }) { id } }`;
      // Tilburg is in the chain and reads the UWV → SVB link, but is neither its sender nor receiver.
      expect(code(await overHttp(api, `query ($id: ID!) { handoff(id: $id) { id } }`, await api.devToken('balie@tilburg.demo'), { id: second }))).toBeUndefined();
      expect(await call('balie@tilburg.demo', CANCEL, { id: second, v: 1 })).toBe('FORBIDDEN');
      expect(await call('behandelaar@tilburg.demo', ACCEPT, { id: second, v: 1 })).toBe('FORBIDDEN');
      // FORBIDDEN comes before CONFLICT: a stale version does not change the answer.
      expect(await call('behandelaar@tilburg.demo', ACCEPT, { id: second, v: 7 })).toBe('FORBIDDEN');
      // The link's own parties on the wrong side: FORBIDDEN too.
      expect(await call('behandelaar@svb.demo', CANCEL, { id: second, v: 1 })).toBe('FORBIDDEN');
      expect(await call('behandelaar@uwv.demo', ACCEPT, { id: second, v: 1 })).toBe('FORBIDDEN');
      // An organisation outside the chain does not learn that it exists.
      expect(await call('balie@enschede.demo', CANCEL, { id: second, v: 1 })).toBe('NOT_FOUND');
      expect(await call('behandelaar@enschede.demo', ACCEPT, { id: second, v: 1 })).toBe('NOT_FOUND');
      // And the rightful party still can.
      expect(await call('behandelaar@svb.demo', ACCEPT, { id: second, v: 1 })).toBeUndefined();
    });
  });
});
