import { reminderWorkingDays } from '@schakel/action-lists';
import { addWorkingDays } from '../working-days/working-days';

// action-lists counts working days for its reminders with its own copy of the rules (it may not
// import follow-ups); this keeps the two calendars the same.
describe('working days of action-list reminders', () => {
  it('equal the follow-ups working days for every start in two years, Goede Vrijdag on and off', () => {
    for (const goodFridayIsHoliday of [false, true]) {
      for (let day = 0; day < 730; day += 1) {
        const start = new Date(Date.UTC(2026, 0, 1, 9) + day * 86_400_000);
        for (const n of [1, 5]) {
          expect(reminderWorkingDays(start, n, goodFridayIsHoliday)).toEqual(addWorkingDays(start, n, { goodFridayIsHoliday }));
        }
      }
    }
  });
});
