import { type AppConfig, AppError, type RequestContext, type TenantTransactions } from '@schakel/platform';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import type { PostResult, WebhookSender } from './webhook-sender';
import { WebhookSubscriptions } from './webhook-subscriptions';

/**
 * The management part of the split: WebhookSubscriptions checks and refuses before it sends the
 * probe (WebhookSender) or opens a transaction, and stores only after the probe got a 2xx.
 */
describe('WebhookSubscriptions', () => {
  const config = { NODE_ENV: 'test', WEBHOOK_ATTEMPTS: 3, WEBHOOK_BACKOFF_MS: 100 } as AppConfig;
  const context = (roles: RequestContext['actor']['roles']): RequestContext => ({
    traceId: 't',
    actor: { kind: 'employee', organisationId: '00000000-0000-4000-8000-000000000001', employeeId: '00000000-0000-4000-8000-000000000002', username: 'beheer@uwv.demo', roles },
  });

  function setUp(answer: PostResult) {
    const posted: string[] = [];
    const stored: unknown[][] = [];
    const sender = { post: async (url: string) => (posted.push(url), answer) } as unknown as WebhookSender;
    const m = { query: async (_sql: string, params: unknown[]) => (stored.push(params), [{ id: 's1', organisationId: params[0], callbackUrl: params[1], channels: params[2], active: true, createdAt: new Date() }]) } as unknown as EntityManager;
    const tx = { run: async <T>(_scope: unknown, work: (m: EntityManager) => Promise<T>) => work(m) } as unknown as TenantTransactions;
    const queue = { add: async () => undefined } as unknown as Queue;
    return { subscriptions: new WebhookSubscriptions(tx, sender, config, queue), posted, stored };
  }

  it('refuses anyone but an administrator, before sending or storing anything', async () => {
    const { subscriptions, posted, stored } = setUp({ ok: true, status: 204 });
    await expect(subscriptions.subscribe(context(['BEHANDELAAR']), { callbackUrl: 'http://127.0.0.1:9/hook', channels: ['handoffs'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(posted).toEqual([]);
    expect(stored).toEqual([]);
  });

  it('refuses unknown channels before sending anything', async () => {
    const { subscriptions, posted } = setUp({ ok: true, status: 204 });
    const refused = subscriptions.subscribe(context(['BEHEERDER']), { callbackUrl: 'http://127.0.0.1:9/hook', channels: ['burgers'] });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(posted).toEqual([]);
  });

  it('stores nothing when the probe gets no 2xx', async () => {
    const { subscriptions, posted, stored } = setUp({ ok: false, status: 500, error: 'HTTP 500' });
    await expect(subscriptions.subscribe(context(['BEHEERDER']), { callbackUrl: 'http://127.0.0.1:9/hook', channels: ['handoffs'] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(posted).toHaveLength(1);
    expect(stored).toEqual([]);
  });

  it('stores the subscription after a 2xx and gives its secret once', async () => {
    const { subscriptions, stored } = setUp({ ok: true, status: 204 });
    const { subscription, secret } = await subscriptions.subscribe(context(['BEHEERDER']), { callbackUrl: 'http://127.0.0.1:9/hook', channels: ['handoffs', 'handoffs'] });
    expect(subscription.channels).toEqual(['handoffs']);
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(stored[0][3]).toBe(secret);
  });
});
