import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = JSON.stringify({ kanaal: 'handoffs', actie: 'accepted' });

  it('verifies what it signs', () => {
    expect(verifyWebhookSignature('s3cret', body, signWebhook('s3cret', body))).toBe(true);
  });

  it('refuses another secret, a changed body, an old timestamp and garbage', () => {
    const header = signWebhook('s3cret', body);
    expect(verifyWebhookSignature('other', body, header)).toBe(false);
    expect(verifyWebhookSignature('s3cret', `${body} `, header)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, signWebhook('s3cret', body, Math.floor(Date.now() / 1000) - 3600))).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, 'nonsense')).toBe(false);
  });

  it('signs "<t>.<body>" with HMAC-SHA256 in the documented header format', () => {
    // Recomputed as a partner would, from docs/api.md.
    const mac = createHmac('sha256', 's3cret').update(`1764590400.${body}`).digest('hex');
    expect(signWebhook('s3cret', body, 1764590400)).toBe(`t=1764590400,v1=${mac}`);
  });

  it('stamps the current time in whole seconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const header = signWebhook('s3cret', body);
    const after = Math.floor(Date.now() / 1000);
    const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(header)?.[1]);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(after);
  });

  it('accepts a timestamp up to the tolerance away, in either direction, and not beyond', () => {
    const t = 1764590400;
    const header = signWebhook('s3cret', body, t);
    expect(verifyWebhookSignature('s3cret', body, header, 300, (t + 300) * 1000)).toBe(true);
    expect(verifyWebhookSignature('s3cret', body, header, 300, (t - 300) * 1000)).toBe(true);
    expect(verifyWebhookSignature('s3cret', body, header, 300, (t + 301) * 1000)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, header, 300, (t - 301) * 1000)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, header, 60, (t + 61) * 1000)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, header, 3600, (t + 3600) * 1000)).toBe(true);
  });

  it('uses five minutes as the default tolerance and the clock as the default now', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhookSignature('s3cret', body, signWebhook('s3cret', body, now - 290))).toBe(true);
    expect(verifyWebhookSignature('s3cret', body, signWebhook('s3cret', body, now - 310))).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, signWebhook('s3cret', body, now + 310))).toBe(false);
  });

  it('refuses headers with a missing, non-integer or tampered part', () => {
    const t = 1764590400;
    const now = t * 1000;
    const mac = /v1=([0-9a-f]+)/.exec(signWebhook('s3cret', body, t))![1];
    expect(verifyWebhookSignature('s3cret', body, `t=${t},v1=${mac}`, 300, now)).toBe(true);
    expect(verifyWebhookSignature('s3cret', body, `v1=${mac},t=${t}`, 300, now)).toBe(true);
    expect(verifyWebhookSignature('s3cret', body, `v1=${mac}`, 300, now)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, `t=${t}`, 300, now)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, `t=${t},v1=`, 300, now)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, `t=${t}.5,v1=${mac}`, 300, now)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, `t=${t + 1},v1=${mac}`, 300, now)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, `t=${t},v1=${mac.slice(0, -1)}`, 300, now)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, `t=${t},v1=${mac}0`, 300, now)).toBe(false);
    expect(verifyWebhookSignature('s3cret', body, `t=${t},v1=${mac.toUpperCase()}`, 300, now)).toBe(false);
  });
});
