import {
  BOTTLENECK_CATEGORIES,
  CONSENT_METHODS,
  CONTACT_CHANNELS,
  HANDOFF_STATUSES,
  OUTCOMES,
  REFERRAL_STATUSES,
  REFERRAL_TOPICS,
  TIMELINE_EVENT_TYPES,
  URGENCIES,
  type BottleneckCategory,
  type ContactChannel,
  type HandoffStatus,
  type Outcome,
  type ReferralStatus,
  type ReferralTopic,
  type TimelineEventType,
  type Urgency,
  type ConsentMethod,
} from '../referral.enums';

import { asRow, reader } from './row';

/**
 * The case tables' rows as the services use them (camelCase). Statements select the plain
 * snake_case columns (the *_COLUMNS lists, or `to_jsonb` of a row inside SQL) and every row
 * goes through its parse function here: checked, never cast.
 */
export interface ReferralRecord {
  id: string;
  originOrganisationId: string;
  originEmployeeId: string | null;
  topic: ReferralTopic;
  summary: string;
  urgency: Urgency;
  status: ReferralStatus;
  requestHash: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** Set when the retention job anonymised the referral (ADR 0011). */
  anonymisedAt: Date | null;
}

export const REFERRAL_COLUMNS = `r.id, r.origin_organisation_id, r.origin_employee_id, r.topic, r.summary, r.urgency, r.status, r.request_hash, r.created_at, r.updated_at, r.closed_at, r.anonymised_at`;

export interface HandoffRecord {
  id: string;
  referralId: string;
  sequence: number;
  previousHandoffId: string | null;
  fromOrganisationId: string;
  fromEmployeeId: string | null;
  toOrganisationId: string;
  assigneeId: string | null;
  status: HandoffStatus;
  version: number;
  reason: string | null;
  summary: string | null;
  outcome: Outcome | null;
  outcomeNote: string | null;
  requestedAt: Date;
  receivedAt: Date | null;
  acceptedAt: Date | null;
  contactedAt: Date | null;
  completedAt: Date | null;
  forwardedAt: Date | null;
  returnedAt: Date | null;
  cancelledAt: Date | null;
  acceptDueAt: Date | null;
  contactDueAt: Date | null;
  /** Which norm set the deadlines (`response_norms.source`, or a signed agreement); null until set. */
  deadlineSource: string | null;
  overdue: boolean;
  escalationLevel: number;
  createdAt: Date;
  updatedAt: Date;
}

export const HANDOFF_COLUMNS = `h.id, h.referral_id, h.sequence, h.previous_handoff_id, h.from_organisation_id, h.from_employee_id, h.to_organisation_id, h.assignee_id, h.status, h.version, h.reason, h.summary, h.outcome, h.outcome_note, h.requested_at, h.received_at, h.accepted_at, h.contacted_at, h.completed_at, h.forwarded_at, h.returned_at, h.cancelled_at, h.accept_due_at, h.contact_due_at, h.deadline_source, h.overdue, h.escalation_level, h.created_at, h.updated_at`;

export interface CitizenRecord {
  id: string;
  referralId: string;
  bsnEncrypted: string;
  subjectPseudonym: string;
  name: string;
  phone: string | null;
  email: string | null;
  preferredChannel: ContactChannel | null;
  doNotContact: boolean;
}

export const CITIZEN_COLUMNS = `c.id, c.referral_id, c.bsn_encrypted, c.subject_pseudonym, c.name, c.phone, c.email, c.preferred_channel, c.do_not_contact`;

export interface TimelineEventRecord {
  id: string;
  referralId: string;
  handoffId: string | null;
  type: TimelineEventType;
  actorEmployeeId: string | null;
  actorMachineClientId: string | null;
  actorOrganisationId: string;
  note: string | null;
  occurredAt: Date;
}

export const TIMELINE_COLUMNS = `t.id, t.referral_id, t.handoff_id, t.type, t.actor_employee_id, t.actor_machine_client_id, t.actor_organisation_id, t.note, t.occurred_at`;

export interface BottleneckRecord {
  id: string;
  referralId: string;
  organisationId: string;
  employeeId: string | null;
  category: BottleneckCategory;
  rule: string | null;
  description: string;
  customSolutionApplied: boolean;
  customSolution: string | null;
  createdAt: Date;
}

export const BOTTLENECK_COLUMNS = `b.id, b.referral_id, b.organisation_id, b.employee_id, b.category, b.rule, b.description, b.custom_solution_applied, b.custom_solution, b.created_at`;

export interface ConsentRecord {
  id: string;
  referralId: string;
  handoffId: string;
  organisationId: string;
  method: ConsentMethod;
  recordedByEmployeeId: string | null;
  recordedAt: Date;
}

