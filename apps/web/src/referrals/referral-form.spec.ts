import { EMPTY_DRAFT, fieldForInputPath, toCreateReferralInput, validateDraft, type ReferralDraft } from './referral-form';

const complete: ReferralDraft = {
  ...EMPTY_DRAFT,
  bsn: '111222333',
  name: 'J. Jansen',
  toOrganisationId: '6d6f8f2e-8a43-4c3c-9a57-0f1c0d3b0a11',
  topic: 'WERK',
  summary: 'Verloor haar baan, weet niet hoe de WW aan te vragen.',
  consentGiven: true,
  consentMethod: 'MONDELING',
};

describe('validateDraft (the rules of the referral form)', () => {
  it('passes a complete form', () => {
    expect(validateDraft(complete)).toEqual({});
  });

  it('names every required field of an empty form', () => {
    expect(Object.keys(validateDraft(EMPTY_DRAFT)).sort()).toEqual(['bsn', 'consentGiven', 'consentMethod', 'name', 'summary', 'toOrganisationId', 'topic'].sort());
  });

  it('refuses a BSN that fails the 11-test', () => {
    expect(validateDraft({ ...complete, bsn: '123456789' }).bsn).toMatch(/elfproef/);
  });

  it('refuses a referral without consent, whatever else is filled in', () => {
    const errors = validateDraft({ ...complete, consentGiven: false });
    expect(Object.keys(errors)).toEqual(['consentGiven']);
    expect(errors.consentGiven).toMatch(/toestemming/i);
  });

  it('treats whitespace-only text as empty', () => {
    const errors = validateDraft({ ...complete, name: '   ', summary: '\n\t ' });
    expect(Object.keys(errors).sort()).toEqual(['name', 'summary']);
  });

  it('checks phone and e-mail only when filled in', () => {
    expect(validateDraft({ ...complete, phone: '06-12345678', email: 'a@b.nl' })).toEqual({});
    expect(Object.keys(validateDraft({ ...complete, phone: 'bel me', email: 'geen-mail' })).sort()).toEqual(['email', 'phone']);
  });

  it('wants contact through the referrer when the citizen may not be approached directly', () => {
    expect(validateDraft({ ...complete, doNotContact: true, preferredChannel: 'TELEFOON' }).preferredChannel).toMatch(/verwijzer/);
    expect(validateDraft({ ...complete, doNotContact: true, preferredChannel: 'VIA_VERWIJZER' })).toEqual({});
  });

  it('requires a description once a knelpunt is added, and the maatwerk once applied', () => {
    const withBottleneck = { ...complete, withBottleneck: true };
    expect(Object.keys(validateDraft(withBottleneck)).sort()).toEqual(['bottleneckCategory', 'bottleneckDescription']);
    expect(Object.keys(validateDraft({ ...withBottleneck, bottleneckCategory: 'SYSTEEM', bottleneckDescription: 'x', customSolutionApplied: true }))).toEqual(['customSolution']);
  });
});

describe('toCreateReferralInput', () => {
  it('sends trimmed text, the normalised BSN, consent for the chosen receiver and the form key', () => {
    const input = toCreateReferralInput({ ...complete, bsn: '111 222 333', name: ' J. Jansen ', doNotContact: true }, 'key-1');
    expect(input).toMatchObject({
      idempotencyKey: 'key-1',
      citizen: { bsn: '111222333', name: 'J. Jansen', doNotContact: true, preferredChannel: 'VIA_VERWIJZER' },
      consent: { given: true, method: 'MONDELING', organisationId: complete.toOrganisationId },
    });
    expect(input.bottleneck).toBeUndefined();
  });
});

describe('fieldForInputPath', () => {
  it('maps the API input paths to form fields', () => {
    expect(fieldForInputPath('citizen.bsn')).toBe('bsn');
    expect(fieldForInputPath('consent.given')).toBe('consentGiven');
    expect(fieldForInputPath('input.summary')).toBe('summary');
    expect(fieldForInputPath('unknown')).toBeUndefined();
  });
});
