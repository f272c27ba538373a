import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { type Actor, AppError, hasAnyRole, recordProcessing, type RequestContext, requireExistingId, requireSafeText, TenantTransactions } from '@schakel/platform';
import { BsnCrypto, CASE_ROLES, referralsStore, ReferralsService, requireBsn, SENDER_ROLES, TEXT_LIMITS } from '@schakel/referrals';
import canonicalize from 'canonicalize';
import type { EntityManager } from 'typeorm';
import { BUNDLE_LIMITS, BUNDLE_MEMBER_ROLES, type BundleMemberRole } from './bundle.enums';
import type { BundleFilter, CreateBundleCommand } from './commands';
import { type BundleActor, bundlesStore } from './store/bundles.store';
import type { BundleRecord, MemberRecord, PartRecord } from './store/records';

const UNIQUE_VIOLATION = '23505';
export const BUNDLE_NOT_FOUND = { nl: 'Deze bundel', en: 'This bundle' };
/** Who may close a bundle for the regie organisation. */
export const CLOSE_ROLES = ['COORDINATOR', 'BEHANDELAAR'] as const;

export interface PartView extends PartRecord {
  /** Whether the caller takes part in the part's referral (then the web links to it). */
  referralVisible: boolean;
}

export interface MemberView {
  member: MemberRecord;
  /** Null when the name cannot be read (anonymised). */
  name: string | null;
  parts: PartView[];
}

export interface BundleView {
  bundle: BundleRecord;
  members: MemberView[];
  /** Why the caller cannot close the bundle now, in Dutch; null when it can. */
  closeBlockedReason: string | null;
}

function bundleActor(actor: Actor): BundleActor {
  return { organisationId: actor.organisationId, employeeId: actor.employeeId, machineClientId: actor.kind === 'machine' ? actor.clientId : null };
}

/** The referral idempotency key of part `index` of a bundle: a retry of the bundle finds each referral it made before. */
export function partIdempotencyKey(bundleKey: string, index: number): string {
  return `bundel:${bundleKey}#${index}`;
}

/**
 * Household bundles: one intake makes a referral per part, each with its own consent, norm and
 * state (through ReferralsService), ties them together and names a regie organisation.
 *
 * What a caller sees of a bundle follows the members' consent: a member, its name and its parts
 * only for the organisations that member consented to and the origin (row-level security on every
 * bundle table; the service only reads under it). The regie organisation does NOT need every
 * member's consent: it coordinates the parts it may see, and hears about the others only as "een
 * onderdeel vraagt aandacht" (alerts/bundle-alerts.service.ts).
 */
