import { AppError, requireSafeText } from '@schakel/platform';
import { REFERRAL_TOPICS, type ReferralTopic } from '@schakel/referrals';
import { DOOR_REACHES, type DoorContent, type DoorReach, type OpeningHours } from './door.model';

export const DOOR_LIMITS = {
  name: 200,
  description: 2000,
  phone: 40,
  checklistItems: 20,
  checklistItem: 200,
  gemeentecodes: 400,
  openingHours: 21,
  liveTimeoutMin: 1,
  liveTimeoutMax: 60,
} as const;

/** What a coordinator sends; checked and normalised by validateDoorContent. */
export interface DoorContentInput {
  name: string;
  description?: string | null;
  topics: readonly string[];
  national: boolean;
  gemeentecodes?: readonly string[] | null;
  reach: string;
  phone?: string | null;
  openingHours?: ReadonlyArray<{ weekday: number; opens: string; closes: string }> | null;
  checklist?: readonly string[] | null;
  liveAllowed?: boolean | null;
  liveTimeoutMinutes?: number | null;
}

const GEMEENTECODE = /^[0-9]{4}$/;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
// Digits with optional spaces, dashes, parentheses and a leading +: "088 - 898 92 94", "+31 88 898 92 94".
const PHONE = /^\+?[0-9][0-9 ()-]*[0-9]$/;

