import { Injectable } from '@nestjs/common';
import { EmployeesService, OrganisationsService } from '@schakel/organisations';
import { AppError, decodeCursor, hasAnyRole, queryReturning, type RequestContext, requireExistingId, requireSafeText, TenantTransactions, writeOutbox } from '@schakel/platform';
import type { EntityManager } from 'typeorm';
import { HANDOFF_NOT_FOUND, requireCaseRole } from '../case-access';
import { chainStore } from '../chain-store';
import type { AcceptCommand, CompleteCommand, ForwardCommand, ReasonCommand, RecordContactCommand, VersionedCommand } from '../commands';
import { checkReceiverAndConsent } from '../receiver-check';
import { HANDOFF_COLUMNS, type HandoffRecord } from '../records';
import { HANDOFF_STATUSES, type HandoffAction, type HandoffDirection, type HandoffStatus, type TimelineEventType } from '../referral.enums';
import { handoffEventPayload } from './handoff-events';
import { availableActions, canActOnSide, RECEIVER_ROLES, SENDER_ROLES, TRANSITIONS } from './handoff-state-machine';

const EVENT_BY_ACTION: Record<HandoffAction, { timeline: TimelineEventType; topic: string }> = {
  RECEIVE: { timeline: 'RECEIVED', topic: 'handoff.received' },
  ACCEPT: { timeline: 'ACCEPTED', topic: 'handoff.accepted' },
  RECORD_CONTACT: { timeline: 'CONTACT_RECORDED', topic: 'handoff.contact_recorded' },
  COMPLETE: { timeline: 'COMPLETED', topic: 'handoff.completed' },
  FORWARD: { timeline: 'FORWARDED', topic: 'handoff.forwarded' },
  RETURN: { timeline: 'RETURNED', topic: 'handoff.returned' },
  CANCEL: { timeline: 'CANCELLED', topic: 'handoff.cancelled' },
};

const TIMESTAMP_BY_STATUS: Partial<Record<HandoffStatus, string>> = {
  RECEIVED: 'received_at',
  ACCEPTED: 'accepted_at',
  IN_PROGRESS: 'contacted_at',
  COMPLETED: 'completed_at',
  FORWARDED: 'forwarded_at',
  RETURNED: 'returned_at',
  CANCELLED: 'cancelled_at',
};

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface HandoffPage {
  nodes: HandoffRecord[];
  hasNextPage: boolean;
}

/** `totalCount`: exact when `capped` is false; otherwise the cap, and more handoffs match. */
export interface HandoffCount {
  count: number;
  capped: boolean;
}

/**
 * `handoffs.status_code`, generated from `status` by migration 1764399600000 (the count indexes):
 * the two must agree. A Record over the union, so a new status does not compile without a code.
 */
export const HANDOFF_STATUS_CODE: Record<HandoffStatus, number> = {
  REQUESTED: 1,
  RECEIVED: 2,
  ACCEPTED: 3,
  IN_PROGRESS: 4,
  COMPLETED: 5,
  FORWARDED: 6,
  RETURNED: 7,
  CANCELLED: 8,
};

export interface HandoffFilter {
  direction: HandoffDirection;
  statuses?: HandoffStatus[] | null;
  overdue?: boolean | null;
  first?: number | null;
  after?: string | null;
}

interface TransitionPlan {
  /** Extra columns to set, beyond status, version, updated_at and the step's timestamp. */
  set?: Record<string, unknown>;
  note?: string | null;
  /** Runs after the update, in the same transaction (forward creates the next link). */
  after?: (m: EntityManager, updated: HandoffRecord) => Promise<void>;
  /** Checks that need the locked current row (e.g. the citizen's doNotContact flag). */
  check?: (m: EntityManager, current: HandoffRecord) => Promise<void>;
}

/** The most characters a text column of the case tables holds (their CHECKs). */
const TEXT_MAX = 4000;

/** Required free text, trimmed: no NUL, no lone surrogate, not blank, within `max` (BAD_USER_INPUT naming the field). */
function text(value: string | null | undefined, field: string, max = TEXT_MAX): string {
  return requireSafeText(value, field, { max, required: true });
}

