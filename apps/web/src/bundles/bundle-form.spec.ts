import { emptyBundleDraft, fieldForBundlePath, newMember, newPart, toCreateBundleInput, validateBundleDraft, type BundleDraft } from './bundle-form';

const OWN = '00000000-0000-4000-8000-00000000000a';
const UWV = '00000000-0000-4000-8000-00000000000b';
const BD = '00000000-0000-4000-8000-00000000000c';

function household(): BundleDraft {
  const applicant = { ...newMember('AANVRAGER'), bsn: '111222333', name: 'A. Aanvrager', consents: [UWV, BD] };
  const partner = { ...newMember('PARTNER'), bsn: '123456782', name: 'P. Partner', consents: [UWV] };
  return {
    members: [applicant, partner],
    parts: [
      { ...newPart(applicant.key), toOrganisationId: BD, topic: 'TOESLAGEN', summary: 'Toeslag terugbetalen.' },
      { ...newPart(partner.key), toOrganisationId: UWV, topic: 'WERK', summary: 'Werk kwijt.' },
    ],
    coordinatingOrganisationId: OWN,
    consentMethod: 'MONDELING',
  };
}

describe('validateBundleDraft (the rules of the bundle intake)', () => {
  it('passes a complete household', () => {
    expect(validateBundleDraft(household(), OWN)).toEqual({});
  });

  it('names the fields of an empty intake', () => {
    expect(Object.keys(validateBundleDraft(emptyBundleDraft(), OWN)).sort()).toEqual(
      ['coordinatingOrganisationId', 'members-0-bsn', 'members-0-name', 'parts-0-summary', 'parts-0-toOrganisationId', 'parts-0-topic'].sort(),
    );
  });

  it('refuses a BSN that fails the 11-test, and the same BSN twice', () => {
    const d = household();
    d.members[1].bsn = '123456789';
    expect(validateBundleDraft(d, OWN)['members-1-bsn']).toMatch(/elfproef/);
    d.members[1].bsn = '111222333';
    expect(validateBundleDraft(d, OWN)['members-1-bsn']).toMatch(/ander gezinslid/);
  });

  it('refuses a part to an organisation the member gave no consent for', () => {
    const d = household();
    d.parts[1].toOrganisationId = BD;
    expect(Object.keys(validateBundleDraft(d, OWN))).toEqual(['parts-1-toOrganisationId']);
  });

  it('puts the regie with the own organisation or a receiver only', () => {
    expect(validateBundleDraft({ ...household(), coordinatingOrganisationId: '00000000-0000-4000-8000-00000000000d' }, OWN).coordinatingOrganisationId).toMatch(/regie/);
    expect(validateBundleDraft({ ...household(), coordinatingOrganisationId: UWV }, OWN)).toEqual({});
  });
});

describe('toCreateBundleInput and fieldForBundlePath', () => {
  it('sends each member with its consents and each part with its member key', () => {
    const d = household();
    const input = toCreateBundleInput({ ...d, members: [{ ...d.members[0], bsn: '111 222 333' }, d.members[1]] }, 'sleutel');
    expect(input.members[0].citizen.bsn).toBe('111222333');
    expect(input.members[1].consents).toEqual([{ organisationId: UWV, method: 'MONDELING' }]);
    expect(input.parts.map((p) => p.memberKey)).toEqual([d.members[0].key, d.members[1].key]);
  });

  it('maps the API input paths onto the form fields', () => {
    expect(fieldForBundlePath('members[1].citizen.bsn')).toBe('members-1-bsn');
    expect(fieldForBundlePath('members[0].consents[2].organisationId')).toBe('members-0-consents');
    expect(fieldForBundlePath('parts[2].toOrganisationId')).toBe('parts-2-toOrganisationId');
    expect(fieldForBundlePath('coordinatingOrganisationId')).toBe('coordinatingOrganisationId');
    expect(fieldForBundlePath('idempotencyKey')).toBeUndefined();
  });
});
