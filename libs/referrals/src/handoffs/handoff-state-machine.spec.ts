import { HANDOFF_ACTIONS, HANDOFF_STATUSES, type HandoffAction, type HandoffStatus } from '../referral.enums';
import { availableActions, nextStatus } from './handoff-state-machine';

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
