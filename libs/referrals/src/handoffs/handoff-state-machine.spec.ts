import type { EmployeeRole } from '@schakel/platform';
import { HANDOFF_ACTIONS, HANDOFF_STATUSES, type HandoffAction, type HandoffStatus } from '../referral.enums';
import { actionsFrom, availableActions, canActOnSide, CASE_ROLES, nextStatus, TERMINAL_STATUSES } from './handoff-state-machine';

/** The table of the architecture guide, written out independently of the implementation. */
const ALLOWED: Record<HandoffStatus, Partial<Record<HandoffAction, HandoffStatus>>> = {
  REQUESTED: { RECEIVE: 'RECEIVED', ACCEPT: 'ACCEPTED', FORWARD: 'FORWARDED', RETURN: 'RETURNED', CANCEL: 'CANCELLED' },
  RECEIVED: { ACCEPT: 'ACCEPTED', FORWARD: 'FORWARDED', RETURN: 'RETURNED', CANCEL: 'CANCELLED' },
  ACCEPTED: { RECORD_CONTACT: 'IN_PROGRESS', COMPLETE: 'COMPLETED', FORWARD: 'FORWARDED' },
  IN_PROGRESS: { COMPLETE: 'COMPLETED', FORWARD: 'FORWARDED' },
  COMPLETED: {},
  FORWARDED: {},
  RETURNED: {},
  CANCELLED: {},
};

const cases = HANDOFF_STATUSES.flatMap((status) => HANDOFF_ACTIONS.map((action) => [status, action, ALLOWED[status][action] ?? null] as const));

describe('handoff state machine: every status × action', () => {
  it.each(cases)('%s + %s → %s', (status, action, expected) => {
    expect(nextStatus(status, action)).toBe(expected);
  });

  it('has no plain reject', () => {
    expect(HANDOFF_ACTIONS).not.toContain('REJECT');
  });
});

describe('availableActions', () => {
  const handoff = { fromOrganisationId: 'tilburg', toOrganisationId: 'uwv' };
  const at = (organisationId: string, ...roles: Array<'BALIE' | 'BEHANDELAAR' | 'COORDINATOR' | 'BELEID' | 'SECRETARIS' | 'BEHEERDER'>) => ({ organisationId, roles });

  it('gives the receiver its actions and the sender only cancel', () => {
    expect(availableActions({ ...handoff, status: 'REQUESTED' }, at('uwv', 'BEHANDELAAR'))).toEqual(['RECEIVE', 'ACCEPT', 'FORWARD', 'RETURN']);
    expect(availableActions({ ...handoff, status: 'REQUESTED' }, at('tilburg', 'BALIE'))).toEqual(['CANCEL']);
    expect(availableActions({ ...handoff, status: 'ACCEPTED' }, at('uwv', 'COORDINATOR'))).toEqual(['RECORD_CONTACT', 'COMPLETE', 'FORWARD']);
    expect(availableActions({ ...handoff, status: 'ACCEPTED' }, at('tilburg', 'BALIE'))).toEqual([]);
  });

  it('gives nothing to a balie at the receiver, to roles without case work, or to a third organisation', () => {
    expect(availableActions({ ...handoff, status: 'REQUESTED' }, at('uwv', 'BALIE'))).toEqual([]);
    expect(availableActions({ ...handoff, status: 'REQUESTED' }, at('uwv', 'BELEID', 'SECRETARIS', 'BEHEERDER'))).toEqual([]);
    expect(availableActions({ ...handoff, status: 'REQUESTED' }, at('svb', 'COORDINATOR'))).toEqual([]);
  });

  it('gives nothing once a handoff is closed', () => {
    for (const status of ['COMPLETED', 'FORWARDED', 'RETURNED', 'CANCELLED'] as const) {
      expect(availableActions({ ...handoff, status }, at('uwv', 'COORDINATOR'))).toEqual([]);
    }
  });
});

