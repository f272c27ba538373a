import { CONSENT_METHODS, type ConsentMethod, HANDOFF_STATUSES, type HandoffStatus, REFERRAL_TOPICS, type ReferralTopic, URGENCIES, type Urgency } from '@schakel/referrals';
import { BUNDLE_ALERT_KINDS, BUNDLE_MEMBER_ROLES, BUNDLE_STATUSES, type BundleAlertKind, type BundleMemberRole, type BundleStatus } from '../bundle.enums';
import { asRow, bool, date, dateOrNull, int, oneOf, str, strOrNull } from './row';

export interface BundleRecord {
  id: string;
  originOrganisationId: string;
  coordinatingOrganisationId: string;
  status: BundleStatus;
  idempotencyKey: string;
  requestHash: string;
  createdByEmployeeId: string | null;
  createdAt: Date;
  closedAt: Date | null;
  version: number;
}

export const BUNDLE_COLUMNS = `b.id, b.origin_organisation_id, b.coordinating_organisation_id, b.status, b.idempotency_key, b.request_hash,
  b.created_by_employee_id, b.created_at, b.closed_at, b.version`;

export function parseBundle(value: unknown): BundleRecord {
  const r = asRow(value);
  return {
    id: str(r, 'id'),
    originOrganisationId: str(r, 'origin_organisation_id'),
    coordinatingOrganisationId: str(r, 'coordinating_organisation_id'),
    status: oneOf(r, 'status', BUNDLE_STATUSES),
    idempotencyKey: str(r, 'idempotency_key'),
    requestHash: str(r, 'request_hash'),
    createdByEmployeeId: strOrNull(r, 'created_by_employee_id'),
    createdAt: date(r, 'created_at'),
    closedAt: dateOrNull(r, 'closed_at'),
    version: int(r, 'version'),
  };
}

export interface MemberRecord {
  id: string;
  bundleId: string;
  position: number;
  role: BundleMemberRole;
}

export function parseMember(value: unknown): MemberRecord {
  const r = asRow(value);
  return { id: str(r, 'id'), bundleId: str(r, 'bundle_id'), position: int(r, 'position'), role: oneOf(r, 'role', BUNDLE_MEMBER_ROLES) };
}

export interface MemberConsentRecord {
  memberId: string;
  organisationId: string;
  method: ConsentMethod;
  recordedAt: Date;
}

export function parseMemberConsent(value: unknown): MemberConsentRecord {
  const r = asRow(value);
  return { memberId: str(r, 'member_id'), organisationId: str(r, 'organisation_id'), method: oneOf(r, 'method', CONSENT_METHODS), recordedAt: date(r, 'recorded_at') };
}

export interface PartRecord {
  id: string;
  bundleId: string;
  memberId: string;
  position: number;
  referralId: string;
  toOrganisationId: string;
  topic: ReferralTopic;
  urgency: Urgency;
  currentOrganisationId: string | null;
  status: HandoffStatus;
  dueAt: Date | null;
  overdue: boolean;
  escalationLevel: number;
}

export const PART_COLUMNS = `p.id, p.bundle_id, p.member_id, p.position, p.referral_id, p.to_organisation_id, p.topic, p.urgency,
  p.current_organisation_id, p.status, p.due_at, p.overdue, p.escalation_level`;

export function parsePart(value: unknown): PartRecord {
  const r = asRow(value);
  return {
    id: str(r, 'id'),
    bundleId: str(r, 'bundle_id'),
    memberId: str(r, 'member_id'),
    position: int(r, 'position'),
    referralId: str(r, 'referral_id'),
    toOrganisationId: str(r, 'to_organisation_id'),
    topic: oneOf(r, 'topic', REFERRAL_TOPICS),
    urgency: oneOf(r, 'urgency', URGENCIES),
    currentOrganisationId: strOrNull(r, 'current_organisation_id'),
    status: oneOf(r, 'status', HANDOFF_STATUSES),
    dueAt: dateOrNull(r, 'due_at'),
    overdue: bool(r, 'overdue'),
    escalationLevel: int(r, 'escalation_level'),
  };
}

/** An alert still to be told to the regie organisation, with what the sweep needs to word it. */
export interface PendingAlert {
  id: string;
  bundleId: string;
  kind: BundleAlertKind;
  handoffId: string;
  referralId: string;
  coordinatingOrganisationId: string;
  topic: ReferralTopic;
  organisationId: string;
  /** Whether the regie organisation may see the part's member (origin, or the member's consent). */
  regieSeesMember: boolean;
  /** Whether the regie organisation takes part in the part's referral (so a link may be given). */
  regieInReferral: boolean;
}

export function parsePendingAlert(value: unknown): PendingAlert {
  const r = asRow(value);
  return {
    id: str(r, 'id'),
    bundleId: str(r, 'bundle_id'),
    kind: oneOf(r, 'kind', BUNDLE_ALERT_KINDS),
    handoffId: str(r, 'handoff_id'),
    referralId: str(r, 'referral_id'),
    coordinatingOrganisationId: str(r, 'coordinating_organisation_id'),
    topic: oneOf(r, 'topic', REFERRAL_TOPICS),
    organisationId: str(r, 'organisation_id'),
    regieSeesMember: bool(r, 'regie_sees_member'),
    regieInReferral: bool(r, 'regie_in_referral'),
  };
}

export interface MemberName {
  memberId: string;
  name: string;
  subjectPseudonym: string | null;
}

export function parseMemberName(value: unknown): MemberName {
  const r = asRow(value);
  return { memberId: str(r, 'member_id'), name: str(r, 'name'), subjectPseudonym: strOrNull(r, 'subject_pseudonym') };
}
