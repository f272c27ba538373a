import type { LookupAddress } from 'node:dns';
import { request } from 'undici';
import { checkCallbackUrl, publicOnlyAgent } from './callback-url';

/** What the name servers answer in these tests: no network, no flaky look-ups. */
const zone: Record<string, LookupAddress[]> = {
  'partner.example.nl': [
    { address: '145.21.2.1', family: 4 },
    { address: '2a00:1450:4001::1', family: 6 },
  ],
  'rebind.example.nl': [
    { address: '145.21.2.1', family: 4 },
    { address: '10.0.0.5', family: 4 },
  ],
  'mapped.example.nl': [{ address: '::ffff:192.168.1.1', family: 6 }],
  'empty.example.nl': [],
};

const notFound = (hostname: string) => Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });

jest.mock('node:dns/promises', () => ({
  lookup: async (hostname: string, options: { all?: boolean }) => {
    const addresses = zone[hostname];
    if (!addresses) throw notFound(hostname);
    return options.all ? addresses : addresses[0];
  },
}));

jest.mock('node:dns', () => ({
  ...jest.requireActual<typeof import('node:dns')>('node:dns'),
  lookup: (hostname: string, options: { all?: boolean }, callback: (error: Error | null, addresses: LookupAddress[] | LookupAddress | undefined) => void) => {
    const addresses = zone[hostname];
    setImmediate(() => (addresses ? callback(null, options.all ? addresses : addresses[0]) : callback(notFound(hostname), undefined)));
  },
}));

describe('callback URLs in production, by host name', () => {
  it('accepts an https URL whose host resolves to public addresses only', async () => {
    const check = await checkCallbackUrl('https://partner.example.nl/schakel/hooks?x=1', true);
    expect(check).toEqual({ ok: true, url: new URL('https://partner.example.nl/schakel/hooks?x=1') });
  });

  it.each([
    ['rebind.example.nl', 'one of its addresses is private'],
    ['mapped.example.nl', 'an IPv4-mapped private address'],
    ['empty.example.nl', 'no addresses at all'],
  ])('refuses %s (%s)', async (host) => {
    expect(await checkCallbackUrl(`https://${host}/hook`, true)).toEqual({
      ok: false,
      reason: { nl: 'callbackUrl wijst naar een intern of privé-adres; dat is niet toegestaan.', en: 'callbackUrl points to an internal or private address; that is not allowed.' },
    });
  });

  it('refuses a host that cannot be resolved', async () => {
    expect(await checkCallbackUrl('https://unknown.example.nl/hook', true)).toEqual({
      ok: false,
      reason: { nl: 'De host van callbackUrl is niet te vinden.', en: 'The host of callbackUrl cannot be resolved.' },
    });
  });

  it('does not look the host up outside production', async () => {
    expect((await checkCallbackUrl('http://unknown.example.nl/hook', false)).ok).toBe(true);
    expect((await checkCallbackUrl('http://rebind.example.nl/hook', false)).ok).toBe(true);
  });
});

describe('publicOnlyAgent (deliveries in production)', () => {
  const deliver = async (url: string) => {
    const agent = publicOnlyAgent();
    try {
      await request(url, { method: 'POST', body: '{}', dispatcher: agent });
      throw new Error('delivered');
    } catch (error) {
      return error as Error & { code?: string };
    } finally {
      await agent.close();
    }
  };

  it.each(['rebind.example.nl', 'mapped.example.nl', 'empty.example.nl'])('refuses to connect when %s resolves to a non-public address or none', async (host) => {
    const error = await deliver(`https://${host}/hook`);
    expect(error.message).toBe(`Refusing to connect to a non-public address for ${host}`);
  });

  it('passes a failed look-up on', async () => {
    const error = await deliver('https://unknown.example.nl/hook');
    expect(error).toMatchObject({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND unknown.example.nl' });
  });
});
