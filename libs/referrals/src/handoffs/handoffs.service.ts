import { Injectable } from '@nestjs/common';
import { EmployeesService, OrganisationsService } from '@schakel/organisations';
import { AppError, decodeCursor, hasAnyRole, type RequestContext, requireExistingId, requireSafeText, TenantTransactions } from '@schakel/platform';
import type { EntityManager } from 'typeorm';
import { HANDOFF_NOT_FOUND, requireCaseRole } from '../case-access';
import type { AcceptCommand, CompleteCommand, ForwardCommand, ReasonCommand, RecordContactCommand, VersionedCommand } from '../commands';
import { contactNoteLabel, contactNoteMax, HANDOFF_PAGE, TEXT_LIMITS } from '../limits';
import { checkReceiverAndConsent } from '../receiver-check';
import type { HandoffAction, HandoffDirection, HandoffStatus } from '../referral.enums';
import { type ForwardLink, handoffsStore, type StepColumns, stepActor } from '../store/handoffs.store';
import type { HandoffRecord } from '../store/records';
import { referralsStore } from '../store/referrals.store';
import { availableActions, canActOnSide, nextStatus, RECEIVER_ROLES, SENDER_ROLES, TRANSITIONS } from './handoff-state-machine';

export const MAX_PAGE_SIZE = HANDOFF_PAGE.maxSize;
export const DEFAULT_PAGE_SIZE = HANDOFF_PAGE.defaultSize;

export interface HandoffPage {
  nodes: HandoffRecord[];
  hasNextPage: boolean;
}

/** `totalCount`: exact when `capped` is false; otherwise the cap, and more handoffs match. */
export interface HandoffCount {
  count: number;
  capped: boolean;
}

export interface HandoffFilter {
  direction: HandoffDirection;
  statuses?: HandoffStatus[] | null;
  overdue?: boolean | null;
  first?: number | null;
  after?: string | null;
}

interface TransitionPlan {
  /** Columns to set besides status, version, updated_at and the step's timestamp. */
  set?: StepColumns;
  note?: string | null;
  /** FORWARD: the next link, written in the same statement as the step. */
  forward?: ForwardLink;
  /**
   * Checks on the visible row, before it is locked: they may read other tables (or the
   * directory through another connection) without holding a row lock meanwhile.
   */
  check?: (m: EntityManager, visible: HandoffRecord) => Promise<void>;
}

