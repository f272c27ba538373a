import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { describeNorm, type ResponseNorm, ResponseNormProvider, type ResponseNormView } from '@schakel/follow-ups';
import { type Actor, AppError, hasAnyRole, type RequestContext, requireExistingId, requireSafeText, TenantTransactions } from '@schakel/platform';
import type { ReferralTopic } from '@schakel/referrals';
import type { EntityManager } from 'typeorm';
import type { DoorRecord, DoorVersionRecord, ResponseStatsRecord } from './door.model';
import { explainMatch, likePattern, type MatchReason, rankDoors, statsKey, topicsMatching } from './door-ranking';
import { type DoorContentInput, isGemeentecode, validateDoorContent } from './door-validation';
import * as store from './store/doors.store';

export const DOOR_NOT_FOUND = { nl: 'Loket', en: 'Door' };
const MAINTAINER_ROLES = ['COORDINATOR', 'BEHEERDER'] as const;
const NORM_URGENCY = 'NORMAAL';
export const SEARCH_MAX = 100;

/** A door's norm: the response norm of its organisation for a topic (urgency NORMAAL), and where it comes from. */
export interface DoorNorm {
  topic: ReferralTopic;
  view: ResponseNormView;
  /** `actielijst:<listId>:v<n>` for a signed agreement, else the default's source. */
  source: string;
  fromAgreement: boolean;
}

export interface DoorView {
  door: DoorRecord;
  norm: DoorNorm;
  /** The organisation's measured speed for the door's first topic; null when never measured. */
  stats: ResponseStatsRecord | null;
}

export interface DoorMatchView {
  door: DoorView;
  /** The norm for the referral's topic (may differ from the door's first topic). */
  norm: DoorNorm;
  reasons: MatchReason[];
  explanation: string;
  medianMinutes: number | null;
  acceptedCount: number;
}

export interface DoorFilter {
  organisationId?: string | null;
  topic?: ReferralTopic | null;
  gemeentecode?: string | null;
  /** Only the caller's own organisation's doors, inactive ones included. */
  mine?: boolean | null;
}

function assertMayMaintain(actor: Actor): void {
  if (actor.kind !== 'employee' || !hasAnyRole(actor, MAINTAINER_ROLES)) {
    throw AppError.forbidden({
      nl: 'Alleen een coördinator of beheerder van de organisatie onderhoudt haar loketten.',
      en: "Only a coordinator or administrator of the organisation maintains its doors.",
    });
  }
}

function checkGemeentecode(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!isGemeentecode(value)) throw AppError.badInput({ nl: 'Een gemeentecode bestaat uit 4 cijfers, bijv. 0855.', en: 'A gemeentecode is 4 digits, e.g. 0855.' }, { field: 'gemeentecode' });
  return value;
}

/** The sociale kaart: reading, matching and maintaining doors. Every statement in the caller's tenant. */
@Injectable()
export class DoorsService {
  constructor(
    private readonly tenants: TenantTransactions,
    private readonly norms: ResponseNormProvider,
  ) {}

  async list(ctx: RequestContext, filter: DoorFilter = {}): Promise<DoorView[]> {
    const own = ctx.actor.organisationId;
    const doors = await this.tenants.run({ organisationId: own }, (m) =>
      store.listDoors(m, {
        organisationId: filter.mine ? own : (filter.organisationId ?? null),
        topic: filter.topic ?? null,
        gemeentecode: checkGemeentecode(filter.gemeentecode),
        inactiveOf: filter.mine ? own : null,
      }),
    );
    return this.views(ctx, doors);
  }

  /** One door; another organisation's inactive door does not exist for the caller. */
  async get(ctx: RequestContext, id: string): Promise<DoorView> {
    requireExistingId(id, DOOR_NOT_FOUND);
    const door = await this.tenants.run({ organisationId: ctx.actor.organisationId }, (m) => store.findDoor(m, id));
    if (!door || (!door.active && door.organisationId !== ctx.actor.organisationId)) throw AppError.notFound(DOOR_NOT_FOUND);
    const [view] = await this.views(ctx, [door]);
    return view;
  }

  async versions(ctx: RequestContext, doorId: string): Promise<DoorVersionRecord[]> {
    await this.get(ctx, doorId);
    return this.tenants.run({ organisationId: ctx.actor.organisationId }, (m) => store.listVersions(m, doorId));
  }

