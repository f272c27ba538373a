import type { ActionListDraftInput, ActionListVersionDetailFragment } from '../api/generated';

// The draft form's state, its checks before sending and the way API refusals find their field.

export interface ItemRow {
  /** Kept across versions, so an item can be followed; empty for a new one (the API picks one). */
  id: string | null;
  key: number;
  description: string;
  ownerOrganisationId: string;
  dueDate: string;
}

export interface AgreementRow {
  key: number;
  receivingOrganisationId: string;
  /** '' for all topics. */
  topic: string;
  acceptWithinWorkingDays: string;
  firstContactWithinWorkingDays: string;
}

export interface DraftForm {
  title: string;
  description: string;
  /** The other parties; the own organisation always signs too. */
  partyIds: string[];
  items: ItemRow[];
  agreements: AgreementRow[];
}

let nextKey = 1;
export const newKey = (): number => nextKey++;

export const EMPTY_DRAFT: DraftForm = { title: '', description: '', partyIds: [], items: [], agreements: [] };

export function draftFromVersion(version: ActionListVersionDetailFragment, ownOrganisationId: string): DraftForm {
  return {
    title: version.title,
    description: version.description,
    partyIds: version.parties.map((p) => p.organisationId).filter((id) => id !== ownOrganisationId),
    items: [...version.items]
      .sort((a, b) => a.position - b.position)
      .map((i) => ({ id: i.id, key: newKey(), description: i.description, ownerOrganisationId: i.ownerOrganisationId, dueDate: i.dueDate ?? '' })),
    agreements: version.agreements.map((a) => ({
      key: newKey(),
      receivingOrganisationId: a.receivingOrganisationId,
      topic: a.topic ?? '',
      acceptWithinWorkingDays: String(a.acceptWithinWorkingDays),
      firstContactWithinWorkingDays: String(a.firstContactWithinWorkingDays),
    })),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS = /^\d{1,2}$/;

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function validDays(value: string): boolean {
  return DAYS.test(value.trim()) && Number(value) <= 60;
}

/** Field ids, shared by the form, its checks and the error summary. */
export const fieldId = {
  title: 'titel',
  description: 'beschrijving',
  parties: 'partijen',
  item: (i: number, f: 'description' | 'owner' | 'dueDate') => `actie-${i}-${f === 'description' ? 'omschrijving' : f === 'owner' ? 'eigenaar' : 'datum'}`,
  agreement: (i: number, f: 'receiver' | 'topic' | 'accept' | 'contact') => `afspraak-${i}-${f === 'receiver' ? 'ontvanger' : f === 'topic' ? 'onderwerp' : f === 'accept' ? 'aanvaarden' : 'contact'}`,
};

/** Problems per field id, in the order of the form. */
export function validateDraft(form: DraftForm, ownOrganisationId: string): Record<string, string> {
  const e: Record<string, string> = {};
  const parties = new Set([ownOrganisationId, ...form.partyIds]);
  if (form.title.trim() === '') e[fieldId.title] = 'Geef de lijst een titel.';
  if (form.partyIds.length === 0) e[fieldId.parties] = 'Kies minstens één andere organisatie die mee ondertekent.';
  form.items.forEach((item, i) => {
    if (item.description.trim() === '') e[fieldId.item(i, 'description')] = 'Beschrijf de actie.';
    if (!parties.has(item.ownerOrganisationId)) e[fieldId.item(i, 'owner')] = 'Kies wie de actie uitvoert (een van de partijen).';
    if (item.dueDate.trim() !== '' && !validDate(item.dueDate.trim())) e[fieldId.item(i, 'dueDate')] = 'Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2027-01-15.';
  });
  const seen = new Set<string>();
  form.agreements.forEach((a, i) => {
    if (!parties.has(a.receivingOrganisationId)) e[fieldId.agreement(i, 'receiver')] = 'Kies de ontvangende organisatie (een van de partijen).';
    const key = `${a.receivingOrganisationId}|${a.topic}`;
    if (a.receivingOrganisationId && seen.has(key)) e[fieldId.agreement(i, 'topic')] = 'Er is al een afspraak voor deze organisatie en dit onderwerp.';
    seen.add(key);
    if (!validDays(a.acceptWithinWorkingDays)) e[fieldId.agreement(i, 'accept')] = 'Vul een aantal werkdagen in, van 0 tot 60.';
    if (!validDays(a.firstContactWithinWorkingDays)) e[fieldId.agreement(i, 'contact')] = 'Vul een aantal werkdagen in, van 0 tot 60.';
  });
  return e;
}

export function toInput(form: DraftForm): ActionListDraftInput {
  return {
    title: form.title.trim(),
    description: form.description.trim(),
    partyOrganisationIds: form.partyIds,
    items: form.items.map((i) => ({ id: i.id, description: i.description.trim(), ownerOrganisationId: i.ownerOrganisationId, dueDate: i.dueDate.trim() || null })),
    agreements: form.agreements.map((a) => ({
      receivingOrganisationId: a.receivingOrganisationId,
      topic: a.topic || null,
      acceptWithinWorkingDays: Number(a.acceptWithinWorkingDays),
      firstContactWithinWorkingDays: Number(a.firstContactWithinWorkingDays),
    })),
  };
}

/** An API input path ("items[1].dueDate", "input.items.1.dueDate", "parties") → the form field's id. */
export function fieldForPath(path: string): string | undefined {
  const p = path.replace(/^input\./, '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  if (p === 'title') return fieldId.title;
  if (p === 'description') return fieldId.description;
  if (p === 'parties' || p.startsWith('partyOrganisationIds')) return fieldId.parties;
  const item = /^items\[(\d+)\](?:\.(\w+))?$/.exec(p);
  if (item) {
    const i = Number(item[1]);
    return item[2] === 'ownerOrganisationId' ? fieldId.item(i, 'owner') : item[2] === 'dueDate' ? fieldId.item(i, 'dueDate') : fieldId.item(i, 'description');
  }
  const agreement = /^agreements\[(\d+)\](?:\.(\w+))?$/.exec(p);
  if (agreement) {
    const i = Number(agreement[1]);
    const f = agreement[2];
    return fieldId.agreement(i, f === 'topic' || f === undefined ? 'topic' : f === 'acceptWithinWorkingDays' ? 'accept' : f === 'firstContactWithinWorkingDays' ? 'contact' : 'receiver');
  }
  return undefined;
}
