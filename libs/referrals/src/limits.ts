/**
 * The one source of the case tables' input limits: the GraphQL inputs validate with these, the
 * services check them again (also for what they add themselves), and the database's CHECK
 * constraints hold the same numbers (a test compares them), so text that passes validation
 * always fits its column and never fails later with an internal error.
 */

/** The CHECK of every long text column of the case tables (`length(x) <= 4000`). */
export const CASE_TEXT_COLUMN_MAX = 4000;

/** The prefix a contact note gets on the timeline: "[TELEFOON] ". */
export function contactNoteLabel(channel: string): string {
  return `[${channel}] `;
}

/** The longest contact note that fits the timeline's column after this channel's label. */
export function contactNoteMax(channel: string): number {
  return CASE_TEXT_COLUMN_MAX - contactNoteLabel(channel).length;
}

export const TEXT_LIMITS = {
  /** citizens.name */
  citizenName: 200,
  /** citizens.email */
  email: 254,
  /** citizens.phone */
  phone: 40,
  /** referrals.summary */
  summary: CASE_TEXT_COLUMN_MAX,
  /** referrals.idempotency_key */
  idempotencyKey: 200,
  /** timeline_events.note for a note on the referral */
  note: CASE_TEXT_COLUMN_MAX,
  /** handoffs.reason (forward, return, cancel) and its timeline note */
  reason: CASE_TEXT_COLUMN_MAX,
  /** handoffs.summary of a forwarded link */
  forwardSummary: CASE_TEXT_COLUMN_MAX,
  /** handoffs.outcome_note */
  outcomeNote: CASE_TEXT_COLUMN_MAX,
  /**
   * A contact note, at the input (any channel): the column's size. The service then checks
   * `contactNoteMax(channel)` and names that number, so the timeline note (label + note)
   * always fits its column and a note too long for its channel is refused with a clear message.
   */
  contactNote: CASE_TEXT_COLUMN_MAX,
  /** bottlenecks.rule */
  bottleneckRule: 500,
  /** bottlenecks.description */
  bottleneckDescription: CASE_TEXT_COLUMN_MAX,
  /** bottlenecks.custom_solution */
  customSolution: CASE_TEXT_COLUMN_MAX,
} as const;

/** Paging of handoff lists: `first` and its default. */
export const HANDOFF_PAGE = { defaultSize: 20, maxSize: 100 } as const;
