import { createHash } from 'node:crypto';
import { REFERRAL_TOPICS } from '@schakel/referrals';
import type { DoorRecord, OpeningHours } from '../door.model';
import { topicLabel } from '../door-ranking';
import { KNOWN_GEMEENTEN } from '../gemeenten';

/**
 * The sociale kaart as an Open Referral HSDS 3.0 document (docs/sociale-kaart.md has the mapping
 * field by field). Public open data: it leaves out what is for professionals only — the direct
 * line (phone), live reach, norms and measured speed — and carries no personal data at all.
 */

export const HSDS_VERSION = '3.0';
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const TAXONOMY_ID = derivedId('taxonomy', 'schakel-onderwerpen');

export interface HsdsOrganisation {
  id: string;
  name: string;
  oin: string;
}

/** A stable uuid (v5-shaped, SHA-1 based) for an HSDS object Schakel has no own row for. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Weekdays with the same hours become one weekly schedule: "MO,TU,WE,TH,FR 09:00–17:00". */
function schedulesOf(door: DoorRecord): Array<Record<string, unknown>> {
  const groups = new Map<string, number[]>();
  for (const h of door.openingHours) {
    const key = `${h.opens}-${h.closes}`;
    groups.set(key, [...(groups.get(key) ?? []), h.weekday]);
  }
  return [...groups.entries()].map(([key, weekdays]) => {
    const [opens, closes] = key.split('-');
    const byday = weekdays.map((d) => WEEKDAYS[d - 1]).join(',');
    return {
      id: derivedId('schedule', door.id, key),
      service_id: door.id,
      freq: 'WEEKLY',
      wkst: 'MO',
      byday,
      opens_at: opens,
      closes_at: closes,
      description: `Bereikbaar voor professionals, ${byday} ${opens}–${closes} (tijdzone Europe/Amsterdam).`,
      attending_type: 'Warme overdracht door een professional via Schakel',
    };
  });
}

function serviceAreasOf(door: DoorRecord): Array<Record<string, unknown>> {
  if (door.national) {
    return [{ id: derivedId('service_area', door.id, 'NL'), service_id: door.id, name: 'Nederland', description: 'Landelijk: voor inwoners van elke gemeente.', extent: 'NL', extent_type: 'text' }];
  }
  return door.gemeentecodes.map((code) => ({
    id: derivedId('service_area', door.id, code),
    service_id: door.id,
    name: KNOWN_GEMEENTEN[code] ? `Gemeente ${KNOWN_GEMEENTEN[code]}` : `Gemeente ${code}`,
    description: `CBS-gemeentecode ${code}`,
    extent: `GM${code}`,
    extent_type: 'text',
  }));
}

export function scheduleLines(hours: readonly OpeningHours[]): string[] {
  return hours.map((h) => `${WEEKDAYS[h.weekday - 1]} ${h.opens}-${h.closes}`);
}

export function toHsds(doors: readonly DoorRecord[], organisations: readonly HsdsOrganisation[], generatedAt: Date): Record<string, unknown> {
  const known = new Set(organisations.map((o) => o.id));
  const published = doors.filter((d) => d.active && known.has(d.organisationId));
  const organisationIds = new Set(published.map((d) => d.organisationId));
  return {
    hsds_version: HSDS_VERSION,
    publisher: 'Schakel — sociale kaart',
    generated_at: generatedAt.toISOString(),
    organizations: organisations
      .filter((o) => organisationIds.has(o.id))
      .map((o) => ({
        id: o.id,
        name: o.name,
        description: `${o.name}: loketten voor een warme overdracht via Schakel.`,
        organization_identifiers: [{ id: derivedId('organization_identifier', o.id), organization_id: o.id, identifier_scheme: 'NL-OIN', identifier_type: 'Organisatie-identificatienummer (OIN)', identifier: o.oin }],
      })),
    services: published.map((d) => ({
      id: d.id,
      organization_id: d.organisationId,
      name: d.name,
      description: d.description,
      status: 'active',
      application_process: 'Via een professional: een warme overdracht in Schakel.',
      last_modified: d.updatedAt.toISOString(),
    })),
    service_areas: published.flatMap(serviceAreasOf),
    contacts: published.map((d) => ({
      id: derivedId('contact', d.id),
      service_id: d.id,
      organization_id: d.organisationId,
      name: d.name,
      department: d.organisationName,
      title: 'Loket voor warme overdracht door professionals',
    })),
    schedules: published.flatMap(schedulesOf),
    required_documents: published.flatMap((d) => d.checklist.map((item, i) => ({ id: derivedId('required_document', d.id, String(i)), service_id: d.id, document: item }))),
    taxonomies: [{ id: TAXONOMY_ID, name: 'Schakel-onderwerpen', description: 'De onderwerpen waarover Schakel verwijst.', version: '1' }],
    taxonomy_terms: REFERRAL_TOPICS.map((t) => ({ id: derivedId('taxonomy_term', t), code: t, name: topicLabel(t), description: topicLabel(t), taxonomy_id: TAXONOMY_ID, language: 'nl' })),
    attributes: published.flatMap((d) =>
      d.topics.map((t) => ({ id: derivedId('attribute', d.id, t), link_id: d.id, link_type: 'service_type', link_entity: 'service', taxonomy_term_id: derivedId('taxonomy_term', t), label: topicLabel(t) })),
    ),
  };
}
