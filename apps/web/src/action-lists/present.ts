import type { ActionListVersionDetailFragment, ReferralTopic } from '../api/generated';
import { TOPIC_LABEL } from '../ui/labels';

// How action-list values read on screen: hashes and keys in groups a person can compare aloud.

/** "ab12 cd34 …": a hash or key fingerprint in groups of four, which also wrap on a narrow screen. */
export function fingerprint(value: string): string {
  return value.match(/.{1,4}/g)?.join(' ') ?? value;
}

/** The first 16 characters in groups: enough to tell two versions apart at a glance. */
export function shortFingerprint(value: string): string {
  return fingerprint(value.slice(0, 16));
}

export function organisationName(version: Pick<ActionListVersionDetailFragment, 'parties'>, id: string): string {
  return version.parties.find((p) => p.organisationId === id)?.name ?? 'een andere organisatie';
}

export function topicLabel(topic: string | null): string {
  if (topic === null) return 'alle onderwerpen';
  return topic in TOPIC_LABEL ? TOPIC_LABEL[topic as ReferralTopic] : topic;
}

export function workingDays(n: number): string {
  return n === 1 ? '1 werkdag' : `${n} werkdagen`;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "15 januari 2027" for a YYYY-MM-DD date. */
export function longDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Offers a file to save, made in the browser (nothing travels through a URL). */
export function download(filename: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
