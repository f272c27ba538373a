import { describeNorm, normAmountInWords } from './response-norm-view';

describe('describeNorm', () => {
  it('gives the form its sentence for a norm in working days', () => {
    expect(describeNorm({ acceptAmount: 2, acceptUnit: 'WORKING_DAYS', contactAmount: 3, contactUnit: 'WORKING_DAYS', source: 'DEFAULT' })).toEqual({
      acceptWithin: '2 werkdagen',
      firstContactWithin: '3 werkdagen',
      description: 'reageert binnen 2 werkdagen',
      acceptWorkingDays: 2,
      acceptHours: null,
      contactWorkingDays: 3,
      contactHours: null,
    });
  });

  it('speaks of hours for an ACUUT norm', () => {
    expect(describeNorm({ acceptAmount: 4, acceptUnit: 'HOURS', contactAmount: 3, contactUnit: 'WORKING_DAYS', source: 'DEFAULT' })).toMatchObject({
      description: 'reageert binnen 4 uur',
      acceptWorkingDays: null,
      acceptHours: 4,
    });
  });
});

describe('describeNorm with other units', () => {
  it('gives numbers only for the unit they are in', () => {
    expect(describeNorm({ acceptAmount: 1, acceptUnit: 'WORKING_DAYS', contactAmount: 8, contactUnit: 'HOURS', source: 'ORGANISATION' })).toEqual({
      acceptWithin: '1 werkdag',
      firstContactWithin: '8 uur',
      description: 'reageert binnen 1 werkdag',
      acceptWorkingDays: 1,
      acceptHours: null,
      contactWorkingDays: null,
      contactHours: 8,
    });
  });

  it('gives no days or hours for a norm in seconds (tests only)', () => {
    expect(describeNorm({ acceptAmount: 30, acceptUnit: 'SECONDS', contactAmount: 1, contactUnit: 'SECONDS', source: 'TEST' })).toEqual({
      acceptWithin: '30 seconden',
      firstContactWithin: '1 seconde',
      description: 'reageert binnen 30 seconden',
      acceptWorkingDays: null,
      acceptHours: null,
      contactWorkingDays: null,
      contactHours: null,
    });
  });
});

describe('normAmountInWords', () => {
  it.each([
    [1, 'WORKING_DAYS', '1 werkdag'],
    [5, 'WORKING_DAYS', '5 werkdagen'],
    [1, 'HOURS', '1 uur'],
    [1, 'SECONDS', '1 seconde'],
    [2, 'SECONDS', '2 seconden'],
    [0, 'WORKING_DAYS', '0 werkdagen'],
    [24, 'HOURS', '24 uur'],
  ] as const)('%d %s reads "%s"', (amount, unit, words) => {
    expect(normAmountInWords(amount, unit)).toBe(words);
  });
});