  async create(ctx: RequestContext, input: DoorContentInput): Promise<DoorView> {
    assertMayMaintain(ctx.actor);
    const content = validateDoorContent(input);
    const id = randomUUID();
    const door = await this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      await store.insertDoor(m, { id, organisationId: ctx.actor.organisationId, content, employeeId: ctx.actor.employeeId });
      return this.recordVersion(m, id, ctx.actor.employeeId);
    });
    return (await this.views(ctx, [door]))[0];
  }

  /** A new version of the door, if nobody saved one since expectedVersion (else CONFLICT, nothing changed). */
  async update(ctx: RequestContext, id: string, expectedVersion: number, input: DoorContentInput): Promise<DoorView> {
    assertMayMaintain(ctx.actor);
    const content = validateDoorContent(input);
    const door = await this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const current = await this.ownDoor(m, ctx, id);
      return this.write(m, ctx, current, expectedVersion, { content, active: current.active });
    });
    return (await this.views(ctx, [door]))[0];
  }

  async setActive(ctx: RequestContext, id: string, active: boolean, expectedVersion: number): Promise<DoorView> {
    assertMayMaintain(ctx.actor);
    const door = await this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const current = await this.ownDoor(m, ctx, id);
      return this.write(m, ctx, current, expectedVersion, { content: current, active });
    });
    return (await this.views(ctx, [door]))[0];
  }

  /** The doors for a referral, ranked (see rankDoors), each with its norm for the topic and its measured speed. */
  async matches(ctx: RequestContext, query: { topic: ReferralTopic; gemeentecode?: string | null; search?: string | null }): Promise<DoorMatchView[]> {
    const gemeentecode = checkGemeentecode(query.gemeentecode);
    const search = requireSafeText(query.search ?? '', 'search', { max: SEARCH_MAX }) || null;
    const { doors, stats } = await this.tenants.run({ organisationId: ctx.actor.organisationId }, async (m) => {
      const found = await store.matchCandidates(m, {
        topic: query.topic,
        gemeentecode,
        pattern: search ? likePattern(search) : null,
        searchTopics: search ? topicsMatching(search) : [],
      });
      return { doors: found, stats: await store.statsFor(m, found.map((d) => d.organisationId)) };
    });
    const ranked = rankDoors(doors, new Map(stats.map((s) => [statsKey(s.organisationId, s.topic), s])), { topic: query.topic, gemeentecode, search });
    const views = await this.views(ctx, ranked.map((r) => r.door), stats);
    const topicNorms = await this.normsFor(ranked.map((r) => ({ organisationId: r.door.organisationId, topic: query.topic })));
    return ranked.map((r, i) => ({
      door: views[i],
      norm: topicNorms[i],
      reasons: r.reasons,
      explanation: explainMatch(r.reasons, { topic: query.topic, gemeentecode, search }),
      medianMinutes: r.medianMinutes,
      acceptedCount: r.acceptedCount,
    }));
  }

  private async ownDoor(m: EntityManager, ctx: RequestContext, id: string): Promise<DoorRecord> {
    requireExistingId(id, DOOR_NOT_FOUND);
    const door = await store.findDoor(m, id);
    // Another organisation's door does not exist for writing.
    if (!door || door.organisationId !== ctx.actor.organisationId) throw AppError.notFound(DOOR_NOT_FOUND);
    return door;
  }

  private async write(
    m: EntityManager,
    ctx: RequestContext,
    current: DoorRecord,
    expectedVersion: number,
    change: { content: DoorRecord | ReturnType<typeof validateDoorContent>; active: boolean },
  ): Promise<DoorRecord> {
    const c = change.content;
    const content = {
      name: c.name, description: c.description, topics: c.topics, national: c.national, gemeentecodes: c.gemeentecodes, reach: c.reach,
      phone: c.phone, openingHours: c.openingHours, checklist: c.checklist, liveAllowed: c.liveAllowed, liveTimeoutMinutes: c.liveTimeoutMinutes,
    };
    const written = current.version === expectedVersion && (await store.updateDoor(m, { id: current.id, expectedVersion, content, active: change.active, employeeId: ctx.actor.employeeId }));
    if (!written) {
      throw AppError.conflict(
        {
          nl: 'Iemand anders heeft dit loket intussen gewijzigd. Laad de nieuwste versie en breng uw wijziging opnieuw aan.',
          en: 'Someone else changed this door in the meantime. Load the newest version and make your change again.',
        },
        { currentVersion: current.version },
      );
    }
    return this.recordVersion(m, current.id, ctx.actor.employeeId);
  }

  private async recordVersion(m: EntityManager, id: string, employeeId: string | null): Promise<DoorRecord> {
    const door = await store.findDoor(m, id);
    if (!door) throw AppError.notFound(DOOR_NOT_FOUND);
    await store.insertVersion(m, door, employeeId);
    return door;
  }

  private async views(ctx: RequestContext, doors: readonly DoorRecord[], knownStats?: readonly ResponseStatsRecord[]): Promise<DoorView[]> {
    if (doors.length === 0) return [];
    const stats = knownStats ?? (await this.tenants.run({ organisationId: ctx.actor.organisationId }, (m) => store.statsFor(m, doors.map((d) => d.organisationId))));
    const byKey = new Map(stats.map((s) => [statsKey(s.organisationId, s.topic), s]));
    const norms = await this.normsFor(doors.map((d) => ({ organisationId: d.organisationId, topic: d.topics[0] })));
    return doors.map((door, i) => ({ door, norm: norms[i], stats: byKey.get(statsKey(door.organisationId, door.topics[0])) ?? null }));
  }

  /** The response norms (signed agreement, else default) in one batched look-up. */
  async normsFor(keys: ReadonlyArray<{ organisationId: string; topic: ReferralTopic }>): Promise<DoorNorm[]> {
    const norms: ResponseNorm[] = await this.norms.normsFor(keys.map((k) => ({ receiverOrganisationId: k.organisationId, topic: k.topic, urgency: NORM_URGENCY })));
    return norms.map((norm, i) => ({ topic: keys[i].topic, view: describeNorm(norm), source: norm.source, fromAgreement: norm.source.startsWith('actielijst:') }));
  }
}
