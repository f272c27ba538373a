import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { AppError, recordProcessing, type RequestContext, requireExistingId, requireSafeText, TenantTransactions } from '@schakel/platform';
import canonicalize from 'canonicalize';
import { DataSource } from 'typeorm';
import { requireCaseRole, REFERRAL_NOT_FOUND } from '../case-access';
import { TEXT_LIMITS } from '../limits';
import { stepActor } from '../store/handoffs.store';
import { type CreatedReferral, type NewBottleneck, referralsStore } from '../store/referrals.store';
import { BsnCrypto } from '../citizens/bsn-crypto.service';
import { requireBsn } from '../citizens/bsn';
import type { BottleneckDetails, CreateReferralCommand } from '../commands';
import { SENDER_ROLES } from '../handoffs/handoff-state-machine';
import { checkReceiverAndConsent } from '../receiver-check';
import type { BottleneckRecord, HandoffRecord, ReferralRecord } from '../store/records';
import { requireNotAnonymised } from '../store/retention.store';

const UNIQUE_VIOLATION = '23505';
/** The most referrals a citizen search returns. */
const CITIZEN_SEARCH_LIMIT = 200;

function newBottleneck(d: BottleneckDetails): NewBottleneck {
  return {
    category: d.category,
    rule: d.rule?.trim() || null,
    description: d.description.trim(),
    customSolutionApplied: d.customSolutionApplied ?? false,
    customSolution: d.customSolution?.trim() || null,
    timelineNote: `${d.category}${d.rule?.trim() ? `: ${d.rule.trim()}` : ''}`,
  };
}

