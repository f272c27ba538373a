/** The life of a live request: asked, then picked up by the first on-duty person, fallen back, or cancelled. */
export const LIVE_HANDOFF_STATUSES = ['REQUESTED', 'PICKED_UP', 'FELL_BACK', 'CANCELLED'] as const;
export type LiveHandoffStatus = (typeof LIVE_HANDOFF_STATUSES)[number];
