import type { LiveReceivedFigures } from '@schakel/live-handoffs';
import { liveRows } from './live-figures';

const figures = (f: Partial<LiveReceivedFigures>): LiveReceivedFigures => ({
  received: 0,
  pickedUp: 0,
  fellBack: 0,
  cancelled: 0,
  medianPickUpSeconds: null,
  p90PickUpSeconds: null,
  ...f,
});

describe('liveRows', () => {
  it('shows counts of 5 and more and the time to pick up over the picked-up requests', () => {
    const [row] = liveRows([{ key: 'uwv', label: 'UWV', figures: figures({ received: 20, pickedUp: 12, fellBack: 8, medianPickUpSeconds: 45, p90PickUpSeconds: 130 }) }]);
    expect(row).toEqual({
      key: 'uwv',
      label: 'UWV',
      received: { value: 20, suppressed: false },
      pickedUp: { value: 12, suppressed: false },
      fellBack: { value: 8, suppressed: false },
      medianSecondsToPickUp: { value: 45, suppressed: false },
      p90SecondsToPickUp: { value: 130, suppressed: false },
    });
  });

  it('suppresses counts under 5 and times resting on fewer than 5', () => {
    const [row] = liveRows([{ key: 'uwv', label: 'UWV', figures: figures({ received: 9, pickedUp: 3, fellBack: 6, medianPickUpSeconds: 40, p90PickUpSeconds: 50 }) }]);
    expect(row.pickedUp).toEqual({ value: null, suppressed: true });
    // 9 − 6 gives only an upper bound: the withdrawn requests are never shown.
    expect(row.fellBack).toEqual({ value: 6, suppressed: false });
    expect(row.received).toEqual({ value: 9, suppressed: false });
    expect(row.medianSecondsToPickUp).toEqual({ value: null, suppressed: true });
    expect(row.p90SecondsToPickUp).toEqual({ value: null, suppressed: true });
  });

  it('a withdrawn request under 5 protects the others: received minus the shown parts would reveal it', () => {
    const [row] = liveRows([{ key: 'uwv', label: 'UWV', figures: figures({ received: 22, pickedUp: 10, fellBack: 10, cancelled: 2, medianPickUpSeconds: 30, p90PickUpSeconds: 60 }) }]);
    expect([row.pickedUp.suppressed, row.fellBack.suppressed].filter(Boolean)).toHaveLength(1);
  });

  it('nothing received: zeros shown, no times', () => {
    const [row] = liveRows([{ key: 'svb', label: 'SVB', figures: figures({}) }]);
    expect(row.received).toEqual({ value: 0, suppressed: false });
    expect(row.medianSecondsToPickUp).toEqual({ value: null, suppressed: false });
  });
});
