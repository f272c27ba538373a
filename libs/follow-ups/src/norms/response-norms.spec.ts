import { loadConfig } from '@schakel/platform';
import { DateTime } from 'luxon';
import { ZONE } from '../working-days/working-days';
import { DeadlineCalculator, ResponseNormProvider, type NormQuery, type ResponseNorm } from './response-norms';

const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat("yyyy-LL-dd'T'HH:mm");

describe('DeadlineCalculator', () => {
  const calculator = new DeadlineCalculator(loadConfig({}));
  const goodFridayOff = new DeadlineCalculator(loadConfig({ WORKING_DAYS_GOOD_FRIDAY: 'true' }));

  it('counts working days on the Dutch calendar', () => {
    // Friday 15:00 + 2 working days: over the weekend to Tuesday, same wall-clock time.
    expect(local(calculator.dueAt(at('2026-11-27T15:00'), 2, 'WORKING_DAYS'))).toBe('2026-12-01T15:00');
  });

  it('counts hours and seconds as plain elapsed time, weekends included', () => {
    const friday = at('2026-11-27T15:00');
    expect(calculator.dueAt(friday, 4, 'HOURS').getTime() - friday.getTime()).toBe(4 * 3_600_000);
    expect(local(calculator.dueAt(friday, 36, 'HOURS'))).toBe('2026-11-29T03:00');
    expect(calculator.dueAt(friday, 90, 'SECONDS').getTime() - friday.getTime()).toBe(90_000);
  });

  it('follows the configured Goede Vrijdag agreement', () => {
    expect(calculator.rules).toEqual({ goodFridayIsHoliday: false });
    expect(goodFridayOff.rules).toEqual({ goodFridayIsHoliday: true });
    // Thursday 2 April 2026 + 1 working day: Goede Vrijdag (3 April), or Tuesday after Easter Monday.
    expect(local(calculator.dueAt(at('2026-04-02T10:00'), 1, 'WORKING_DAYS'))).toBe('2026-04-03T10:00');
    expect(local(goodFridayOff.dueAt(at('2026-04-02T10:00'), 1, 'WORKING_DAYS'))).toBe('2026-04-07T10:00');
  });

  it('escalates one working day later', () => {
    expect(local(calculator.nextWorkingDay(at('2026-11-27T15:00')))).toBe('2026-11-30T15:00');
    expect(local(goodFridayOff.nextWorkingDay(at('2026-04-02T10:00')))).toBe('2026-04-07T10:00');
  });
});

describe('ResponseNormProvider.normsFor', () => {
  /** A provider whose norm names the organisation asked for, so the order of answers shows. */
  class NamedNorms extends ResponseNormProvider {
    readonly asked: NormQuery[] = [];

    async normFor(query: NormQuery): Promise<ResponseNorm> {
      this.asked.push(query);
      return { acceptAmount: 2, acceptUnit: 'WORKING_DAYS', contactAmount: 3, contactUnit: 'WORKING_DAYS', source: query.receiverOrganisationId };
    }
  }

  it('answers many queries at once, in the order asked', async () => {
    const provider = new NamedNorms();
    const queries: NormQuery[] = ['uwv', 'svb', 'tilburg'].map((id) => ({ receiverOrganisationId: id, topic: null, urgency: 'NORMAAL' }));
    const norms = await provider.normsFor(queries);
    expect(norms.map((n) => n.source)).toEqual(['uwv', 'svb', 'tilburg']);
    expect(provider.asked).toEqual(queries);
  });

  it('answers no queries with no norms', async () => {
    await expect(new NamedNorms().normsFor([])).resolves.toEqual([]);
  });
});
