import type {
  BottleneckCategory,
  ContactChannel,
  HandoffStatus,
  Outcome,
  ReferralStatus,
  ReferralTopic,
  TimelineEventType,
  Urgency,
} from './referral.enums';

/** Rows as the services use them (camelCase); SQL aliases map the snake_case columns. */
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

export const REFERRAL_COLUMNS = `r.id, r.origin_organisation_id AS "originOrganisationId", r.origin_employee_id AS "originEmployeeId",
  r.topic, r.summary, r.urgency, r.status, r.request_hash AS "requestHash", r.created_at AS "createdAt",
  r.updated_at AS "updatedAt", r.closed_at AS "closedAt", r.anonymised_at AS "anonymisedAt"`;

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
  overdue: boolean;
  escalationLevel: number;
  createdAt: Date;
  updatedAt: Date;
}

export const HANDOFF_COLUMNS = `h.id, h.referral_id AS "referralId", h.sequence, h.previous_handoff_id AS "previousHandoffId",
  h.from_organisation_id AS "fromOrganisationId", h.from_employee_id AS "fromEmployeeId",
  h.to_organisation_id AS "toOrganisationId", h.assignee_id AS "assigneeId", h.status, h.version, h.reason, h.summary,
  h.outcome, h.outcome_note AS "outcomeNote", h.requested_at AS "requestedAt", h.received_at AS "receivedAt",
  h.accepted_at AS "acceptedAt", h.contacted_at AS "contactedAt", h.completed_at AS "completedAt",
  h.forwarded_at AS "forwardedAt", h.returned_at AS "returnedAt", h.cancelled_at AS "cancelledAt",
  h.accept_due_at AS "acceptDueAt", h.contact_due_at AS "contactDueAt", h.overdue, h.escalation_level AS "escalationLevel",
  h.created_at AS "createdAt", h.updated_at AS "updatedAt"`;

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

export const CITIZEN_COLUMNS = `c.id, c.referral_id AS "referralId", c.bsn_encrypted AS "bsnEncrypted",
  c.subject_pseudonym AS "subjectPseudonym", c.name, c.phone, c.email, c.preferred_channel AS "preferredChannel",
  c.do_not_contact AS "doNotContact"`;

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

export const TIMELINE_COLUMNS = `t.id::text AS id, t.referral_id AS "referralId", t.handoff_id AS "handoffId", t.type,
  t.actor_employee_id AS "actorEmployeeId", t.actor_machine_client_id AS "actorMachineClientId", t.actor_organisation_id AS "actorOrganisationId", t.note, t.occurred_at AS "occurredAt"`;

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

export const BOTTLENECK_COLUMNS = `b.id, b.referral_id AS "referralId", b.organisation_id AS "organisationId",
  b.employee_id AS "employeeId", b.category, b.rule, b.description, b.custom_solution_applied AS "customSolutionApplied",
  b.custom_solution AS "customSolution", b.created_at AS "createdAt"`;

export interface ConsentRecord {
  id: string;
  referralId: string;
  handoffId: string;
  organisationId: string;
  method: string;
  recordedByEmployeeId: string | null;
  recordedAt: Date;
}
