import { Inject, Injectable } from '@nestjs/common';
import { findDoor } from '@schakel/doors';
import { EmployeesService, OrganisationsService } from '@schakel/organisations';
import {
  type Actor,
  APP_CONFIG,
  type AppConfig,
  AppError,
  hasAnyRole,
  type RequestContext,
  requireExistingId,
  requireSafeText,
  TenantTransactions,
} from '@schakel/platform';
import { handoffsStore, nextStatus, RECEIVER_ROLES, referralsStore, SENDER_ROLES, type Urgency } from '@schakel/referrals';
import type { EntityManager } from 'typeorm';
import { LiveEvents, messageOf } from './live-events';
import { type LiveHandoffRecord, liveHandoffsStore } from './store/live-handoffs.store';
import { onDutyStore } from './store/on-duty.store';

export const LIVE_HANDOFF_NOT_FOUND = { nl: 'Deze live overdracht', en: 'This live handoff' };
const HANDOFF_NOT_FOUND = { nl: 'Deze overdracht', en: 'This handoff' };
const DOOR_NOT_FOUND = { nl: 'Dit loket', en: 'This door' };

/** Urgencies for which any door may be asked live; otherwise the door must allow it. */
export const LIVE_URGENCIES: readonly Urgency[] = ['ACUUT', 'HOOG'];

export interface RequestLiveCommand {
  handoffId: string;
  doorId?: string | null;
  idempotencyKey: string;
}

export interface OnDutyState {
  onDuty: boolean;
  since: Date | null;
}

/** The on-duty people of the caller's organisation who may pick up: behandelaars and coördinatoren. */
function requireReceiverPerson(actor: Actor): asserts actor is Extract<Actor, { kind: 'employee' }> {
  if (actor.kind !== 'employee' || !hasAnyRole(actor, RECEIVER_ROLES)) {
    throw AppError.forbidden({
      nl: 'Alleen een behandelaar of coördinator kan dienstdoende zijn en live overdrachten overnemen.',
      en: 'Only a BEHANDELAAR or COORDINATOR can be on duty and pick up live handoffs.',
    });
  }
}

function requireSenderPerson(actor: Actor): asserts actor is Extract<Actor, { kind: 'employee' }> {
  if (actor.kind !== 'employee' || !hasAnyRole(actor, SENDER_ROLES)) {
    throw AppError.forbidden({
      nl: 'Alleen een medewerker van de verzendende organisatie (balie, behandelaar, coördinator) vraagt een live overdracht.',
      en: 'Only an employee of the sending organisation (BALIE, BEHANDELAAR, COORDINATOR) asks for a live handoff.',
    });
  }
}

/**
 * Live warm handoff (issue 13): on-duty marks, the live request, the first pick-up (with the
 * handoff's ACCEPT step in the same transaction) and cancelling. The fallback after the timeout
 * is the worker's (LiveFallback). Every statement runs in the caller's tenant transaction.
 */
