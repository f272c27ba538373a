import type { EmployeeRole } from '@schakel/platform';
import type { HandoffAction, HandoffStatus } from '../referral.enums';

/**
 * The handoff state machine of the architecture guide, and nothing else. There is no plain
 * "reject": a receiver accepts, forwards warmly, or returns with a reason (no wrong door).
 */
export const TRANSITIONS: Readonly<Record<HandoffAction, { from: readonly HandoffStatus[]; to: HandoffStatus; side: 'sender' | 'receiver' }>> = {
  RECEIVE: { from: ['REQUESTED'], to: 'RECEIVED', side: 'receiver' },
  ACCEPT: { from: ['REQUESTED', 'RECEIVED'], to: 'ACCEPTED', side: 'receiver' },
  RECORD_CONTACT: { from: ['ACCEPTED'], to: 'IN_PROGRESS', side: 'receiver' },
  COMPLETE: { from: ['ACCEPTED', 'IN_PROGRESS'], to: 'COMPLETED', side: 'receiver' },
  FORWARD: { from: ['REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS'], to: 'FORWARDED', side: 'receiver' },
  RETURN: { from: ['REQUESTED', 'RECEIVED'], to: 'RETURNED', side: 'receiver' },
  CANCEL: { from: ['REQUESTED', 'RECEIVED'], to: 'CANCELLED', side: 'sender' },
};

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
