import type { EmployeeRole } from '@schakel/platform';
import { HANDOFF_STATUSES, type HandoffAction, type HandoffStatus, type ReferralStatus, type TimelineEventType } from '../referral.enums';
import type { HandoffTopic } from '../events/case-events';

/** The handoff columns a step stamps with its moment (`RECEIVE` → `received_at`, …). */
export type StepTimestampColumn = 'received_at' | 'accepted_at' | 'contacted_at' | 'completed_at' | 'forwarded_at' | 'returned_at' | 'cancelled_at';

export interface TransitionRule {
  from: readonly HandoffStatus[];
  to: HandoffStatus;
  /** Which organisation of the link may take the step. */
  side: 'sender' | 'receiver';
  /** The timeline event the step writes. */
  timeline: TimelineEventType;
  /** The outbox topic the step publishes (follow-ups, webhooks, live events). */
  topic: HandoffTopic;
  /** The column stamped with the moment of the step. */
  stamp: StepTimestampColumn;
  /**
   * Whether the step settles the receiver's open step: overdue and escalation level go back to
   * nothing. RECEIVE does not (opening a handoff is not picking it up).
   */
  settlesOverdue: boolean;
}

/**
 * The handoff state machine of the architecture guide, and the whole truth about each step:
 * who, from where to where, and every effect (event, topic, timestamp, overdue). There is no
 * plain "reject": a receiver accepts, forwards warmly, or returns with a reason (no wrong door).
 */
export const TRANSITIONS: Readonly<Record<HandoffAction, TransitionRule>> = {
  RECEIVE: { from: ['REQUESTED'], to: 'RECEIVED', side: 'receiver', timeline: 'RECEIVED', topic: 'handoff.received', stamp: 'received_at', settlesOverdue: false },
  ACCEPT: { from: ['REQUESTED', 'RECEIVED'], to: 'ACCEPTED', side: 'receiver', timeline: 'ACCEPTED', topic: 'handoff.accepted', stamp: 'accepted_at', settlesOverdue: true },
  RECORD_CONTACT: { from: ['ACCEPTED'], to: 'IN_PROGRESS', side: 'receiver', timeline: 'CONTACT_RECORDED', topic: 'handoff.contact_recorded', stamp: 'contacted_at', settlesOverdue: true },
  COMPLETE: { from: ['ACCEPTED', 'IN_PROGRESS'], to: 'COMPLETED', side: 'receiver', timeline: 'COMPLETED', topic: 'handoff.completed', stamp: 'completed_at', settlesOverdue: true },
  FORWARD: { from: ['REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS'], to: 'FORWARDED', side: 'receiver', timeline: 'FORWARDED', topic: 'handoff.forwarded', stamp: 'forwarded_at', settlesOverdue: true },
  RETURN: { from: ['REQUESTED', 'RECEIVED'], to: 'RETURNED', side: 'receiver', timeline: 'RETURNED', topic: 'handoff.returned', stamp: 'returned_at', settlesOverdue: true },
  CANCEL: { from: ['REQUESTED', 'RECEIVED'], to: 'CANCELLED', side: 'sender', timeline: 'CANCELLED', topic: 'handoff.cancelled', stamp: 'cancelled_at', settlesOverdue: true },
};

/** The referral's status once its latest link is in a status: completed → RESOLVED, cancelled → WITHDRAWN. */
export function referralStatusFor(latestHandoffStatus: HandoffStatus): ReferralStatus {
  if (latestHandoffStatus === 'COMPLETED') return 'RESOLVED';
  if (latestHandoffStatus === 'CANCELLED') return 'WITHDRAWN';
  return 'OPEN';
}

/** The open step a status waits for, for deadlines and escalation: acceptance, first contact, or none. */
export function openStep(status: HandoffStatus): 'ACCEPT' | 'CONTACT' | null {
  if (status === 'REQUESTED' || status === 'RECEIVED') return 'ACCEPT';
  if (status === 'ACCEPTED') return 'CONTACT';
  return null;
}

/** The statuses in which a step is open (the deadline checks' guard, in SQL too). */
export function statusesWithOpenStep(step: 'ACCEPT' | 'CONTACT'): HandoffStatus[] {
  return HANDOFF_STATUSES.filter((s) => openStep(s) === step);
}

export const ACTION_ORDER: readonly HandoffAction[] = ['RECEIVE', 'ACCEPT', 'RECORD_CONTACT', 'COMPLETE', 'FORWARD', 'RETURN', 'CANCEL'];

/** Roles that may act for the sending and for the receiving organisation. */
export const SENDER_ROLES: readonly EmployeeRole[] = ['BALIE', 'BEHANDELAAR', 'COORDINATOR'];
export const RECEIVER_ROLES: readonly EmployeeRole[] = ['BEHANDELAAR', 'COORDINATOR'];
/** Roles that may see individual cases at all. */
export const CASE_ROLES: readonly EmployeeRole[] = ['BALIE', 'BEHANDELAAR', 'COORDINATOR'];

export const TERMINAL_STATUSES: readonly HandoffStatus[] = ['COMPLETED', 'FORWARDED', 'RETURNED', 'CANCELLED'];

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: HandoffStatus, action: HandoffAction): HandoffStatus | null {
  const rule = TRANSITIONS[action];
  return rule.from.includes(status) ? rule.to : null;
}

/** Every action the state machine allows from a status, whoever asks. */
export function actionsFrom(status: HandoffStatus): HandoffAction[] {
  return ACTION_ORDER.filter((action) => TRANSITIONS[action].from.includes(status));
}

export interface HandoffParties {
  status: HandoffStatus;
  fromOrganisationId: string;
  toOrganisationId: string;
}

export interface Caller {
  organisationId: string;
  roles: readonly EmployeeRole[];
}

export function canActOnSide(caller: Caller, handoff: HandoffParties, side: 'sender' | 'receiver'): boolean {
  const organisationId = side === 'sender' ? handoff.fromOrganisationId : handoff.toOrganisationId;
  const roles = side === 'sender' ? SENDER_ROLES : RECEIVER_ROLES;
  return caller.organisationId === organisationId && caller.roles.some((r) => roles.includes(r));
}

/** What this caller may do next with this handoff (`Handoff.availableActions`). */
export function availableActions(handoff: HandoffParties, caller: Caller): HandoffAction[] {
  return actionsFrom(handoff.status).filter((action) => canActOnSide(caller, handoff, TRANSITIONS[action].side));
}
