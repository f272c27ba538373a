import { ConfigError, loadConfig } from '@schakel/platform';
import { DUMMY_HASH, hashSecret } from './secret-hash';
import { backoffSeconds } from './token-limits.service';
import { parseTokenRequest } from './token-request';

const basic = (raw: string) => `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;
const GRANT = { grant_type: 'client_credentials' };

describe('parseTokenRequest (POST /auth/token input)', () => {
  it('reads credentials from the body, or from HTTP Basic with percent-encoded parts', () => {
    expect(parseTokenRequest({ ...GRANT, client_id: 'uwv-system', client_secret: 's3cret', scope: 'handoffs:read' }, undefined)).toEqual({ clientId: 'uwv-system', secret: 's3cret', scope: 'handoffs:read' });
    expect(parseTokenRequest(GRANT, basic('uwv-system:a%3Ab'))).toEqual({ clientId: 'uwv-system', secret: 'a:b', scope: undefined });
    expect(parseTokenRequest(GRANT, 'Bearer abc')).toMatchObject({ error: 'invalid_request' });
    expect(parseTokenRequest({ grant_type: 'password' }, undefined)).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it.each([
    ['malformed percent-encoding in the HTTP Basic secret', GRANT, basic('uwv-system:%E0%A4%A'), 'client_secret'],
    ['malformed percent-encoding in the HTTP Basic id', GRANT, basic('%zzuwv:secret'), 'client_id'],
    ['NUL in the HTTP Basic id (encoded)', GRANT, basic('uwv%00system:secret'), 'client_id'],
    ['HTTP Basic that is not base64', GRANT, 'Basic ***', 'Authorization'],
    ['HTTP Basic that is not UTF-8', GRANT, `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x41]).toString('base64')}`, 'UTF-8'],
    ['HTTP Basic without a colon', GRANT, basic('uwv-system'), 'client_id:client_secret'],
    ['NUL in the body id', { ...GRANT, client_id: 'uwv\u0000system', client_secret: 'x' }, undefined, 'client_id'],
    ['a control character in the body secret', { ...GRANT, client_id: 'uwv-system', client_secret: 'x\u0007y' }, undefined, 'client_secret'],
    ['a percent sign left by malformed form encoding', { ...GRANT, client_id: 'uwv-system', client_secret: '%E0%A4%A' }, undefined, 'client_secret'],
    ['non-ASCII in the body id', { ...GRANT, client_id: 'uwv-sýstem', client_secret: 'x' }, undefined, 'client_id'],
    ['an overlong secret', { ...GRANT, client_id: 'uwv-system', client_secret: 'x'.repeat(513) }, undefined, 'client_secret'],
    ['a secret that is not a string', { ...GRANT, client_id: 'uwv-system', client_secret: ['a', 'b'] }, undefined, 'client_secret'],
    ['NUL in the scope', { ...GRANT, client_id: 'uwv-system', client_secret: 'x', scope: 'handoffs:read\u0000' }, undefined, 'scope'],
    ['a scope that is not a string', { ...GRANT, client_id: 'uwv-system', client_secret: 'x', scope: 1 }, undefined, 'scope'],
    ['NUL in grant_type', { grant_type: 'client_credentials\u0000' }, undefined, 'grant_type'],
  ])('refuses %s as invalid_request naming the field, never echoing the value', (_what, body, authorization, field) => {
    const result = parseTokenRequest(body, authorization);
    expect(result).toMatchObject({ error: 'invalid_request', description: expect.stringContaining(field) });
    const description = (result as { description: string }).description;
    for (const sent of ['%E0%A4%A', '%zz', 'uwv', '\u0000', '\u0007', 'ý', 'xxxx']) expect(description).not.toContain(sent);
  });
});

describe('the token endpoint limits (configuration)', () => {
  it('has the documented defaults (README, docs/api.md section 11)', () => {
    expect(loadConfig({})).toMatchObject({
      TOKEN_RATE_LIMIT_PER_MINUTE: 30,
      TOKEN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: 60,
      TOKEN_RATE_LIMIT_GLOBAL_PER_MINUTE: 300,
      TOKEN_BACKOFF_FREE_FAILURES: 5,
      TOKEN_BACKOFF_MAX_SECONDS: 60,
      TRUST_PROXY_HOPS: 0,
    });
  });

  it.each(['TOKEN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE', 'TOKEN_RATE_LIMIT_GLOBAL_PER_MINUTE', 'TOKEN_BACKOFF_FREE_FAILURES', 'TOKEN_BACKOFF_MAX_SECONDS'])('refuses %s = 0', (variable) => {
    expect(() => loadConfig({ [variable]: '0' })).toThrow(ConfigError);
  });
});

describe('the token endpoint back-off', () => {
  it('is free for the first failures, then doubles from 1 s up to the maximum', () => {
    expect([1, 5, 6, 7, 8, 9, 10, 11, 12, 50, 10_000].map((n) => backoffSeconds(n, 5, 60))).toEqual([0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});

describe('an unknown client id costs the same as a known one', () => {
  it('verifies against a dummy hash with the parameters, salt and key length of a real hash', async () => {
    const real = (await hashSecret('secret')).split('$');
    const dummy = DUMMY_HASH.split('$');
    expect(dummy.slice(0, 4)).toEqual(real.slice(0, 4));
    expect(Buffer.from(dummy[4], 'base64url').length).toBe(Buffer.from(real[4], 'base64url').length);
    expect(Buffer.from(dummy[5], 'base64url').length).toBe(Buffer.from(real[5], 'base64url').length);
  });
});