@Injectable()
export class HandoffsService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly organisations: OrganisationsService,
    private readonly employees: EmployeesService,
  ) {}

  async get(context: RequestContext, id: string): Promise<HandoffRecord> {
    requireCaseRole(context.actor);
    requireExistingId(id, HANDOFF_NOT_FOUND);
    const handoff = await this.tx.run(context.actor, (m) => chainStore.findHandoff(m, id));
    if (!handoff) throw AppError.notFound(HANDOFF_NOT_FOUND);
    return handoff;
  }

  /**
   * Whether the caller may follow live events of handoffs: only the roles that may see cases
   * (an event tells when a case changes). Checked when a subscription starts.
   */
  authorizeLiveEvents(context: RequestContext): void {
    requireCaseRole(context.actor);
  }

  receive(context: RequestContext, id: string, command: VersionedCommand): Promise<HandoffRecord> {
    return this.transition(context, id, 'RECEIVE', command, {});
  }

  async accept(context: RequestContext, id: string, command: AcceptCommand): Promise<HandoffRecord> {
    const { actor } = context;
    // A person accepts for themselves unless they name someone; a system assigns nobody by default.
    const assigneeId = command.assigneeId ?? actor.employeeId;
    return this.transition(context, id, 'ACCEPT', command, {
      set: { assignee_id: assigneeId },
      check: async (_m, current) => {
        if (assigneeId === null || assigneeId === actor.employeeId) return;
        if (!hasAnyRole(actor, ['COORDINATOR'])) {
          throw AppError.forbidden({
            nl: 'Alleen een coördinator kan de overdracht aan iemand anders toewijzen.',
            en: 'Only a COORDINATOR can assign the handoff to someone else.',
          });
        }
        const assignee = await this.employees.findActiveById(assigneeId, current.toOrganisationId);
        if (!assignee || !assignee.roles.some((r) => RECEIVER_ROLES.includes(r))) {
          throw AppError.badInput({
            nl: 'De toegewezen medewerker moet een actieve behandelaar of coördinator van uw organisatie zijn.',
            en: 'The assignee must be an active BEHANDELAAR or COORDINATOR of your organisation.',
          }, { field: 'assigneeId' });
        }
      },
    });
  }

  recordContact(context: RequestContext, id: string, command: RecordContactCommand): Promise<HandoffRecord> {
    // The timeline note starts with the channel ("[TELEFOON] "): the column's limit holds both.
    const label = `[${command.channel}] `;
    const note = text(command.note, 'note', TEXT_MAX - label.length);
    return this.transition(context, id, 'RECORD_CONTACT', command, {
      note: `${label}${note}`,
      check: async (m, current) => {
        const [citizen]: Array<{ doNotContact: boolean }> = await m.query(
          `SELECT do_not_contact AS "doNotContact" FROM citizens WHERE referral_id = $1`,
          [current.referralId],
        );
        if (citizen?.doNotContact && command.channel !== 'VIA_VERWIJZER') {
          throw AppError.badInput({
            nl: 'Deze inwoner mag niet rechtstreeks benaderd worden: neem contact op via de verwijzer (kanaal VIA_VERWIJZER).',
            en: 'This citizen must not be contacted directly: make contact through the referrer (channel VIA_VERWIJZER).',
          }, { field: 'channel' });
        }
      },
    });
  }

  complete(context: RequestContext, id: string, command: CompleteCommand): Promise<HandoffRecord> {
    const note = command.note?.trim() ? text(command.note, 'note') : null;
    return this.transition(context, id, 'COMPLETE', command, { set: { outcome: command.outcome, outcome_note: note }, note });
  }

  returnToSender(context: RequestContext, id: string, command: ReasonCommand): Promise<HandoffRecord> {
    const reason = text(command.reason, 'reason');
    return this.transition(context, id, 'RETURN', command, { set: { reason }, note: reason });
  }

  cancel(context: RequestContext, id: string, command: ReasonCommand): Promise<HandoffRecord> {
    const reason = text(command.reason, 'reason');
    return this.transition(context, id, 'CANCEL', command, { set: { reason }, note: reason });
  }

  /** Forward warmly: this link becomes FORWARDED and a new REQUESTED link starts at the next organisation. */
  async forward(context: RequestContext, id: string, command: ForwardCommand): Promise<HandoffRecord> {
    const reason = text(command.reason, 'reason');
    const summary = command.summary?.trim() ? text(command.summary, 'summary') : null;
    const { actor } = context;
    // The receiver check happens before the transaction: it reads only the public directory.
    await checkReceiverAndConsent(this.organisations, actor.organisationId, command.toOrganisationId, command.consent);
    return this.transition(context, id, 'FORWARD', command, {
      set: { reason },
      note: reason,
      after: async (m, forwarded) => {
        await chainStore.addParticipant(m, forwarded.referralId, command.toOrganisationId);
        const next = await chainStore.insertHandoff(m, {
          referralId: forwarded.referralId,
          sequence: forwarded.sequence + 1,
          previousHandoffId: forwarded.id,
          fromOrganisationId: actor.organisationId,
          fromEmployeeId: actor.employeeId,
          toOrganisationId: command.toOrganisationId,
          reason,
          summary,
        });
        await chainStore.insertConsent(m, { referralId: next.referralId, handoffId: next.id, organisationId: command.toOrganisationId, method: command.consent.method }, context);
        await chainStore.appendTimeline(m, { referralId: next.referralId, handoffId: next.id, type: 'REQUESTED', note: summary }, context);
        const chain = await chainStore.chainOrganisationIds(m, next.referralId);
        await writeOutbox(m, { topic: 'handoff.requested', aggregateType: 'handoff', aggregateId: next.id, payload: handoffEventPayload(next, chain) });
      },
    });
  }

  /**
   * One transition, all or nothing: lock the row, check who, version and state machine, update,
   * then timeline event, outbox row and referral status in the same transaction.
   */
  private async transition(
    context: RequestContext,
    id: string,
    action: HandoffAction,
    command: VersionedCommand,
    plan: TransitionPlan,
  ): Promise<HandoffRecord> {
    const { actor } = context;
    requireCaseRole(actor);
    requireExistingId(id, HANDOFF_NOT_FOUND);
    const rule = TRANSITIONS[action];
    return this.tx.run(actor, async (m) => {
      // Visible (any organisation in the chain may read the link) before yours: a party that can
      // read it but not move it gets FORBIDDEN, only an outsider NOT_FOUND. Only the link's own
      // sender and receiver may lock it (row-level security), so the lock comes after the side.
      const visible = await chainStore.findHandoff(m, id);
      if (!visible) throw AppError.notFound(HANDOFF_NOT_FOUND);
      if (!canActOnSide(actor, visible, rule.side)) throw this.notYourSide(rule.side);
      const current = await chainStore.findHandoff(m, id, true);
      if (!current) throw AppError.notFound(HANDOFF_NOT_FOUND);
      if (current.version !== command.expectedVersion) {
        throw AppError.conflict({
          nl: `De overdracht is intussen gewijzigd (nu versie ${current.version}, status ${current.status}); laad haar opnieuw en probeer het nog eens.`,
          en: `The handoff has changed meanwhile (now version ${current.version}, status ${current.status}); reload it and try again.`,
        }, { currentVersion: current.version, status: current.status });
      }
      if (!rule.from.includes(current.status)) {
        const allowed = availableActions(current, actor);
        throw new AppError('INVALID_TRANSITION', {
          nl: `Dit kan niet bij status ${current.status}. Mogelijk: ${allowed.length ? allowed.join(', ') : 'geen acties'}.`,
          en: `Not possible in status ${current.status}. Allowed: ${allowed.length ? allowed.join(', ') : 'no actions'}.`,
        }, { status: current.status, action, allowedActions: allowed });
      }
      await plan.check?.(m, current);

      const set: Record<string, unknown> = { ...plan.set };
      const stamp = TIMESTAMP_BY_STATUS[rule.to];
      const assignments = [`status = $3`, `version = version + 1`, `updated_at = now()`, ...(stamp ? [`${stamp} = now()`] : [])];
      // Overdue is about the step the receiver had to take; once it moves on, that is settled.
      if (rule.to !== 'RECEIVED') assignments.push(`overdue = false`, `escalation_level = 0`);
      const params: unknown[] = [id, command.expectedVersion, rule.to];
      for (const [column, value] of Object.entries(set)) {
        params.push(value);
        assignments.push(`${column} = $${params.length}`);
      }
      const [updated] = await queryReturning<HandoffRecord>(
        m,
        `UPDATE handoffs h SET ${assignments.join(', ')} WHERE h.id = $1 AND h.version = $2 RETURNING ${HANDOFF_COLUMNS}`,
        params,
      );
      const event = EVENT_BY_ACTION[action];
      await chainStore.appendTimeline(m, { referralId: updated.referralId, handoffId: updated.id, type: event.timeline, note: plan.note ?? null }, context);
      await plan.after?.(m, updated);
      const chain = await chainStore.chainOrganisationIds(m, updated.referralId);
      await writeOutbox(m, { topic: event.topic, aggregateType: 'handoff', aggregateId: updated.id, payload: handoffEventPayload(updated, chain) });
      await chainStore.refreshReferralStatus(m, updated.referralId);
      return updated;
    });
  }

  private notYourSide(side: 'sender' | 'receiver'): AppError {
    return side === 'sender'
      ? AppError.forbidden({
          nl: `Alleen de verzendende organisatie (${SENDER_ROLES.join(', ')}) kan dit doen.`,
          en: `Only the sending organisation (${SENDER_ROLES.join(', ')}) can do this.`,
        })
      : AppError.forbidden({
          nl: `Alleen een behandelaar of coördinator van de ontvangende organisatie kan dit doen.`,
          en: `Only a BEHANDELAAR or COORDINATOR of the receiving organisation can do this.`,
        });
  }

  /** The caller organisation's inbox or outbox, newest first, keyset-paginated. */
  async list(context: RequestContext, filter: HandoffFilter): Promise<HandoffPage> {
    requireCaseRole(context.actor);
    const first = filter.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw AppError.badInput({ nl: `first moet tussen 1 en ${MAX_PAGE_SIZE} liggen.`, en: `first must be between 1 and ${MAX_PAGE_SIZE}.` }, { field: 'first' });
    }
    const afterId = filter.after ? decodeCursor(HANDOFF_CURSOR, filter.after) : null;
    const { where, params } = this.listWhere(context, filter);
    if (afterId) {
      params.push(afterId);
      where.push(`(h.created_at, h.id) < (SELECT c.created_at, c.id FROM handoffs c WHERE c.id = $${params.length})`);
    }
    params.push(first + 1);
    const rows: HandoffRecord[] = await this.tx.run(context.actor, (m) =>
      m.query(`SELECT ${HANDOFF_COLUMNS} FROM handoffs h WHERE ${where.join(' AND ')} ORDER BY h.created_at DESC, h.id DESC LIMIT $${params.length}`, params),
    );
    return { nodes: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /**
   * How many handoffs match, for `totalCount` (counted only when a client asks for it), up to
   * `cap`: an exact count of a large inbox costs 50–240 ms at 208,000 handoffs, while a count
   * that stops after `cap + 1` matching index entries stays under 30 ms at a cap of 10,000
   * (docs/performance.md). Above the cap the result is `{ count: cap, capped: true }`.
   */
  async count(context: RequestContext, filter: HandoffFilter, cap: number): Promise<HandoffCount> {
    requireCaseRole(context.actor);
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`count cap must be a whole number ≥ 1, got ${cap}`);
    const { where, params } = this.countWhere(context, filter);
    params.push(cap + 1);
    const [{ count }]: Array<{ count: number }> = await this.tx.run(context.actor, (m) =>
      m.query(`SELECT count(*)::int AS count FROM (SELECT 1 FROM handoffs h WHERE ${where.join(' AND ')} LIMIT $${params.length}) capped`, params),
    );
    return count > cap ? { count: cap, capped: true } : { count, capped: false };
  }

  /**
   * The list's filter in the shape of the count indexes (organisation, status_code, overdue):
   * the status as `status_code`, because under row-level security only a LEAKPROOF comparison
   * (smallint, not the enum) may become an index condition; and every status when none is
   * asked for, so that `overdue` alone is an index condition too (one descent per status).
   */
  private countWhere(context: RequestContext, filter: HandoffFilter): { where: string[]; params: unknown[] } {
    const column = filter.direction === 'INCOMING' ? 'to_organisation_id' : 'from_organisation_id';
    const statuses = filter.statuses?.length ? filter.statuses : HANDOFF_STATUSES;
    const where = [`h.${column} = $1`, `h.status_code = ANY($2::smallint[])`];
    const params: unknown[] = [context.actor.organisationId, [...new Set(statuses)].map((st) => HANDOFF_STATUS_CODE[st])];
    if (filter.overdue !== undefined && filter.overdue !== null) {
      params.push(filter.overdue);
      where.push(`h.overdue = $${params.length}`);
    }
    return { where, params };
  }

  private listWhere(context: RequestContext, filter: HandoffFilter): { where: string[]; params: unknown[] } {
    const column = filter.direction === 'INCOMING' ? 'to_organisation_id' : 'from_organisation_id';
    const where = [`h.${column} = $1`];
    const params: unknown[] = [context.actor.organisationId];
    if (filter.statuses?.length) {
      params.push(filter.statuses);
      where.push(`h.status = ANY($${params.length}::handoff_status[])`);
    }
    if (filter.overdue !== undefined && filter.overdue !== null) {
      params.push(filter.overdue);
      where.push(`h.overdue = $${params.length}`);
    }
    return { where, params };
  }
}

/** The kind of keyset cursor of the handoffs list. */
export const HANDOFF_CURSOR = 'handoff';
