import type { BundleMemberRole, ConsentMethod, CreateBundleInput, ReferralTopic, Urgency } from '../api/generated';
import { checkBsn } from '../referrals/bsn';

/** The intake of a bundle as the balie fills it in. Field ids follow the API's input paths where they can. */
export interface MemberDraft {
  key: string;
  role: BundleMemberRole;
  bsn: string;
  name: string;
  phone: string;
  /** Organisation ids this member consents to share with. */
  consents: string[];
}

export interface PartDraft {
  memberKey: string;
  toOrganisationId: string;
  topic: ReferralTopic | '';
  summary: string;
  urgency: Urgency;
}

export interface BundleDraft {
  members: MemberDraft[];
  parts: PartDraft[];
  coordinatingOrganisationId: string;
  consentMethod: ConsentMethod;
}

export const SUMMARY_MAX = 4000;

let counter = 0;
export function newMember(role: BundleMemberRole): MemberDraft {
  counter += 1;
  return { key: `lid-${Date.now().toString(36)}-${counter}`, role, bsn: '', name: '', phone: '', consents: [] };
}

export function newPart(memberKey: string): PartDraft {
  return { memberKey, toOrganisationId: '', topic: '', summary: '', urgency: 'NORMAAL' };
}

export function emptyBundleDraft(): BundleDraft {
  const applicant = newMember('AANVRAGER');
  return { members: [applicant], parts: [newPart(applicant.key)], coordinatingOrganisationId: '', consentMethod: 'MONDELING' };
}

/** Field ids: `members-0-bsn`, `parts-1-toOrganisationId`, `coordinatingOrganisationId`. */
export type BundleErrors = Record<string, string>;

export function memberField(index: number, field: 'bsn' | 'name' | 'phone' | 'consents' | 'role'): string {
  return `members-${index}-${field}`;
}
export function partField(index: number, field: 'memberKey' | 'toOrganisationId' | 'topic' | 'summary' | 'urgency'): string {
  return `parts-${index}-${field}`;
}

function normalisedBsn(raw: string): string | null {
  const check = checkBsn(raw);
  return check.state === 'valid' ? check.bsn : null;
}

/** The checks the API does too, before a round trip; messages in B1 Dutch, never with the value typed. */
export function validateBundleDraft(d: BundleDraft, ownOrganisationId: string): BundleErrors {
  const errors: BundleErrors = {};
  d.members.forEach((m, i) => {
    const bsn = checkBsn(m.bsn);
    if (bsn.state === 'empty') errors[memberField(i, 'bsn')] = 'Vul het BSN in.';
    else if (bsn.state !== 'valid') errors[memberField(i, 'bsn')] = bsn.message;
    else if (d.members.slice(0, i).some((o) => normalisedBsn(o.bsn) === bsn.bsn)) {
      errors[memberField(i, 'bsn')] = 'Dit BSN staat al bij een ander gezinslid.';
    }
    if (!m.name.trim()) errors[memberField(i, 'name')] = 'Vul de naam in.';
    if (m.phone.trim() && !/^[+0-9 ()-]{6,40}$/.test(m.phone.trim())) errors[memberField(i, 'phone')] = 'Alleen cijfers, spaties, +, -, ( en ).';
    if (!d.parts.some((p) => p.memberKey === m.key)) errors[memberField(i, 'consents')] = 'Geef dit gezinslid minstens één onderdeel, of haal het weg.';
  });
  d.parts.forEach((p, i) => {
    const member = d.members.find((m) => m.key === p.memberKey);
    if (!member) errors[partField(i, 'memberKey')] = 'Kies voor wie dit onderdeel is.';
    if (!p.toOrganisationId) errors[partField(i, 'toOrganisationId')] = 'Kies de organisatie.';
    else if (p.toOrganisationId === ownOrganisationId) errors[partField(i, 'toOrganisationId')] = 'U kunt niet naar uw eigen organisatie overdragen.';
    else if (member && !member.consents.includes(p.toOrganisationId)) {
      errors[partField(i, 'toOrganisationId')] = 'Dit gezinslid gaf geen toestemming voor deze organisatie. Vraag die toestemming of kies een andere.';
    }
    if (!p.topic) errors[partField(i, 'topic')] = 'Kies een onderwerp.';
    if (!p.summary.trim()) errors[partField(i, 'summary')] = 'Schrijf het verhaal op.';
    else if (p.summary.trim().length > SUMMARY_MAX) errors[partField(i, 'summary')] = `Hoogstens ${SUMMARY_MAX} tekens.`;
  });
  if (!d.coordinatingOrganisationId) errors.coordinatingOrganisationId = 'Kies wie de regie heeft.';
  else if (d.coordinatingOrganisationId !== ownOrganisationId && !d.parts.some((p) => p.toOrganisationId === d.coordinatingOrganisationId)) {
    errors.coordinatingOrganisationId = 'De regie ligt bij uw eigen organisatie of bij een organisatie die een onderdeel krijgt.';
  }
  return errors;
}

export function toCreateBundleInput(d: BundleDraft, idempotencyKey: string): CreateBundleInput {
  return {
    idempotencyKey,
    coordinatingOrganisationId: d.coordinatingOrganisationId,
    members: d.members.map((m) => ({
      key: m.key,
      role: m.role,
      citizen: { bsn: m.bsn.replace(/[\s.-]/g, ''), name: m.name.trim(), phone: m.phone.trim() || null },
      consents: m.consents.map((organisationId) => ({ organisationId, method: d.consentMethod })),
    })),
    parts: d.parts.map((p) => ({ memberKey: p.memberKey, toOrganisationId: p.toOrganisationId, topic: p.topic as ReferralTopic, summary: p.summary.trim(), urgency: p.urgency })),
  };
}

/** Maps an API input path (`members[1].citizen.bsn`, `parts[0].toOrganisationId`) to the form's field id. */
export function fieldForBundlePath(path: string): string | undefined {
  const member = /^members\[(\d+)\](?:\.citizen)?\.(bsn|name|phone|consents|role)/.exec(path);
  if (member) return memberField(Number(member[1]), member[2] as 'bsn');
  const memberAny = /^members\[(\d+)\]/.exec(path);
  if (memberAny) return memberField(Number(memberAny[1]), 'consents');
  const part = /^parts\[(\d+)\]\.(memberKey|toOrganisationId|topic|summary|urgency)/.exec(path);
  if (part) return partField(Number(part[1]), part[2] as 'topic');
  if (path === 'coordinatingOrganisationId') return 'coordinatingOrganisationId';
  return undefined;
}
