import type { ReportCellFieldsFragment } from '../api/generated';
import { BOTTLENECK_LABEL, TOPIC_LABEL } from '../ui/labels';
import type { BottleneckCategory, ReferralTopic } from '../api/generated';
import { monthLabel } from './period';

// How report values read: exactly what the API says ("< 5" included), labels in B1 Dutch.

export function cell(c: ReportCellFieldsFragment): string {
  return c.display;
}

export function categoryLabel(c: BottleneckCategory): string {
  return BOTTLENECK_LABEL[c];
}

export function topicLabel(t: ReferralTopic): string {
  return TOPIC_LABEL[t];
}

/** "maart 2026" for "2026-03-01"; other keys as the API labelled them. */
export function rowLabel(key: string, label: string): string {
  return /^\d{4}-\d{2}(-\d{2})?$/.test(key) ? monthLabel(key) : label;
}

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

export function asOf(iso: string | null): string {
  return iso ? `Cijfers bijgewerkt tot ${dateTime.format(new Date(iso))}.` : 'De cijfers zijn nog niet bijgewerkt.';
}
