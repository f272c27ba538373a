import { REFERRAL_TOPIC_LABELS, type ReferralTopic } from '@schakel/referrals';
import { type DoorRecord, MIN_MEASURED_HANDOFFS, type ResponseStatsRecord } from './door.model';

/** Why a door is in the list for a referral. */
export const MATCH_REASONS = ['ONDERWERP', 'GEMEENTE', 'LANDELIJK', 'ZOEKTERM'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

export interface MatchQuery {
  topic: ReferralTopic;
  /** The citizen's gemeente (4 digits); null: unknown, only national doors serve the region. */
  gemeentecode: string | null;
  /** Free text over door name, description, organisation name and topic labels; null: none. */
  search: string | null;
}

export interface RankedDoor {
  door: DoorRecord;
  reasons: MatchReason[];
  /** Topic and region both match (the first group of the ranking). */
  serves: boolean;
  /** Median minutes from requested to accepted; null when fewer than MIN_MEASURED_HANDOFFS were measured. */
  medianMinutes: number | null;
  acceptedCount: number;
}

/** A topic as a search matches it: "Werk", "Overig" (not the sentence form "een ander onderwerp"). */
export function topicLabel(topic: ReferralTopic): string {
  return topic === 'OVERIG' ? 'Overig' : REFERRAL_TOPIC_LABELS[topic];
}

/** The topics whose label contains the search text (case-insensitive). */
export function topicsMatching(search: string): ReferralTopic[] {
  const wanted = search.toLocaleLowerCase('nl');
  return (Object.keys(REFERRAL_TOPIC_LABELS) as ReferralTopic[]).filter((t) => topicLabel(t).toLocaleLowerCase('nl').includes(wanted));
}

export function matchesSearch(door: DoorRecord, search: string): boolean {
  const wanted = search.toLocaleLowerCase('nl');
  const texts = [door.name, door.description, door.organisationName, ...door.topics.map(topicLabel)];
  return texts.some((t) => t.toLocaleLowerCase('nl').includes(wanted));
}

/** The measured speed of a door for a topic: its organisation's statistics, or unknown. */
export function measuredSpeed(stats: ResponseStatsRecord | undefined): { medianMinutes: number | null; acceptedCount: number } {
  if (!stats || stats.acceptedCount < MIN_MEASURED_HANDOFFS || stats.medianMinutes === null) return { medianMinutes: null, acceptedCount: stats?.acceptedCount ?? 0 };
  return { medianMinutes: stats.medianMinutes, acceptedCount: stats.acceptedCount };
}

export function statsKey(organisationId: string, topic: string): string {
  return `${organisationId}|${topic}`;
}

/**
 * Ranks doors for a referral (docs/sociale-kaart.md, "Ranking"):
 * 1. doors that handle the topic AND serve the region (list the gemeentecode, or are national)
 *    come first; other doors are left out unless the search text matches them (then they follow);
 * 2. within each group, measured speed: doors with at least MIN_MEASURED_HANDOFFS accepted
 *    handoffs in the last 90 days, fastest median first, then the doors whose speed is unknown;
 * 3. then name (Dutch collation), then id, so the order is stable.
 * A door serving the gemeente explicitly is not placed above a national one: both serve the
 * citizen, and they usually offer different services (UWV's WW versus the gemeente's bijstand);
 * which one is right is the topic's and the professional's call, and the measured speed is the
 * only evidence of which door answers sooner.
 */
export function rankDoors(doors: readonly DoorRecord[], stats: ReadonlyMap<string, ResponseStatsRecord>, query: MatchQuery): RankedDoor[] {
  const search = query.search?.trim() ? query.search.trim() : null;
  const ranked: RankedDoor[] = [];
  for (const door of doors) {
    if (!door.active) continue;
    const reasons: MatchReason[] = [];
    const topic = door.topics.includes(query.topic);
    if (topic) reasons.push('ONDERWERP');
    const gemeente = query.gemeentecode !== null && door.gemeentecodes.includes(query.gemeentecode);
    if (gemeente) reasons.push('GEMEENTE');
    if (door.national) reasons.push('LANDELIJK');
    const searched = search !== null && matchesSearch(door, search);
    if (searched) reasons.push('ZOEKTERM');
    const serves = topic && (gemeente || door.national);
    if (!serves && !searched) continue;
    ranked.push({ door, reasons, serves, ...measuredSpeed(stats.get(statsKey(door.organisationId, query.topic))) });
  }
  return ranked.sort(compareRanked);
}

function compareRanked(a: RankedDoor, b: RankedDoor): number {
  if (a.serves !== b.serves) return a.serves ? -1 : 1;
  if ((a.medianMinutes === null) !== (b.medianMinutes === null)) return a.medianMinutes === null ? 1 : -1;
  if (a.medianMinutes !== null && b.medianMinutes !== null && a.medianMinutes !== b.medianMinutes) return a.medianMinutes - b.medianMinutes;
  return a.door.name.localeCompare(b.door.name, 'nl') || a.door.organisationName.localeCompare(b.door.organisationName, 'nl') || (a.door.id < b.door.id ? -1 : a.door.id > b.door.id ? 1 : 0);
}

/** "Onderwerp Werk; gemeente 0855" — why a door is listed, in words. */
export function explainMatch(reasons: readonly MatchReason[], query: MatchQuery): string {
  const parts: string[] = [];
  if (reasons.includes('ONDERWERP')) parts.push(`onderwerp ${topicLabel(query.topic)}`);
  if (reasons.includes('GEMEENTE')) parts.push(`werkt voor gemeente ${query.gemeentecode ?? ''}`.trim());
  else if (reasons.includes('LANDELIJK')) parts.push('landelijk loket');
  if (reasons.includes('ZOEKTERM')) parts.push('gevonden met uw zoekterm');
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Escapes LIKE's wildcards, so a search for "50%" looks for those characters. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
