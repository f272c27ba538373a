import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { type GraphqlResponse, TestClient } from '@schakel/testing';

/**
 * Issue 9, class 2: input the database or a decoder would refuse (NUL, lone surrogates, blank
 * required text, text that no longer fits once the service adds its prefix) is refused first, as
 * BAD_USER_INPUT naming the field, never as INTERNAL_SERVER_ERROR, and without echoing the value.
 */
const CREATE = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id currentHandoff { id version } } }`;

function refusedFields(res: GraphqlResponse): string[] {
  const details = res.errors?.[0]?.extensions?.details as { field?: string; fields?: Array<{ field: string }> } | undefined;
  return [...(details?.field ? [details.field] : []), ...(details?.fields ?? []).map((f) => f.field)];
}

function expectRefused(res: GraphqlResponse, field: string): void {
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(refusedFields(res)).toContain(field);
  expect(res.errors?.[0]?.message).not.toContain('Fatima');
}

describe('inputs the database would refuse are BAD_USER_INPUT naming the field', () => {
  let app: INestApplication;
  let api: TestClient;
  let balie: string;
  let uwvId: string;

  const referral = (citizen: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    citizen: { bsn: '123456782', name: 'Fatima de Vries', ...citizen },
    toOrganisationId: uwvId,
    topic: 'WERK',
    summary: 'Verloor haar baan.',
    consent: { given: true, method: 'MONDELING' },
    ...extra,
  });

  beforeAll(async () => {
    app = await createApiApp();
    api = await TestClient.listen(app);
    balie = await api.devToken('balie@tilburg.demo');
    const orgs = await api.graphql<{ organisations: Array<{ id: string }> }>(`{ organisations(kind: UWV) { id } }`, {}, balie);
    uwvId = orgs.data!.organisations[0].id;
  });
  afterAll(() => app.close());

  it.each([
    ['a NUL character in the name', { name: 'Fatima\u0000de Vries' }, {}, 'citizen.name'],
    ['a whitespace-only name', { name: ' \t ' }, {}, 'citizen.name'],
    ['a lone surrogate in the name', { name: 'Fatima \uD800' }, {}, 'citizen.name'],
    ['a whitespace-only story', {}, { summary: '   \n ' }, 'summary'],
    ['a NUL character in the story', {}, { summary: 'Fatima\u0000' }, 'summary'],
    ['a lone surrogate in the story', {}, { summary: 'Fatima \uDC00 verhaal' }, 'summary'],
    ['a NUL character in the idempotency key', {}, { idempotencyKey: 'key\u0000' }, 'idempotencyKey'],
    ['a NUL character in the bottleneck', {}, { bottleneck: { category: 'SYSTEEM', description: 'Fatima\u0000' } }, 'bottleneck.description'],
  ])('createReferral refuses %s', async (_what, citizen, extra, field) => {
    expectRefused(await api.graphql(CREATE, { input: referral(citizen, extra) }, balie), field);
  });

  it('refuses NUL and blank text in notes, reasons and contact notes; a contact note must leave room for its channel', async () => {
    const created = await api.graphql<{ createReferral: { id: string; currentHandoff: { id: string } } }>(CREATE, { input: referral() }, balie);
    expect(created.errors).toBeUndefined();
    const { id: referralId, currentHandoff } = created.data!.createReferral;

    expectRefused(await api.graphql(`mutation ($r: ID!, $t: String!) { addReferralNote(referralId: $r, text: $t) { id } }`, { r: referralId, t: 'Fatima\u0000' }, balie), 'text');
    expectRefused(
      await api.graphql(`mutation ($r: ID!, $i: BottleneckInput!) { flagBottleneck(referralId: $r, input: $i) { id } }`, { r: referralId, i: { category: 'SYSTEEM', description: '  ' } }, balie),
      'description',
    );
    expectRefused(
      await api.graphql(`mutation ($id: ID!) { cancelHandoff(id: $id, input: { expectedVersion: 1, reason: "\\u0000" }) { id } }`, { id: currentHandoff.id }, balie),
      'reason',
    );

    const uwv = await api.devToken('behandelaar@uwv.demo');
    const step = (field: string, type: string, input: Record<string, unknown>) =>
      api.graphql(`mutation ($id: ID!, $input: ${type}!) { ${field}(id: $id, input: $input) { version } }`, { id: currentHandoff.id, input }, uwv);
    expect((await step('receiveHandoff', 'VersionInput', { expectedVersion: 1 })).errors).toBeUndefined();
    expect((await step('acceptHandoff', 'AcceptHandoffInput', { expectedVersion: 2 })).errors).toBeUndefined();

    // 4000 characters pass the input's own limit, but "[TELEFOON] " + note would not fit the column.
    const full = await step('recordContact', 'RecordContactInput', { expectedVersion: 3, channel: 'TELEFOON', note: 'x'.repeat(4000) });
    expectRefused(full, 'note');
    expect(full.errors?.[0]?.message).toContain(String(4000 - '[TELEFOON] '.length));
    expectRefused(await step('recordContact', 'RecordContactInput', { expectedVersion: 3, channel: 'TELEFOON', note: '\u0000' }), 'note');
    const fits = await step('recordContact', 'RecordContactInput', { expectedVersion: 3, channel: 'TELEFOON', note: 'x'.repeat(4000 - '[TELEFOON] '.length) });
    expect(fits.errors).toBeUndefined();
  });

  it('refuses NUL or blank names of machine clients and webhook URLs with NUL', async () => {
    const beheer = await api.devToken('beheer@uwv.demo');
    for (const name of ['UWV\u0000Suite', '   ']) {
      const res = await api.graphql(`mutation ($n: String!) { createMachineClient(input: { name: $n, scopes: ["handoffs:read"] }) { clientSecret } }`, { n: name }, beheer);
      expectRefused(res, 'name');
    }
    const hook = await api.graphql(
      `mutation ($u: String!) { createWebhookSubscription(input: { callbackUrl: $u, channels: ["handoffs"] }) { secret } }`,
      { u: 'https://example.org/\u0000' },
      beheer,
    );
    expectRefused(hook, 'callbackUrl');
  });
});