function bad(field: string, nl: string, en: string): AppError {
  return AppError.badInput({ nl, en }, { field });
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function isGemeentecode(value: string): boolean {
  return GEMEENTECODE.test(value);
}

function topicsOf(values: readonly string[]): ReferralTopic[] {
  const topics: ReferralTopic[] = [];
  for (const value of values) {
    const topic = REFERRAL_TOPICS.find((t) => t === value);
    if (!topic) throw bad('topics', 'Onbekend onderwerp.', 'Unknown topic.');
    if (!topics.includes(topic)) topics.push(topic);
  }
  if (topics.length === 0) throw bad('topics', 'Kies minstens één onderwerp.', 'Choose at least one topic.');
  return topics;
}

function gemeentecodesOf(national: boolean, values: readonly string[]): string[] {
  const codes = [...new Set(values.map((v) => (typeof v === 'string' ? v.trim() : v)))];
  if (codes.some((c) => typeof c !== 'string' || !GEMEENTECODE.test(c))) {
    throw bad('gemeentecodes', 'Een gemeentecode bestaat uit 4 cijfers, bijv. 0855.', 'A gemeentecode is 4 digits, e.g. 0855.');
  }
  if (codes.length > DOOR_LIMITS.gemeentecodes) {
    throw bad('gemeentecodes', `Ten hoogste ${DOOR_LIMITS.gemeentecodes} gemeenten.`, `At most ${DOOR_LIMITS.gemeentecodes} gemeenten.`);
  }
  if (national && codes.length > 0) {
    throw bad('gemeentecodes', 'Een landelijk loket heeft geen gemeenten: kies landelijk of gemeenten.', 'A national door lists no gemeenten: choose national or gemeenten.');
  }
  if (!national && codes.length === 0) {
    throw bad('gemeentecodes', 'Kies landelijk of geef minstens één gemeentecode.', 'Choose national or give at least one gemeentecode.');
  }
  return codes.sort();
}

function reachOf(value: string): DoorReach {
  const reach = DOOR_REACHES.find((r) => r === value);
  if (!reach) throw bad('reach', 'Onbekende bereikbaarheid.', 'Unknown reach.');
  return reach;
}

function phoneOf(value: string | null | undefined, reach: DoorReach): string | null {
  const phone = value === null || value === undefined ? '' : requireSafeText(value, 'phone', { max: DOOR_LIMITS.phone });
  if (phone === '') {
    if (reach === 'DIRECTE_LIJN') throw bad('phone', 'Een loket met een directe lijn heeft een telefoonnummer.', 'A door reached by direct line needs a phone number.');
    return null;
  }
  const digits = phone.replace(/[^0-9]/g, '').length;
  if (!PHONE.test(phone) || digits < 6 || digits > 15) {
    throw bad('phone', 'Telefoonnummer: alleen cijfers, spaties, streepjes en haakjes, bijv. 088 - 898 92 94.', 'Phone number: digits, spaces, dashes and parentheses only, e.g. 088 - 898 92 94.');
  }
  return phone;
}

/** Weekday 1..7, "HH:MM" times, opens before closes, no overlapping periods on one day; sorted. */
export function openingHoursOf(values: ReadonlyArray<{ weekday: number; opens: string; closes: string }>): OpeningHours[] {
  if (values.length > DOOR_LIMITS.openingHours) {
    throw bad('openingHours', `Ten hoogste ${DOOR_LIMITS.openingHours} openingstijden.`, `At most ${DOOR_LIMITS.openingHours} opening periods.`);
  }
  const hours = values.map((v) => {
    if (!Number.isInteger(v.weekday) || v.weekday < 1 || v.weekday > 7) {
      throw bad('openingHours', 'Openingstijden: de dag is 1 (maandag) tot en met 7 (zondag).', 'Opening hours: the weekday is 1 (Monday) to 7 (Sunday).');
    }
    if (typeof v.opens !== 'string' || typeof v.closes !== 'string' || !TIME.test(v.opens) || !TIME.test(v.closes)) {
      throw bad('openingHours', 'Openingstijden: schrijf tijden als UU:MM, bijv. 09:00.', 'Opening hours: write times as HH:MM, e.g. 09:00.');
    }
    if (minutesOf(v.opens) >= minutesOf(v.closes)) {
      throw bad('openingHours', 'Openingstijden: de openingstijd ligt vóór de sluitingstijd.', 'Opening hours: opening comes before closing.');
    }
    return { weekday: v.weekday, opens: v.opens, closes: v.closes };
  });
  hours.sort((a, b) => a.weekday - b.weekday || minutesOf(a.opens) - minutesOf(b.opens));
  for (let i = 1; i < hours.length; i++) {
    if (hours[i].weekday === hours[i - 1].weekday && minutesOf(hours[i].opens) < minutesOf(hours[i - 1].closes)) {
      throw bad('openingHours', 'Openingstijden: twee periodes op dezelfde dag overlappen.', 'Opening hours: two periods on the same day overlap.');
    }
  }
  return hours;
}

function checklistOf(values: readonly string[]): string[] {
  if (values.length > DOOR_LIMITS.checklistItems) {
    throw bad('checklist', `Ten hoogste ${DOOR_LIMITS.checklistItems} punten op de checklist.`, `At most ${DOOR_LIMITS.checklistItems} checklist items.`);
  }
  return values.map((item) => requireSafeText(item, 'checklist', { max: DOOR_LIMITS.checklistItem, required: true }));
}

/** Checks a door's content against every rule and answers it normalised (trimmed, deduplicated, sorted). */
export function validateDoorContent(input: DoorContentInput): DoorContent {
  const name = requireSafeText(input.name, 'name', { max: DOOR_LIMITS.name, required: true });
  const description = requireSafeText(input.description ?? '', 'description', { max: DOOR_LIMITS.description });
  const topics = topicsOf(input.topics);
  const national = input.national === true;
  const gemeentecodes = gemeentecodesOf(national, input.gemeentecodes ?? []);
  const reach = reachOf(input.reach);
  const phone = phoneOf(input.phone, reach);
  const openingHours = openingHoursOf(input.openingHours ?? []);
  const checklist = checklistOf(input.checklist ?? []);
  const liveAllowed = input.liveAllowed === true || reach === 'LIVE';
  if (reach === 'LIVE' && input.liveAllowed === false) {
    throw bad('liveAllowed', 'Een loket dat live bereikbaar is, staat live overdragen toe.', 'A door reached live allows live handoffs.');
  }
  const liveTimeoutMinutes = input.liveTimeoutMinutes ?? 5;
  if (!Number.isInteger(liveTimeoutMinutes) || liveTimeoutMinutes < DOOR_LIMITS.liveTimeoutMin || liveTimeoutMinutes > DOOR_LIMITS.liveTimeoutMax) {
    throw bad('liveTimeoutMinutes', 'Live wachttijd: 1 tot en met 60 minuten.', 'Live timeout: 1 to 60 minutes.');
  }
  return { name, description, topics, national, gemeentecodes, reach, phone, openingHours, checklist, liveAllowed, liveTimeoutMinutes };
}