/** Required free text, trimmed: no NUL, no lone surrogate, not blank, within `max` (BAD_USER_INPUT naming the field). */
function text(value: string | null | undefined, field: string, max: number): string {
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
    const handoff = await this.tx.run(context.actor, (m) => handoffsStore.find(m, id));
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
      check: async (_m, visible) => {
        if (assigneeId === null || assigneeId === actor.employeeId) return;
        if (!hasAnyRole(actor, ['COORDINATOR'])) {
          throw AppError.forbidden({
            nl: 'Alleen een coördinator kan de overdracht aan iemand anders toewijzen.',
            en: 'Only a COORDINATOR can assign the handoff to someone else.',
          });
        }
        const assignee = await this.employees.findActiveById(assigneeId, visible.toOrganisationId);
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
    // The timeline note starts with the channel ("[TELEFOON] "): the limit leaves room for it.
    const note = text(command.note, 'note', contactNoteMax(command.channel));
    return this.transition(context, id, 'RECORD_CONTACT', command, {
      note: `${contactNoteLabel(command.channel)}${note}`,
      check: async (m, visible) => {
        if ((await referralsStore.citizenDoNotContact(m, visible.referralId)) && command.channel !== 'VIA_VERWIJZER') {
          throw AppError.badInput({
            nl: 'Deze inwoner mag niet rechtstreeks benaderd worden: neem contact op via de verwijzer (kanaal VIA_VERWIJZER).',
            en: 'This citizen must not be contacted directly: make contact through the referrer (channel VIA_VERWIJZER).',
          }, { field: 'channel' });
        }
      },
    });
  }

  complete(context: RequestContext, id: string, command: CompleteCommand): Promise<HandoffRecord> {
    const note = command.note?.trim() ? text(command.note, 'note', TEXT_LIMITS.outcomeNote) : null;
    return this.transition(context, id, 'COMPLETE', command, { set: { outcome: command.outcome, outcome_note: note }, note });
  }

  returnToSender(context: RequestContext, id: string, command: ReasonCommand): Promise<HandoffRecord> {
    const reason = text(command.reason, 'reason', TEXT_LIMITS.reason);
    return this.transition(context, id, 'RETURN', command, { set: { reason }, note: reason });
  }

  cancel(context: RequestContext, id: string, command: ReasonCommand): Promise<HandoffRecord> {
    const reason = text(command.reason, 'reason', TEXT_LIMITS.reason);
    return this.transition(context, id, 'CANCEL', command, { set: { reason }, note: reason });
  }

  /** Forward warmly: this link becomes FORWARDED and a new REQUESTED link starts at the next organisation. */
  async forward(context: RequestContext, id: string, command: ForwardCommand): Promise<HandoffRecord> {
    const reason = text(command.reason, 'reason', TEXT_LIMITS.reason);
    const summary = command.summary?.trim() ? text(command.summary, 'summary', TEXT_LIMITS.forwardSummary) : null;
    const { actor } = context;
    // The receiver check happens before the transaction: it reads only the public directory.
    await checkReceiverAndConsent(this.organisations, actor.organisationId, command.toOrganisationId, command.consent);
    return this.transition(context, id, 'FORWARD', command, {
      set: { reason },
      note: reason,
      forward: { toOrganisationId: command.toOrganisationId, reason, summary, consentMethod: command.consent.method },
    });
  }

  /**
   * One transition, all or nothing: read the row (visible: a party of the chain may read it)
   * and check the side and the plan's checks, then lock it, check version and state machine,
   * and write the step with all its effects in one statement (handoffsStore.applyStep): after
   * the lock, two round trips (that statement and COMMIT).
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
      const visible = await handoffsStore.find(m, id);
      if (!visible) throw AppError.notFound(HANDOFF_NOT_FOUND);
      if (!canActOnSide(actor, visible, rule.side)) throw this.notYourSide(rule.side);
      await plan.check?.(m, visible);
      const current = await handoffsStore.lock(m, id);
      if (!current) throw AppError.notFound(HANDOFF_NOT_FOUND);
      if (current.version !== command.expectedVersion) {
        throw AppError.conflict({
          nl: `De overdracht is intussen gewijzigd (nu versie ${current.version}, status ${current.status}); laad haar opnieuw en probeer het nog eens.`,
          en: `The handoff has changed meanwhile (now version ${current.version}, status ${current.status}); reload it and try again.`,
        }, { currentVersion: current.version, status: current.status });
      }
      if (nextStatus(current.status, action) === null) {
        const allowed = availableActions(current, actor);
        throw new AppError('INVALID_TRANSITION', {
          nl: `Dit kan niet bij status ${current.status}. Mogelijk: ${allowed.length ? allowed.join(', ') : 'geen acties'}.`,
          en: `Not possible in status ${current.status}. Allowed: ${allowed.length ? allowed.join(', ') : 'no actions'}.`,
        }, { status: current.status, action, allowedActions: allowed });
      }
      const { updated } = await handoffsStore.applyStep(m, {
        id,
        expectedVersion: command.expectedVersion,
        action,
        set: plan.set ?? {},
        note: plan.note ?? null,
        actor: stepActor(actor),
        forward: plan.forward,
      });
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
    const rows = await this.tx.run(context.actor, (m) =>
      handoffsStore.page(m, { organisationId: context.actor.organisationId, direction: filter.direction, statuses: filter.statuses, overdue: filter.overdue, afterId, limit: first + 1 }),
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
    const count = await this.tx.run(context.actor, (m) =>
      handoffsStore.countUpTo(m, { organisationId: context.actor.organisationId, direction: filter.direction, statuses: filter.statuses, overdue: filter.overdue }, cap),
    );
    return count > cap ? { count: cap, capped: true } : { count, capped: false };
  }
}

/** The kind of keyset cursor of the handoffs list. */
export const HANDOFF_CURSOR = 'handoff';
