import { EMPTY_DRAFT, fieldForPath, fieldId, toInput, validateDraft, type DraftForm } from './draft-form';
import { fingerprint, topicLabel, workingDays } from './present';

const OWN = 'org-tilburg';
const UWV = 'org-uwv';

const filled: DraftForm = {
  title: '  Samen één loket ',
  description: '',
  partyIds: [UWV],
  items: [{ id: null, key: 1, description: 'Eén contactpersoon', ownerOrganisationId: OWN, dueDate: '2027-01-15' }],
  agreements: [{ key: 2, receivingOrganisationId: UWV, topic: '', acceptWithinWorkingDays: '1', firstContactWithinWorkingDays: '2' }],
};

describe('validateDraft', () => {
  it('accepts a complete draft', () => {
    expect(validateDraft(filled, OWN)).toEqual({});
  });

  it('asks for a title and another party', () => {
    expect(validateDraft(EMPTY_DRAFT, OWN)).toEqual({
      [fieldId.title]: 'Geef de lijst een titel.',
      [fieldId.parties]: 'Kies minstens één andere organisatie die mee ondertekent.',
    });
  });

  it('refuses a non-date, a non-party owner, terms outside 0–60 and a double agreement', () => {
    const form: DraftForm = {
      ...filled,
      items: [{ ...filled.items[0], ownerOrganisationId: 'org-svb', dueDate: '2027-02-30' }],
      agreements: [filled.agreements[0], { ...filled.agreements[0], key: 3, acceptWithinWorkingDays: '61', firstContactWithinWorkingDays: 'twee' }],
    };
    expect(Object.keys(validateDraft(form, OWN)).sort()).toEqual(
      [fieldId.item(0, 'owner'), fieldId.item(0, 'dueDate'), fieldId.agreement(1, 'topic'), fieldId.agreement(1, 'accept'), fieldId.agreement(1, 'contact')].sort(),
    );
  });
});

describe('toInput', () => {
  it('trims text, sends empty topic and date as null and terms as numbers', () => {
    expect(toInput(filled)).toEqual({
      title: 'Samen één loket',
      description: '',
      partyOrganisationIds: [UWV],
      items: [{ id: null, description: 'Eén contactpersoon', ownerOrganisationId: OWN, dueDate: '2027-01-15' }],
      agreements: [{ receivingOrganisationId: UWV, topic: null, acceptWithinWorkingDays: 1, firstContactWithinWorkingDays: 2 }],
    });
  });
});

describe('fieldForPath', () => {
  it('finds the field of an API refusal, in either path style', () => {
    expect(fieldForPath('title')).toBe(fieldId.title);
    expect(fieldForPath('parties')).toBe(fieldId.parties);
    expect(fieldForPath('items[2].dueDate')).toBe(fieldId.item(2, 'dueDate'));
    expect(fieldForPath('input.items.2.ownerOrganisationId')).toBe(fieldId.item(2, 'owner'));
    expect(fieldForPath('agreements[0].firstContactWithinWorkingDays')).toBe(fieldId.agreement(0, 'contact'));
    expect(fieldForPath('agreements[1]')).toBe(fieldId.agreement(1, 'topic'));
    expect(fieldForPath('statement')).toBeUndefined();
  });
});

describe('present', () => {
  it('groups a fingerprint by four, names topics and working days', () => {
    expect(fingerprint('abcdef0123456789ab')).toBe('abcd ef01 2345 6789 ab');
    expect(topicLabel(null)).toBe('alle onderwerpen');
    expect(topicLabel('SCHULDEN')).toBe('Schulden');
    expect(workingDays(1)).toBe('1 werkdag');
    expect(workingDays(3)).toBe('3 werkdagen');
  });
});
