import type { ReferralTopic, Urgency } from '../api/generated';
import { TOPIC_LABEL } from '../ui/labels';

const URGENCY_WORD: Record<Urgency, string> = { ACUUT: 'acuut', HOOG: 'hoge urgentie', NORMAAL: 'normale urgentie' };

/** "Live overdracht van Gemeente Tilburg — Werk, acuut." */
export function incomingText(r: { fromOrganisationName: string; topic: ReferralTopic; urgency: Urgency }): string {
  return `Live overdracht van ${r.fromOrganisationName} — ${TOPIC_LABEL[r.topic]}, ${URGENCY_WORD[r.urgency]}.`;
}

/** "UWV neemt het nu over — Fatima van den Berg" */
export function pickedUpText(r: { toOrganisationName: string; pickedUpByName?: string | null }): string {
  return `${r.toOrganisationName} neemt het nu over — ${r.pickedUpByName ?? 'een dienstdoende medewerker'}`;
}

export function fellBackText(r: { toOrganisationName: string }): string {
  return `Niemand nam op; de overdracht staat als acuut bij ${r.toOrganisationName}.`;
}

/** Minutes and seconds left, "4:05"; never below zero. */
export function timeLeft(expiresAt: string, now: number): string {
  const seconds = Math.max(0, Math.ceil((new Date(expiresAt).getTime() - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