@Injectable()
export class LiveHandoffsService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly organisations: OrganisationsService,
    private readonly employees: EmployeesService,
    private readonly events: LiveEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onDuty(context: RequestContext): Promise<OnDutyState> {
    const { actor } = context;
    if (actor.kind !== 'employee') return { onDuty: false, since: null };
    const found = await this.tx.run(actor, (m) => onDutyStore.find(m, actor.employeeId));
    return { onDuty: found !== undefined, since: found?.since ?? null };
  }

  async setOnDuty(context: RequestContext, onDuty: boolean): Promise<OnDutyState> {
    const { actor } = context;
    requireReceiverPerson(actor);
    await this.tx.run(actor, (m) => onDutyStore.set(m, actor.employeeId, actor.organisationId, onDuty));
    return this.onDuty(context);
  }

  /** Who may listen for live requests at all: behandelaars and coördinatoren (on duty is checked per event). */
  authorizeOnDutyEvents(context: RequestContext): void {
    requireReceiverPerson(context.actor);
  }

  /** Whether this person is on duty now (subscriptions check it for every event). */
  async isOnDuty(actor: Actor): Promise<boolean> {
    if (actor.kind !== 'employee' || !hasAnyRole(actor, RECEIVER_ROLES)) return false;
    return (await this.tx.run(actor, (m) => onDutyStore.find(m, actor.employeeId))) !== undefined;
  }

  /** How many are on duty at an organisation: a number only, open to every case role. */
  async onDutyCount(context: RequestContext, organisationId: string): Promise<number> {
    requireCaseRole(context.actor);
    requireExistingId(organisationId, { nl: 'Deze organisatie', en: 'This organisation' });
    return this.tx.run(context.actor, (m) => onDutyStore.count(m, organisationId));
  }

  async get(context: RequestContext, id: string): Promise<LiveHandoffRecord> {
    requireCaseRole(context.actor);
    requireExistingId(id, LIVE_HANDOFF_NOT_FOUND);
    const found = await this.tx.run(context.actor, (m) => liveHandoffsStore.find(m, id));
    if (!found) throw AppError.notFound(LIVE_HANDOFF_NOT_FOUND);
    return found;
  }

  /** The live requests of a handoff, newest first (both organisations of the link see them). */
  async ofHandoff(context: RequestContext, handoffId: string): Promise<LiveHandoffRecord[]> {
    requireCaseRole(context.actor);
    requireExistingId(handoffId, HANDOFF_NOT_FOUND);
    return this.tx.run(context.actor, async (m) => {
      if (!(await handoffsStore.find(m, handoffId))) throw AppError.notFound(HANDOFF_NOT_FOUND);
      return liveHandoffsStore.ofHandoff(m, handoffId);
    });
  }

  /** Requests waiting for the caller's organisation; only for its on-duty people. */
  async openRequests(context: RequestContext): Promise<LiveHandoffRecord[]> {
    const { actor } = context;
    requireReceiverPerson(actor);
    return this.tx.run(actor, async (m) => ((await onDutyStore.find(m, actor.employeeId)) ? liveHandoffsStore.openFor(m, actor.organisationId, 50) : []));
  }

  async request(context: RequestContext, command: RequestLiveCommand): Promise<LiveHandoffRecord> {
    const { actor } = context;
    requireSenderPerson(actor);
    requireExistingId(command.handoffId, HANDOFF_NOT_FOUND);
    const idempotencyKey = requireSafeText(command.idempotencyKey, 'idempotencyKey', { max: 200, required: true });
    const doorId = command.doorId ?? null;
    if (doorId !== null) requireExistingId(doorId, DOOR_NOT_FOUND);

    const { live, created } = await this.tx.run(actor, async (m) => {
      const again = await liveHandoffsStore.byIdempotencyKey(m, actor.organisationId, idempotencyKey);
      if (again) return { live: this.sameRequest(again, command.handoffId, doorId), created: false };

      const handoff = await handoffsStore.find(m, command.handoffId);
      if (!handoff) throw AppError.notFound(HANDOFF_NOT_FOUND);
      if (handoff.fromOrganisationId !== actor.organisationId) {
        throw AppError.forbidden({ nl: 'Alleen de verzendende organisatie vraagt een live overdracht.', en: 'Only the sending organisation asks for a live handoff.' });
      }
      if (handoff.status !== 'REQUESTED' && handoff.status !== 'RECEIVED') {
        throw new AppError('INVALID_TRANSITION', {
          nl: `Live overdragen kan alleen zolang de overdracht nog niet is opgepakt (nu: ${handoff.status}).`,
          en: `A live handoff is only possible while the handoff has not been accepted (now: ${handoff.status}).`,
        }, { status: handoff.status });
      }
      const referral = await referralsStore.find(m, handoff.referralId);
      if (!referral) throw AppError.notFound(HANDOFF_NOT_FOUND);
      const timeoutSeconds = await this.timeoutFor(m, doorId, handoff.toOrganisationId, referral.urgency);

      const inserted = await liveHandoffsStore.insert(m, {
        handoffId: handoff.id,
        referralId: handoff.referralId,
        fromOrganisationId: handoff.fromOrganisationId,
        toOrganisationId: handoff.toOrganisationId,
        doorId,
        requestedByEmployeeId: actor.employeeId,
        timeoutSeconds,
        idempotencyKey,
      });
      if (!inserted) {
        // Same key at the same moment (the other insert won), or another request still running.
        const raced = await liveHandoffsStore.byIdempotencyKey(m, actor.organisationId, idempotencyKey);
        if (raced) return { live: this.sameRequest(raced, command.handoffId, doorId), created: false };
        throw AppError.conflict({
          nl: 'Er loopt al een live overdracht voor deze overdracht; wacht tot die is overgenomen of afgelopen.',
          en: 'A live handoff is already running for this handoff; wait until it is picked up or over.',
        });
      }
      const [receiver] = await this.organisations.findByIds([handoff.toOrganisationId]);
      await referralsStore.addReferralEvent(m, {
        referralId: handoff.referralId,
        handoffId: handoff.id,
        type: 'LIVE_REQUESTED',
        note: `Live overdracht gevraagd aan ${receiver?.name ?? 'de ontvanger'}`,
        actor: { organisationId: actor.organisationId, employeeId: actor.employeeId, machineClientId: null },
        topic: null,
      });
      return { live: inserted, created: true };
    });
    if (created) await this.events.publish([messageOf('requested', live)]);
    return live;
  }

  /**
   * The first on-duty person to pick up wins: the live row changes only while REQUESTED and in
   * time, and in the same transaction the handoff takes its ACCEPT step with the picker as
   * assignee, and the timeline says who took over. The second gets CONFLICT and nothing changes.
   */
  async pickUp(context: RequestContext, id: string): Promise<LiveHandoffRecord> {
    const { actor } = context;
    requireReceiverPerson(actor);
    requireExistingId(id, LIVE_HANDOFF_NOT_FOUND);
    const picked = await this.tx.run(actor, async (m) => {
      const visible = await liveHandoffsStore.find(m, id);
      if (!visible) throw AppError.notFound(LIVE_HANDOFF_NOT_FOUND);
      if (visible.toOrganisationId !== actor.organisationId) {
        throw AppError.forbidden({ nl: 'Alleen de ontvangende organisatie neemt een live overdracht over.', en: 'Only the receiving organisation picks up a live handoff.' });
      }
      if (!(await onDutyStore.find(m, actor.employeeId))) {
        throw AppError.forbidden({ nl: 'Zet uzelf eerst op dienstdoende om live overdrachten over te nemen.', en: 'Mark yourself on duty first to pick up live handoffs.' });
      }
      const won = await liveHandoffsStore.pickUp(m, id, actor.employeeId);
      if (!won) throw await this.notPickable(m, id);

      const handoff = await handoffsStore.lock(m, won.handoffId);
      if (!handoff) throw AppError.notFound(HANDOFF_NOT_FOUND);
      if (nextStatus(handoff.status, 'ACCEPT') === null) {
        throw new AppError('INVALID_TRANSITION', {
          nl: `De overdracht kan niet meer worden opgepakt (status ${handoff.status}).`,
          en: `The handoff can no longer be accepted (status ${handoff.status}).`,
        }, { status: handoff.status });
      }
      const step = { organisationId: actor.organisationId, employeeId: actor.employeeId, machineClientId: null };
      await handoffsStore.applyStep(m, { id: handoff.id, expectedVersion: handoff.version, action: 'ACCEPT', set: { assignee_id: actor.employeeId }, note: null, actor: step });
      await referralsStore.addReferralEvent(m, {
        referralId: won.referralId,
        handoffId: won.handoffId,
        type: 'LIVE_PICKED_UP',
        note: await this.pickedUpNote(won),
        actor: step,
        topic: null,
      });
      return won;
    });
    await this.events.publish([messageOf('changed', picked)]);
    return picked;
  }

  /** The sender withdraws its live request while nobody picked it up; the handoff stays as it is. */
  async cancel(context: RequestContext, id: string): Promise<LiveHandoffRecord> {
    const { actor } = context;
    requireSenderPerson(actor);
    requireExistingId(id, LIVE_HANDOFF_NOT_FOUND);
    const cancelled = await this.tx.run(actor, async (m) => {
      const visible = await liveHandoffsStore.find(m, id);
      if (!visible) throw AppError.notFound(LIVE_HANDOFF_NOT_FOUND);
      if (visible.fromOrganisationId !== actor.organisationId) {
        throw AppError.forbidden({ nl: 'Alleen de verzendende organisatie trekt een live verzoek in.', en: 'Only the sending organisation withdraws a live request.' });
      }
      const done = await liveHandoffsStore.cancel(m, id);
      if (!done) throw await this.notPickable(m, id);
      return done;
    });
    await this.events.publish([messageOf('changed', cancelled)]);
    return cancelled;
  }

  /** The display name of whoever picked up, for the sender's screen (an employee's, never a citizen's). */
  async pickedUpByName(live: LiveHandoffRecord): Promise<string | null> {
    if (!live.pickedUpByEmployeeId) return null;
    const [employee] = await this.employees.findByIds([live.pickedUpByEmployeeId]);
    return employee?.displayName ?? null;
  }

  /** "UWV neemt het nu over — Fatima van den Berg": the timeline note and the sender's message. */
  async pickedUpNote(live: LiveHandoffRecord): Promise<string> {
    const [receiver] = await this.organisations.findByIds([live.toOrganisationId]);
    const name = await this.pickedUpByName(live);
    return `${receiver?.name ?? 'De ontvanger'} neemt het nu over — ${name ?? 'een dienstdoende medewerker'}`;
  }

  private async notPickable(m: EntityManager, id: string): Promise<AppError> {
    const now = await liveHandoffsStore.find(m, id);
    if (now?.status === 'PICKED_UP') {
      const name = await this.pickedUpByName(now);
      return AppError.conflict(
        { nl: `Al overgenomen door ${name ?? 'een collega'}.`, en: `Already picked up by ${name ?? 'a colleague'}.` },
        { status: now.status },
      );
    }
    if (now?.status === 'REQUESTED') {
      return AppError.conflict({ nl: 'De tijd voor live overnemen is voorbij; de overdracht valt terug op de gewone route.', en: 'The time to pick up live has passed; the handoff falls back to the normal route.' }, { status: now.status });
    }
    const status = now?.status ?? 'CANCELLED';
    return new AppError('INVALID_TRANSITION', {
      nl: status === 'FELL_BACK' ? 'Niemand nam op tijd op; de overdracht staat nu als acuut in de gewone bak.' : 'Het live verzoek is ingetrokken.',
      en: status === 'FELL_BACK' ? 'Nobody picked up in time; the handoff is now in the normal inbox as urgent.' : 'The live request was withdrawn.',
    }, { status });
  }

  private sameRequest(existing: LiveHandoffRecord, handoffId: string, doorId: string | null): LiveHandoffRecord {
    if (existing.handoffId !== handoffId || existing.doorId !== doorId) {
      throw AppError.conflict({
        nl: 'Deze idempotency-sleutel is al gebruikt voor een ander live verzoek.',
        en: 'This idempotency key was already used for a different live request.',
      }, { field: 'idempotencyKey' });
    }
    return existing;
  }

  /**
   * Whether this request may go live, and for how long: an ACUUT or HOOG referral may ask any
   * door of the receiver (or none), any other only a door that allows live. The door's timeout
   * wins, else LIVE_HANDOFF_TIMEOUT_SECONDS (which, with LIVE_HANDOFF_TIMEOUT_OVERRIDES_DOORS,
   * applies to every request: tests and demos).
   */
  private async timeoutFor(m: EntityManager, doorId: string | null, toOrganisationId: string, urgency: Urgency): Promise<number> {
    const urgent = LIVE_URGENCIES.includes(urgency);
    const door = doorId ? await findDoor(m, doorId) : null;
    if (doorId && !door) throw AppError.notFound(DOOR_NOT_FOUND);
    if (door && (door.organisationId !== toOrganisationId || !door.active)) {
      throw AppError.badInput({
        nl: 'Kies een actief loket van de ontvangende organisatie.',
        en: 'Choose an active door of the receiving organisation.',
      }, { field: 'doorId' });
    }
    if (!urgent && !door?.liveAllowed) {
      throw AppError.badInput({
        nl: 'Live overdragen kan bij een acute of hoge urgentie, of bij een loket dat live overdragen toestaat.',
        en: 'A live handoff is possible for an ACUUT or HOOG referral, or with a door that allows live handoffs.',
      }, { field: doorId ? 'doorId' : 'handoffId' });
    }
    if (!door || this.config.LIVE_HANDOFF_TIMEOUT_OVERRIDES_DOORS) return this.config.LIVE_HANDOFF_TIMEOUT_SECONDS;
    return door.liveTimeoutMinutes * 60;
  }
}

function requireCaseRole(actor: Actor): void {
  if (!hasAnyRole(actor, SENDER_ROLES)) {
    throw AppError.forbidden({
      nl: 'Uw rol geeft geen toegang tot individuele dossiers (nodig: BALIE, BEHANDELAAR of COORDINATOR).',
      en: 'Your role gives no access to individual cases (needed: BALIE, BEHANDELAAR or COORDINATOR).',
    });
  }
}