@Injectable()
export class ReferralsService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly organisations: OrganisationsService,
    private readonly bsnCrypto: BsnCrypto,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * A front-desk employee hands a citizen over: the referral, its first handoff (REQUESTED), the
   * consent, the timeline event and the outbox row are written in one transaction.
   */
  async create(context: RequestContext, command: CreateReferralCommand): Promise<ReferralRecord> {
    return (await this.createWithFirstHandoff(context, command)).referral;
  }

  /** As create, also giving the first handoff when this call made it (not on an idempotent retry). */
  async createWithFirstHandoff(context: RequestContext, command: CreateReferralCommand): Promise<{ referral: ReferralRecord; firstHandoff?: HandoffRecord }> {
    const { actor } = context;
    if (!actor.roles.some((r) => SENDER_ROLES.includes(r))) {
      throw AppError.forbidden({
        nl: 'Alleen een baliemedewerker, behandelaar of coördinator kan een inwoner overdragen.',
        en: 'Only a BALIE, BEHANDELAAR or COORDINATOR employee can refer a citizen.',
      });
    }
    const bsn = requireBsn(command.citizen.bsn, 'citizen.bsn');
    // Refused here, not by the database: NUL, lone surrogates, blank or over-long text.
    const name = requireSafeText(command.citizen.name, 'citizen.name', { max: TEXT_LIMITS.citizenName, required: true });
    const summary = requireSafeText(command.summary, 'summary', { max: TEXT_LIMITS.summary, required: true });
    this.checkBottleneck(command.bottleneck);

    // Under every HMAC key of the ring: a retry made before a key rotation still matches.
    const requestHashes = this.bsnCrypto.requestHashes(canonicalize({ ...command, citizen: { ...command.citizen, bsn }, idempotencyKey: null }) ?? '');
    const requestHash = requestHashes[0];

    await checkReceiverAndConsent(this.organisations, actor.organisationId, command.toOrganisationId, command.consent);

    const c = command.citizen;
    const write = (): Promise<CreatedReferral> =>
      referralsStore.create(this.dataSource, {
        referralId: randomUUID(),
        actor: stepActor(actor),
        traceId: context.traceId,
        toOrganisationId: command.toOrganisationId,
        topic: command.topic,
        summary,
        urgency: command.urgency ?? 'NORMAAL',
        idempotencyKey: command.idempotencyKey ?? null,
        requestHash,
        consentMethod: command.consent.method,
        citizen: {
          bsnEncrypted: this.bsnCrypto.encrypt(bsn),
          bsnHash: this.bsnCrypto.lookupHash(bsn),
          subjectPseudonym: this.bsnCrypto.pseudonym(bsn),
          name,
          phone: c.phone ?? null,
          email: c.email ?? null,
          preferredChannel: c.preferredChannel ?? null,
          doNotContact: c.doNotContact ?? false,
          bsnKeyId: this.bsnCrypto.encryptionKeyId,
          hmacKeyId: this.bsnCrypto.hmacKeyId,
        },
        bottleneck: command.bottleneck ? newBottleneck(command.bottleneck) : null,
      });
    let created: CreatedReferral;
    try {
      created = await write();
    } catch (error) {
      // Two requests with the same key at once: the loser's statement fails on the unique key;
      // asked again it finds the winner's referral and answers like a retry.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || !command.idempotencyKey) throw error;
      created = await write();
    }
    if (created.existing) return { referral: this.sameRequestOrConflict(created.referral, requestHashes) };
    return { referral: created.referral, firstHandoff: created.firstHandoff };
  }

  async get(context: RequestContext, id: string): Promise<ReferralRecord> {
    requireCaseRole(context.actor);
    requireExistingId(id, REFERRAL_NOT_FOUND);
    const referral = await this.tx.run(context.actor, (m) => referralsStore.find(m, id));
    if (!referral) throw AppError.notFound(REFERRAL_NOT_FOUND);
    return referral;
  }

  /** Referrals of one citizen that the caller's organisation takes part in. */
  async forCitizen(context: RequestContext, bsnInput: string): Promise<ReferralRecord[]> {
    requireCaseRole(context.actor);
    const bsn = requireBsn(bsnInput, 'bsn');
    return this.tx.run(context.actor, async (m) => {
      // Current key first, then previous ones: rows not yet rewritten by a key rotation are found too.
      const referrals = await referralsStore.forCitizen(m, this.bsnCrypto.lookupHashes(bsn), CITIZEN_SEARCH_LIMIT);
      await recordProcessing(m, context, [{ activity: 'citizen.search', subjectPseudonym: this.bsnCrypto.pseudonym(bsn) }]);
      return referrals;
    });
  }

  async addNote(context: RequestContext, referralId: string, text: string): Promise<ReferralRecord> {
    requireCaseRole(context.actor);
    requireExistingId(referralId, REFERRAL_NOT_FOUND);
    const note = requireSafeText(text, 'text', { max: TEXT_LIMITS.note, required: true });
    return this.tx.run(context.actor, async (m) => {
      const referral = await referralsStore.find(m, referralId);
      if (!referral) throw AppError.notFound(REFERRAL_NOT_FOUND);
      await requireNotAnonymised(m, referralId);
      await referralsStore.addReferralEvent(m, { referralId, type: 'NOTE_ADDED', note, actor: stepActor(context.actor), topic: 'referral.note_added' });
      return referral;
    });
  }

  async flagBottleneck(context: RequestContext, referralId: string, details: BottleneckDetails): Promise<BottleneckRecord> {
    requireCaseRole(context.actor);
    requireExistingId(referralId, REFERRAL_NOT_FOUND);
    this.checkBottleneck(details);
    return this.tx.run(context.actor, async (m) => {
      const referral = await referralsStore.find(m, referralId);
      if (!referral) throw AppError.notFound(REFERRAL_NOT_FOUND);
      await requireNotAnonymised(m, referralId);
      return referralsStore.addBottleneck(m, referralId, newBottleneck(details), stepActor(context.actor));
    });
  }

  private checkBottleneck(d: BottleneckDetails | null | undefined): void {
    if (!d) return;
    if (typeof d.description !== 'string' || d.description.trim().length === 0) {
      throw AppError.badInput({ nl: 'Beschrijf het knelpunt.', en: 'Describe the bottleneck.' }, { field: 'bottleneck.description' });
    }
    requireSafeText(d.description, 'bottleneck.description', { max: TEXT_LIMITS.bottleneckDescription, required: true });
    requireSafeText(d.rule, 'bottleneck.rule', { max: TEXT_LIMITS.bottleneckRule });
    requireSafeText(d.customSolution, 'bottleneck.customSolution', { max: TEXT_LIMITS.customSolution });
    if (d.customSolutionApplied && !d.customSolution?.trim()) {
      throw AppError.badInput({
        nl: 'Leg uit welk maatwerk is toegepast en waarom (customSolution).',
        en: 'Explain which custom solution (maatwerk) was applied and why (customSolution).',
      }, { field: 'bottleneck.customSolution' });
    }
  }

  private sameRequestOrConflict(earlier: ReferralRecord, requestHashes: string[]): ReferralRecord {
    if (earlier.requestHash !== null && requestHashes.includes(earlier.requestHash)) return earlier;
    throw AppError.conflict({
      nl: 'Deze idempotencyKey is al gebruikt voor een andere verwijzing; gebruik een nieuwe sleutel.',
      en: 'This idempotencyKey was already used for a different referral; use a new key.',
    }, { field: 'idempotencyKey' });
  }
}