@Injectable()
export class BundlesService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly organisations: OrganisationsService,
    private readonly referrals: ReferralsService,
    private readonly bsnCrypto: BsnCrypto,
  ) {}

  /**
   * All or nothing: every rule is checked before anything is written, so a refused bundle writes
   * nothing. Then, in this order: the bundle (status CREATING) with its members, consents and
   * participants in one transaction; each part's referral (its own statement, idempotency key
   * derived from the bundle's key and the part's index) and its link with the BUNDLE_LINKED event
   * (one transaction per part); the status OPEN. A crash halfway leaves a CREATING bundle; the retry
   * with the same key and the same request finds it, finds the referrals already made (the derived
   * keys) and completes the rest. The same key with another request is CONFLICT.
   */
  async create(context: RequestContext, command: CreateBundleCommand): Promise<BundleView> {
    const { actor } = context;
    if (!hasAnyRole(actor, SENDER_ROLES)) {
      throw AppError.forbidden({
        nl: 'Alleen een baliemedewerker, behandelaar of coördinator kan een bundel maken.',
        en: 'Only a BALIE, BEHANDELAAR or COORDINATOR employee can create a bundle.',
      });
    }
    const checked = await this.check(actor, command);
    const requestHashes = this.bsnCrypto.requestHashes(
      canonicalize({ ...command, members: command.members.map((m, i) => ({ ...m, citizen: { ...m.citizen, bsn: checked.bsns[i] } })), idempotencyKey: null }) ?? '',
    );

    const started = await this.startOrFind(actor, command, checked.participants, requestHashes);
    if (started.bundle.status === 'CREATING') {
      const members = await this.tx.run(actor, (m) => bundlesStore.members(m, [started.bundle.id]));
      const regieName = checked.names.get(command.coordinatingOrganisationId) ?? 'de regieorganisatie';
      for (const [index, part] of command.parts.entries()) {
        const memberIndex = command.members.findIndex((x) => x.key === part.memberKey);
        const member = command.members[memberIndex];
        const consent = member.consents.find((c) => c.organisationId === part.toOrganisationId);
        const referral = await this.referrals.create(context, {
          citizen: { ...member.citizen, bsn: checked.bsns[memberIndex] },
          toOrganisationId: part.toOrganisationId,
          topic: part.topic,
          summary: part.summary,
          urgency: part.urgency ?? 'NORMAAL',
          consent: { given: true, method: consent?.method ?? 'MONDELING', organisationId: part.toOrganisationId },
          idempotencyKey: partIdempotencyKey(command.idempotencyKey, index),
        });
        const memberRow = members.find((x) => x.position === memberIndex);
        if (!memberRow) throw new Error('bundle member missing');
        await this.tx.run(actor, async (m) => {
          const linked = await bundlesStore.linkPart(m, {
            bundleId: started.bundle.id,
            memberId: memberRow.id,
            position: index,
            referralId: referral.id,
            toOrganisationId: part.toOrganisationId,
            topic: part.topic,
            urgency: part.urgency ?? 'NORMAAL',
          });
          // Organisation names only: the note is read by everyone in the referral's chain.
          if (linked) {
            await referralsStore.addReferralEvent(m, {
              referralId: referral.id,
              type: 'BUNDLE_LINKED',
              note: `Onderdeel van een bundel; regie bij ${regieName}.`,
              actor: bundleActor(actor),
              topic: null,
            });
          }
        });
      }
      await this.tx.run(actor, (m) => bundlesStore.markOpen(m, started.bundle.id));
    }
    return this.view(context, started.bundle.id);
  }

  async view(context: RequestContext, id: string): Promise<BundleView> {
    this.requireCaseRole(context.actor);
    requireExistingId(id, BUNDLE_NOT_FOUND);
    return this.tx.run(context.actor, async (m) => {
      const bundle = await bundlesStore.find(m, id);
      if (!bundle) throw AppError.notFound(BUNDLE_NOT_FOUND);
      return this.viewIn(m, context, bundle);
    });
  }

  /** Bundles the caller's organisation takes part in (as origin, regie or receiver), newest first. */
  async list(context: RequestContext, filter: BundleFilter): Promise<BundleView[]> {
    this.requireCaseRole(context.actor);
    const first = filter.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      throw AppError.badInput({ nl: 'first moet tussen 1 en 100 liggen.', en: 'first must be between 1 and 100.' }, { field: 'first' });
    }
    return this.tx.run(context.actor, async (m) => {
      const bundles = await bundlesStore.list(m, context.actor.organisationId, { status: filter.status ?? null, limit: first });
      return this.viewsIn(m, context, bundles);
    });
  }

  /**
   * The regie organisation closes the bundle once every part is settled: the latest link of its
   * referral COMPLETED, RETURNED or CANCELLED (after a forward the new link counts, so a forwarded
   * part is open until the organisation it went to settles it).
   */
  async close(context: RequestContext, id: string, expectedVersion: number): Promise<BundleView> {
    this.requireCaseRole(context.actor);
    requireExistingId(id, BUNDLE_NOT_FOUND);
    return this.tx.run(context.actor, async (m) => {
      const seen = await bundlesStore.find(m, id);
      if (!seen) throw AppError.notFound(BUNDLE_NOT_FOUND);
      if (seen.coordinatingOrganisationId !== context.actor.organisationId || !hasAnyRole(context.actor, CLOSE_ROLES)) {
        throw AppError.forbidden({
          nl: 'Alleen een coördinator of behandelaar van de organisatie met de regie kan de bundel sluiten.',
          en: 'Only a COORDINATOR or BEHANDELAAR of the coordinating organisation can close the bundle.',
        });
      }
      const bundle = await bundlesStore.findForUpdate(m, id);
      if (!bundle) throw AppError.notFound(BUNDLE_NOT_FOUND);
      if (bundle.version !== expectedVersion) {
        throw AppError.conflict(
          { nl: 'De bundel is intussen gewijzigd; laad hem opnieuw.', en: 'The bundle was changed in the meantime; reload it.' },
          { currentVersion: bundle.version, status: bundle.status },
        );
      }
      if (bundle.status !== 'OPEN') {
        throw new AppError('INVALID_TRANSITION', { nl: 'Deze bundel is niet open.', en: 'This bundle is not open.' }, { status: bundle.status });
      }
      const open = await bundlesStore.openPartCounts(m, id);
      if (open.total > 0) throw new AppError('INVALID_TRANSITION', this.openPartsText(open), { openParts: open.visible });
      const closed = await bundlesStore.close(m, id, expectedVersion, context.actor.employeeId);
      if (!closed) throw AppError.conflict({ nl: 'De bundel is intussen gewijzigd; laad hem opnieuw.', en: 'The bundle was changed in the meantime; reload it.' });
      return this.viewIn(m, context, closed);
    });
  }

  /** The bundle of each of these referrals, for the caller (only when it may see that part). */
  async bundleIdsOfReferrals(actor: Actor, referralIds: readonly string[]): Promise<Map<string, string>> {
    if (!hasAnyRole(actor, CASE_ROLES) || referralIds.length === 0) return new Map();
    return this.tx.run(actor, (m) => bundlesStore.bundleIdsOfReferrals(m, referralIds));
  }

  /** The parts' numbers never count what the caller may not see; hidden open parts only turn "alle" into "nog niet alle". */
  private openPartsText(open: { visible: number; total: number }): { nl: string; en: string } {
    const hidden = open.total - open.visible;
    if (open.visible === 0) {
      return { nl: 'Nog niet alle onderdelen zijn afgerond; de bundel kan nog niet dicht.', en: 'Not every part is settled yet; the bundle cannot be closed.' };
    }
    const nl = `${open.visible === 1 ? 'Nog 1 onderdeel is' : `Nog ${open.visible} onderdelen zijn`} niet afgerond${hidden > 0 ? ' (en mogelijk meer)' : ''}; de bundel kan pas dicht als alle onderdelen zijn afgerond, teruggestuurd of ingetrokken.`;
    const en = `${open.visible === 1 ? '1 part is' : `${open.visible} parts are`} still open${hidden > 0 ? ' (possibly more)' : ''}; the bundle can be closed once every part is completed, returned or cancelled.`;
    return { nl, en };
  }

  private async viewIn(m: EntityManager, context: RequestContext, bundle: BundleRecord): Promise<BundleView> {
    const [view] = await this.viewsIn(m, context, [bundle]);
    return view;
  }

  /** The views of several bundles with one statement per table for all of them, not per bundle. */
  private async viewsIn(m: EntityManager, context: RequestContext, bundles: readonly BundleRecord[]): Promise<BundleView[]> {
    if (bundles.length === 0) return [];
    const bundleIds = bundles.map((b) => b.id);
    const members = await bundlesStore.members(m, bundleIds);
    const parts = await bundlesStore.parts(m, bundleIds);
    const names = await bundlesStore.memberNames(m, members.map((x) => x.id));
    const visibleReferrals = new Set((await referralsStore.byIds(m, parts.map((p) => p.referralId))).map((r) => r.id));
    await recordProcessing(
      m,
      context,
      names.filter((n) => n.subjectPseudonym !== null).map((n) => ({ activity: 'bundle.member.read', subjectPseudonym: n.subjectPseudonym ?? '' })),
    );
    const views: BundleView[] = [];
    for (const bundle of bundles) {
      views.push({
        bundle,
        members: members
          .filter((member) => member.bundleId === bundle.id)
          .map((member) => ({
            member,
            name: names.find((n) => n.memberId === member.id)?.name ?? null,
            parts: parts.filter((p) => p.memberId === member.id).map((p) => ({ ...p, referralVisible: visibleReferrals.has(p.referralId) })),
          })),
        // Only a bundle the caller could close costs a count of its open parts.
        closeBlockedReason: await this.closeBlockedReason(m, context, bundle),
      });
    }
    return views;
  }

  private async closeBlockedReason(m: EntityManager, context: RequestContext, bundle: BundleRecord): Promise<string | null> {
    if (bundle.status !== 'OPEN') return bundle.status === 'CLOSED' ? 'De bundel is al gesloten.' : 'De bundel wordt nog aangemaakt.';
    if (bundle.coordinatingOrganisationId !== context.actor.organisationId) return 'Alleen de organisatie met de regie kan de bundel sluiten.';
    if (!hasAnyRole(context.actor, CLOSE_ROLES)) return 'Alleen een coördinator of behandelaar kan de bundel sluiten.';
    const open = await bundlesStore.openPartCounts(m, bundle.id);
    return open.total > 0 ? this.openPartsText(open).nl : null;
  }


  private requireCaseRole(actor: Actor): void {
    if (!hasAnyRole(actor, CASE_ROLES)) {
      throw AppError.forbidden({
        nl: 'Uw rol geeft geen toegang tot bundels (nodig: BALIE, BEHANDELAAR of COORDINATOR).',
        en: 'Your role gives no access to bundles (needed: BALIE, BEHANDELAAR or COORDINATOR).',
      });
    }
  }

  /** Every rule of the input, before anything is written. Gives the normalised BSNs and the organisations' names. */
  private async check(actor: Actor, c: CreateBundleCommand): Promise<{ bsns: string[]; names: Map<string, string>; participants: string[] }> {
    const key = requireSafeText(c.idempotencyKey, 'idempotencyKey', { max: BUNDLE_LIMITS.idempotencyKey, required: true });
    if (key !== c.idempotencyKey) {
      throw AppError.badInput({ nl: 'De idempotencyKey mag niet met een spatie beginnen of eindigen.', en: 'The idempotencyKey must not start or end with a space.' }, { field: 'idempotencyKey' });
    }
    if (!Array.isArray(c.members) || c.members.length < 1 || c.members.length > BUNDLE_LIMITS.members) {
      throw AppError.badInput({ nl: `Een bundel heeft 1 tot ${BUNDLE_LIMITS.members} gezinsleden.`, en: `A bundle has 1 to ${BUNDLE_LIMITS.members} members.` }, { field: 'members' });
    }
    if (!Array.isArray(c.parts) || c.parts.length < 1 || c.parts.length > BUNDLE_LIMITS.parts) {
      throw AppError.badInput({ nl: `Een bundel heeft 1 tot ${BUNDLE_LIMITS.parts} onderdelen.`, en: `A bundle has 1 to ${BUNDLE_LIMITS.parts} parts.` }, { field: 'parts' });
    }
    const bsns: string[] = [];
    const organisationIds = new Set<string>([c.coordinatingOrganisationId]);
    for (const [i, member] of c.members.entries()) {
      const field = `members[${i}]`;
      requireSafeText(member.key, `${field}.key`, { max: 50, required: true });
      if (c.members.findIndex((x) => x.key === member.key) !== i) {
        throw AppError.badInput({ nl: 'Twee gezinsleden hebben dezelfde sleutel.', en: 'Two members have the same key.' }, { field: `${field}.key` });
      }
      if (!BUNDLE_MEMBER_ROLES.includes(member.role)) {
        throw AppError.badInput({ nl: 'Kies de rol van het gezinslid.', en: 'Choose the member’s role.' }, { field: `${field}.role` });
      }
      const bsn = requireBsn(member.citizen?.bsn, `${field}.citizen.bsn`);
      if (bsns.includes(bsn)) {
        throw AppError.badInput({ nl: 'Twee gezinsleden hebben hetzelfde BSN.', en: 'Two members have the same BSN.' }, { field: `${field}.citizen.bsn` });
      }
      bsns.push(bsn);
      requireSafeText(member.citizen.name, `${field}.citizen.name`, { max: TEXT_LIMITS.citizenName, required: true });
      if (!Array.isArray(member.consents) || member.consents.length > BUNDLE_LIMITS.consentsPerMember) {
        throw AppError.badInput({ nl: 'Te veel toestemmingen voor één gezinslid.', en: 'Too many consents for one member.' }, { field: `${field}.consents` });
      }
      for (const [j, consent] of member.consents.entries()) {
        if (member.consents.findIndex((x) => x.organisationId === consent.organisationId) !== j) {
          throw AppError.badInput({ nl: 'Dezelfde organisatie staat twee keer bij de toestemming.', en: 'The same organisation is listed twice in the consent.' }, { field: `${field}.consents[${j}].organisationId` });
        }
        organisationIds.add(consent.organisationId);
      }
      if (!c.parts.some((p) => p.memberKey === member.key)) {
        throw AppError.badInput({ nl: 'Elk gezinslid in de bundel heeft minstens één onderdeel.', en: 'Every member of the bundle has at least one part.' }, { field: `${field}.key` });
      }
    }
    for (const part of c.parts) organisationIds.add(part.toOrganisationId);
    const found = await this.organisations.findByIds([...organisationIds]);
    const names = new Map(found.filter((o) => o.active).map((o) => [o.id, o.name]));
    const requireOrganisation = (id: string, field: string): string => {
      const name = names.get(id);
      if (!name) throw AppError.badInput({ nl: 'Deze organisatie bestaat niet of is niet actief in Schakel.', en: 'This organisation does not exist or is not active in Schakel.' }, { field });
      return name;
    };
    for (const [i, member] of c.members.entries()) {
      for (const [j, consent] of member.consents.entries()) requireOrganisation(consent.organisationId, `members[${i}].consents[${j}].organisationId`);
    }
    for (const [i, part] of c.parts.entries()) {
      const field = `parts[${i}]`;
      const member = c.members.find((x) => x.key === part.memberKey);
      if (!member) throw AppError.badInput({ nl: 'Dit onderdeel hoort bij geen gezinslid van de bundel.', en: 'This part belongs to no member of the bundle.' }, { field: `${field}.memberKey` });
      const receiver = requireOrganisation(part.toOrganisationId, `${field}.toOrganisationId`);
      if (part.toOrganisationId === actor.organisationId) {
        throw AppError.badInput({ nl: 'U kunt niet naar uw eigen organisatie overdragen.', en: 'You cannot hand off to your own organisation.' }, { field: `${field}.toOrganisationId` });
      }
      if (!member.consents.some((x) => x.organisationId === part.toOrganisationId)) {
        throw AppError.badInput(
          { nl: `Het gezinslid heeft geen toestemming gegeven voor delen met ${receiver}; vraag die toestemming of haal dit onderdeel weg.`, en: `The member gave no consent for sharing with ${receiver}; ask for it or remove this part.` },
          { field: `${field}.toOrganisationId` },
        );
      }
      requireSafeText(part.summary, `${field}.summary`, { max: TEXT_LIMITS.summary, required: true });
    }
    requireOrganisation(c.coordinatingOrganisationId, 'coordinatingOrganisationId');
    const participants = [actor.organisationId, ...c.parts.map((p) => p.toOrganisationId)];
    if (!participants.includes(c.coordinatingOrganisationId)) {
      throw AppError.badInput(
        { nl: 'De regie ligt bij uw eigen organisatie of bij een organisatie die een onderdeel ontvangt.', en: 'The coordinating organisation is your own or one that receives a part.' },
        { field: 'coordinatingOrganisationId' },
      );
    }
    return { bsns, names, participants: [...participants, c.coordinatingOrganisationId] };
  }

  /** The bundle of this key: made now (CREATING), or the earlier one of the same request; another request is CONFLICT. */
  private async startOrFind(actor: Actor, c: CreateBundleCommand, participants: string[], requestHashes: string[]): Promise<{ bundle: BundleRecord }> {
    const attempt = () =>
      this.tx.run(actor, async (m) => {
        const earlier = await bundlesStore.byIdempotencyKey(m, actor.organisationId, c.idempotencyKey);
        if (earlier) {
          if (!requestHashes.includes(earlier.requestHash)) {
            throw AppError.conflict(
              { nl: 'Deze idempotencyKey is al gebruikt voor een andere bundel; gebruik een nieuwe sleutel.', en: 'This idempotencyKey was already used for a different bundle; use a new key.' },
              { field: 'idempotencyKey' },
            );
          }
          return { bundle: earlier };
        }
        const { bundle } = await bundlesStore.insert(m, {
          actor: bundleActor(actor),
          coordinatingOrganisationId: c.coordinatingOrganisationId,
          idempotencyKey: c.idempotencyKey,
          requestHash: requestHashes[0],
          participantIds: participants,
          members: c.members.map((member, position) => ({
            position,
            role: member.role satisfies BundleMemberRole,
            consents: member.consents,
          })),
        });
        return { bundle };
      });
    try {
      return await attempt();
    } catch (error) {
      // Two first requests with one key at once: the loser finds the winner's bundle.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      return attempt();
    }
  }
}