export function parseReferral(value: unknown): ReferralRecord {
  const r = reader('referrals', asRow(value, 'referrals'));
  return {
    id: r.text('id'),
    originOrganisationId: r.text('origin_organisation_id'),
    originEmployeeId: r.nullableText('origin_employee_id'),
    topic: r.oneOf('topic', REFERRAL_TOPICS),
    summary: r.text('summary'),
    urgency: r.oneOf('urgency', URGENCIES),
    status: r.oneOf('status', REFERRAL_STATUSES),
    requestHash: r.nullableText('request_hash'),
    createdAt: r.date('created_at'),
    updatedAt: r.date('updated_at'),
    closedAt: r.nullableDate('closed_at'),
    anonymisedAt: r.nullableDate('anonymised_at'),
  };
}

export function parseHandoff(value: unknown): HandoffRecord {
  const r = reader('handoffs', asRow(value, 'handoffs'));
  return {
    id: r.text('id'),
    referralId: r.text('referral_id'),
    sequence: r.int('sequence'),
    previousHandoffId: r.nullableText('previous_handoff_id'),
    fromOrganisationId: r.text('from_organisation_id'),
    fromEmployeeId: r.nullableText('from_employee_id'),
    toOrganisationId: r.text('to_organisation_id'),
    assigneeId: r.nullableText('assignee_id'),
    status: r.oneOf('status', HANDOFF_STATUSES),
    version: r.int('version'),
    reason: r.nullableText('reason'),
    summary: r.nullableText('summary'),
    outcome: r.nullableOneOf('outcome', OUTCOMES),
    outcomeNote: r.nullableText('outcome_note'),
    requestedAt: r.date('requested_at'),
    receivedAt: r.nullableDate('received_at'),
    acceptedAt: r.nullableDate('accepted_at'),
    contactedAt: r.nullableDate('contacted_at'),
    completedAt: r.nullableDate('completed_at'),
    forwardedAt: r.nullableDate('forwarded_at'),
    returnedAt: r.nullableDate('returned_at'),
    cancelledAt: r.nullableDate('cancelled_at'),
    acceptDueAt: r.nullableDate('accept_due_at'),
    contactDueAt: r.nullableDate('contact_due_at'),
    deadlineSource: r.nullableText('deadline_source'),
    overdue: r.bool('overdue'),
    escalationLevel: r.int('escalation_level'),
    createdAt: r.date('created_at'),
    updatedAt: r.date('updated_at'),
  };
}

export function parseCitizen(value: unknown): CitizenRecord {
  const r = reader('citizens', asRow(value, 'citizens'));
  return {
    id: r.text('id'),
    referralId: r.text('referral_id'),
    bsnEncrypted: r.text('bsn_encrypted'),
    subjectPseudonym: r.text('subject_pseudonym'),
    name: r.text('name'),
    phone: r.nullableText('phone'),
    email: r.nullableText('email'),
    preferredChannel: r.nullableOneOf('preferred_channel', CONTACT_CHANNELS),
    doNotContact: r.bool('do_not_contact'),
  };
}

export function parseTimelineEvent(value: unknown): TimelineEventRecord {
  const r = reader('timeline_events', asRow(value, 'timeline_events'));
  return {
    id: r.idText('id'),
    referralId: r.text('referral_id'),
    handoffId: r.nullableText('handoff_id'),
    type: r.oneOf('type', TIMELINE_EVENT_TYPES),
    actorEmployeeId: r.nullableText('actor_employee_id'),
    actorMachineClientId: r.nullableText('actor_machine_client_id'),
    actorOrganisationId: r.text('actor_organisation_id'),
    note: r.nullableText('note'),
    occurredAt: r.date('occurred_at'),
  };
}

export function parseBottleneck(value: unknown): BottleneckRecord {
  const r = reader('bottlenecks', asRow(value, 'bottlenecks'));
  return {
    id: r.text('id'),
    referralId: r.text('referral_id'),
    organisationId: r.text('organisation_id'),
    employeeId: r.nullableText('employee_id'),
    category: r.oneOf('category', BOTTLENECK_CATEGORIES),
    rule: r.nullableText('rule'),
    description: r.text('description'),
    customSolutionApplied: r.bool('custom_solution_applied'),
    customSolution: r.nullableText('custom_solution'),
    createdAt: r.date('created_at'),
  };
}

export function parseConsent(value: unknown): ConsentRecord {
  const r = reader('consents', asRow(value, 'consents'));
  return {
    id: r.text('id'),
    referralId: r.text('referral_id'),
    handoffId: r.text('handoff_id'),
    organisationId: r.text('organisation_id'),
    method: r.oneOf('method', CONSENT_METHODS),
    recordedByEmployeeId: r.nullableText('recorded_by_employee_id'),
    recordedAt: r.date('recorded_at'),
  };
}
