/** Callback slots are half days: the morning and the afternoon of a working day (Dutch time). */
export const PARTS_OF_DAY = ['OCHTEND', 'MIDDAG'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

export const CALLBACK_BOOKING_STATUSES = ['BOOKED', 'RELEASED'] as const;
export type CallbackBookingStatus = (typeof CALLBACK_BOOKING_STATUSES)[number];

export const RELEASE_CAUSES = ['CANCELLED_BY_SENDER', 'HANDOFF_CANCELLED', 'HANDOFF_RETURNED'] as const;
export type ReleaseCause = (typeof RELEASE_CAUSES)[number];

/** Wall-clock times of each part of day, Europe/Amsterdam. */
export const PART_TIMES: Record<PartOfDay, { start: { hour: number; minute: number }; end: { hour: number; minute: number }; label: string }> = {
  OCHTEND: { start: { hour: 9, minute: 0 }, end: { hour: 12, minute: 0 }, label: 'ochtend (9.00 tot 12.00 uur)' },
  MIDDAG: { start: { hour: 13, minute: 0 }, end: { hour: 17, minute: 0 }, label: 'middag (13.00 tot 17.00 uur)' },
};

/** At most this many places per part of day (a typo such as 500 is refused). */
export const MAX_PLACES = 50;
/** The slot picker looks ahead this many working days by default, and at most MAX_DAYS. */
export const DEFAULT_DAYS = 10;
export const MAX_DAYS = 30;
