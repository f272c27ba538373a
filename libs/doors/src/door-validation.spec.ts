import { AppError } from '@schakel/platform';
import { type DoorContentInput, validateDoorContent } from './door-validation';

const valid: DoorContentInput = {
  name: ' Schuldhulp ',
  description: '',
  topics: ['SCHULDEN', 'SCHULDEN'],
  national: false,
  gemeentecodes: ['0855', '0153'],
  reach: 'DIRECTE_LIJN',
  phone: '088 - 898 92 94',
  openingHours: [{ weekday: 2, opens: '09:00', closes: '17:00' }, { weekday: 1, opens: '13:00', closes: '17:00' }, { weekday: 1, opens: '09:00', closes: '12:00' }],
  checklist: ['Laatste loonstrook of uitkeringsspecificatie'],
  liveAllowed: false,
  liveTimeoutMinutes: 5,
};

function refusal(input: Partial<DoorContentInput>): { code: string; field: unknown } {
  try {
    validateDoorContent({ ...valid, ...input });
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.details.field };
    throw error;
  }
  throw new Error('accepted');
}

describe('validateDoorContent', () => {
  it('normalises a valid door: trimmed, topics deduplicated, codes and hours sorted', () => {
    const content = validateDoorContent(valid);
    expect(content).toMatchObject({ name: 'Schuldhulp', topics: ['SCHULDEN'], gemeentecodes: ['0153', '0855'] });
    expect(content.openingHours.map((h) => `${h.weekday} ${h.opens}`)).toEqual(['1 09:00', '1 13:00', '2 09:00']);
  });

  it.each([
    [{ topics: [] }, 'topics'],
    [{ topics: ['ONBEKEND'] }, 'topics'],
    [{ gemeentecodes: ['855'] }, 'gemeentecodes'],
    [{ gemeentecodes: ['08555'] }, 'gemeentecodes'],
    [{ gemeentecodes: ['08a5'] }, 'gemeentecodes'],
    [{ gemeentecodes: [] }, 'gemeentecodes'],
    [{ national: true }, 'gemeentecodes'],
    [{ phone: 'bel maar' }, 'phone'],
    [{ phone: '12' }, 'phone'],
    [{ phone: null }, 'phone'],
    [{ openingHours: [{ weekday: 0, opens: '09:00', closes: '17:00' }] }, 'openingHours'],
    [{ openingHours: [{ weekday: 8, opens: '09:00', closes: '17:00' }] }, 'openingHours'],
    [{ openingHours: [{ weekday: 1, opens: '17:00', closes: '09:00' }] }, 'openingHours'],
    [{ openingHours: [{ weekday: 1, opens: '9:00', closes: '17:00' }] }, 'openingHours'],
    [{ openingHours: [{ weekday: 1, opens: '09:00', closes: '24:00' }] }, 'openingHours'],
    [{ openingHours: [{ weekday: 1, opens: '09:00', closes: '12:00' }, { weekday: 1, opens: '11:00', closes: '13:00' }] }, 'openingHours'],
    [{ checklist: Array.from({ length: 21 }, (_v, i) => `punt ${i}`) }, 'checklist'],
    [{ checklist: ['x'.repeat(201)] }, 'checklist'],
    [{ checklist: ['   '] }, 'checklist'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ description: 'x'.repeat(2001) }, 'description'],
    [{ liveTimeoutMinutes: 0 }, 'liveTimeoutMinutes'],
    [{ liveTimeoutMinutes: 61 }, 'liveTimeoutMinutes'],
    [{ liveTimeoutMinutes: 2.5 }, 'liveTimeoutMinutes'],
    [{ reach: 'LIVE', liveAllowed: false }, 'liveAllowed'],
    [{ reach: 'FAX' }, 'reach'],
  ])('refuses %j (field %s) as BAD_USER_INPUT', (input, field) => {
    expect(refusal(input as Partial<DoorContentInput>)).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('accepts a national door, a live door without a phone, and the bounds of the live timeout', () => {
    expect(validateDoorContent({ ...valid, national: true, gemeentecodes: [] }).national).toBe(true);
    expect(validateDoorContent({ ...valid, reach: 'LIVE', phone: null, liveAllowed: null }).liveAllowed).toBe(true);
    expect(validateDoorContent({ ...valid, liveTimeoutMinutes: 1 }).liveTimeoutMinutes).toBe(1);
    expect(validateDoorContent({ ...valid, liveTimeoutMinutes: 60 }).liveTimeoutMinutes).toBe(60);
  });
});
