import type { ReferralTopic } from '@schakel/referrals';

/** How professionals reach a door for a warm handoff: its direct line, or live in Schakel. */
export const DOOR_REACHES = ['DIRECTE_LIJN', 'LIVE'] as const;
export type DoorReach = (typeof DOOR_REACHES)[number];

/** One opening period on a weekday (1 = Monday … 7 = Sunday), local time (Europe/Amsterdam). */
export interface OpeningHours {
  weekday: number;
  opens: string;
  closes: string;
}

/** What a coordinator sets on a door (create, update): everything but identity and bookkeeping. */
export interface DoorContent {
  name: string;
  description: string;
  topics: ReferralTopic[];
  national: boolean;
  gemeentecodes: string[];
  reach: DoorReach;
  phone: string | null;
  openingHours: OpeningHours[];
  checklist: string[];
  liveAllowed: boolean;
  liveTimeoutMinutes: number;
}

export interface DoorRecord extends DoorContent {
  id: string;
  organisationId: string;
  organisationName: string;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A door as it was saved in one version (door_versions.snapshot). */
export interface DoorSnapshot extends DoorContent {
  active: boolean;
}

export interface DoorVersionRecord {
  doorId: string;
  version: number;
  snapshot: DoorSnapshot;
  changedByEmployeeId: string | null;
  changedByName: string | null;
  changedAt: Date;
}

/** Accepted handoffs of the last 90 days for a receiving organisation and topic (door_response_stats). */
export interface ResponseStatsRecord {
  organisationId: string;
  topic: ReferralTopic;
  acceptedCount: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  computedAt: Date;
}

/** Fewer accepted handoffs than this and a door's speed counts as unknown (too few to say). */
export const MIN_MEASURED_HANDOFFS = 5;

/** The window of the measured speed. */
export const STATS_WINDOW_DAYS = 90;

export function snapshotOf(content: DoorContent, active: boolean): DoorSnapshot {
  return { ...content, active };
}