describe('who acts for which side', () => {
  const handoff = { fromOrganisationId: 'tilburg', toOrganisationId: 'uwv' };
  const caller = (organisationId: string, ...roles: EmployeeRole[]) => ({ organisationId, roles });

  it.each(['BALIE', 'BEHANDELAAR', 'COORDINATOR'] as const)('lets a %s of the sender cancel an open handoff', (role) => {
    for (const status of ['REQUESTED', 'RECEIVED'] as const) {
      expect(availableActions({ ...handoff, status }, caller('tilburg', role))).toEqual(['CANCEL']);
    }
    expect(canActOnSide(caller('tilburg', role), { ...handoff, status: 'REQUESTED' }, 'sender')).toBe(true);
  });

  it.each(['BELEID', 'SECRETARIS', 'BEHEERDER', 'OPERATOR', 'PRIVACY'] as const)('gives a %s of the sender nothing to do', (role) => {
    expect(availableActions({ ...handoff, status: 'REQUESTED' }, caller('tilburg', role))).toEqual([]);
    expect(canActOnSide(caller('tilburg', role), { ...handoff, status: 'REQUESTED' }, 'sender')).toBe(false);
  });

  it('never lets the receiver act for the sender, nor the sender for the receiver', () => {
    expect(canActOnSide(caller('uwv', 'COORDINATOR'), { ...handoff, status: 'REQUESTED' }, 'sender')).toBe(false);
    expect(canActOnSide(caller('tilburg', 'COORDINATOR'), { ...handoff, status: 'REQUESTED' }, 'receiver')).toBe(false);
    expect(canActOnSide(caller('uwv', 'COORDINATOR'), { ...handoff, status: 'REQUESTED' }, 'receiver')).toBe(true);
  });

  it('lets a caller with several roles act when any of them may', () => {
    expect(availableActions({ ...handoff, status: 'REQUESTED' }, caller('uwv', 'BEHEERDER', 'BALIE', 'BEHANDELAAR'))).toEqual(['RECEIVE', 'ACCEPT', 'FORWARD', 'RETURN']);
    expect(availableActions({ ...handoff, status: 'RECEIVED' }, caller('tilburg', 'BELEID', 'BALIE'))).toEqual(['CANCEL']);
    expect(availableActions({ ...handoff, status: 'IN_PROGRESS' }, caller('uwv', 'SECRETARIS', 'COORDINATOR'))).toEqual(['COMPLETE', 'FORWARD']);
  });

  it('gives a caller without roles nothing', () => {
    expect(availableActions({ ...handoff, status: 'REQUESTED' }, caller('uwv'))).toEqual([]);
    expect(availableActions({ ...handoff, status: 'REQUESTED' }, caller('tilburg'))).toEqual([]);
  });

  it('gives both sides their actions when an organisation hands off to itself', () => {
    const internal = { fromOrganisationId: 'tilburg', toOrganisationId: 'tilburg', status: 'REQUESTED' as const };
    expect(availableActions(internal, caller('tilburg', 'COORDINATOR'))).toEqual(['RECEIVE', 'ACCEPT', 'FORWARD', 'RETURN', 'CANCEL']);
    expect(availableActions(internal, caller('tilburg', 'BALIE'))).toEqual(['CANCEL']);
  });

  it('lets only the case roles see individual cases', () => {
    const roles: EmployeeRole[] = ['BALIE', 'BEHANDELAAR', 'COORDINATOR', 'SECRETARIS', 'BELEID', 'BEHEERDER', 'OPERATOR', 'PRIVACY'];
    expect(roles.filter((r) => CASE_ROLES.includes(r))).toEqual(['BALIE', 'BEHANDELAAR', 'COORDINATOR']);
  });
});

describe('actions per status', () => {
  it('lists every allowed action in the order of the architecture guide', () => {
    for (const status of HANDOFF_STATUSES) {
      expect(actionsFrom(status)).toEqual(HANDOFF_ACTIONS.filter((action) => ALLOWED[status][action] !== undefined));
    }
  });

  it('calls exactly the statuses without any next action terminal', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(HANDOFF_STATUSES.filter((status) => actionsFrom(status).length === 0).sort());
  });
});
