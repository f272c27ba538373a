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
});
