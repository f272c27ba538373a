import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { AppError, recordProcessing, type RequestContext, requireExistingId, requireSafeText, TenantTransactions, writeOutbox } from '@schakel/platform';
import canonicalize from 'canonicalize';
import type { EntityManager } from 'typeorm';
import { requireCaseRole, REFERRAL_NOT_FOUND } from '../case-access';
import { chainStore } from '../chain-store';
import { BsnCrypto } from '../citizens/bsn-crypto.service';
import { requireBsn } from '../citizens/bsn';
import type { BottleneckDetails, CreateReferralCommand } from '../commands';
import { SENDER_ROLES } from '../handoffs/handoff-state-machine';
import { checkReceiverAndConsent } from '../receiver-check';
import { type BottleneckRecord, type HandoffRecord, REFERRAL_COLUMNS, type ReferralRecord } from '../records';
import { handoffEventPayload } from '../handoffs/handoff-events';
import { requireNotAnonymised } from '../retention/referral-retention';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class ReferralsService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly organisations: OrganisationsService,
    private readonly bsnCrypto: BsnCrypto,
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
    const name = requireSafeText(command.citizen.name, 'citizen.name', { max: 200, required: true });
    const summary = requireSafeText(command.summary, 'summary', { max: 4000, required: true });
    this.checkBottleneck(command.bottleneck);

    // Under every HMAC key of the ring: a retry made before a key rotation still matches.
    const requestHashes = this.bsnCrypto.requestHashes(canonicalize({ ...command, citizen: { ...command.citizen, bsn }, idempotencyKey: null }) ?? '');
    const requestHash = requestHashes[0];
    if (command.idempotencyKey) {
      const earlier = await this.findByIdempotencyKey(context, command.idempotencyKey);
      if (earlier) return { referral: this.sameRequestOrConflict(earlier, requestHashes) };
    }

    await checkReceiverAndConsent(this.organisations, actor.organisationId, command.toOrganisationId, command.consent);

    try {
      return await this.tx.run(actor, async (m) => {
        const referralId = randomUUID();
        await chainStore.addParticipant(m, referralId, actor.organisationId);
        await chainStore.addParticipant(m, referralId, command.toOrganisationId);
        const [referral] = (await m.query(
          `INSERT INTO referrals AS r (id, origin_organisation_id, origin_employee_id, topic, summary, urgency, idempotency_key, request_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           RETURNING ${REFERRAL_COLUMNS}`,
          [referralId, actor.organisationId, actor.employeeId, command.topic, summary, command.urgency ?? 'NORMAAL', command.idempotencyKey ?? null, requestHash],
        )) as ReferralRecord[];

        const pseudonym = this.bsnCrypto.pseudonym(bsn);
        const c = command.citizen;
        await m.query(
          `INSERT INTO citizens (referral_id, bsn_encrypted, bsn_hash, subject_pseudonym, name, phone, email, preferred_channel, do_not_contact, bsn_key_id, hmac_key_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [referralId, this.bsnCrypto.encrypt(bsn), this.bsnCrypto.lookupHash(bsn), pseudonym, name, c.phone ?? null, c.email ?? null, c.preferredChannel ?? null, c.doNotContact ?? false, this.bsnCrypto.encryptionKeyId, this.bsnCrypto.hmacKeyId],
        );

        const handoff = await chainStore.insertHandoff(m, {
          referralId,
          sequence: 1,
          previousHandoffId: null,
          fromOrganisationId: actor.organisationId,
          fromEmployeeId: actor.employeeId,
          toOrganisationId: command.toOrganisationId,
          reason: null,
          summary: null,
        });
        await chainStore.insertConsent(m, { referralId, handoffId: handoff.id, organisationId: command.toOrganisationId, method: command.consent.method }, context);
        await chainStore.appendTimeline(m, { referralId, handoffId: handoff.id, type: 'REQUESTED' }, context);
        await writeOutbox(m, { topic: 'handoff.requested', aggregateType: 'handoff', aggregateId: handoff.id, payload: handoffEventPayload(handoff, [actor.organisationId, command.toOrganisationId], { urgency: referral.urgency, topic: referral.topic }) });
        if (command.bottleneck) await this.addBottleneck(m, context, referralId, command.bottleneck);
        await recordProcessing(m, context, [{ activity: 'referral.create', subjectPseudonym: pseudonym, referralId }]);
        return { referral, firstHandoff: handoff };
      });
    } catch (error) {
      // Two requests with the same key at once: the loser answers like a retry.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && command.idempotencyKey) {
        const earlier = await this.findByIdempotencyKey(context, command.idempotencyKey);
        if (earlier) return { referral: this.sameRequestOrConflict(earlier, requestHashes) };
      }
      throw error;
    }
  }

  async get(context: RequestContext, id: string): Promise<ReferralRecord> {
    requireCaseRole(context.actor);
    requireExistingId(id, REFERRAL_NOT_FOUND);
    const referral = await this.tx.run(context.actor, (m) => chainStore.findReferral(m, id));
    if (!referral) throw AppError.notFound(REFERRAL_NOT_FOUND);
    return referral;
  }

  /** Referrals of one citizen that the caller's organisation takes part in. */
  async forCitizen(context: RequestContext, bsnInput: string): Promise<ReferralRecord[]> {
    requireCaseRole(context.actor);
    const bsn = requireBsn(bsnInput, 'bsn');
    return this.tx.run(context.actor, async (m) => {
      const referrals: ReferralRecord[] = await m.query(
        `SELECT ${REFERRAL_COLUMNS} FROM referrals r JOIN citizens c ON c.referral_id = r.id
          WHERE c.bsn_hash = ANY($1::text[]) ORDER BY r.created_at DESC, r.id DESC LIMIT 200`,
        // Current key first, then previous ones: rows not yet rewritten by a key rotation are found too.
        [this.bsnCrypto.lookupHashes(bsn)],
      );
      await recordProcessing(m, context, [{ activity: 'citizen.search', subjectPseudonym: this.bsnCrypto.pseudonym(bsn) }]);
      return referrals;
    });
  }

  async addNote(context: RequestContext, referralId: string, text: string): Promise<ReferralRecord> {
    requireCaseRole(context.actor);
    requireExistingId(referralId, REFERRAL_NOT_FOUND);
    const note = requireSafeText(text, 'text', { max: 4000, required: true });
    return this.tx.run(context.actor, async (m) => {
      const referral = await chainStore.findReferral(m, referralId);
      if (!referral) throw AppError.notFound(REFERRAL_NOT_FOUND);
      await requireNotAnonymised(m, referralId);
      await chainStore.appendTimeline(m, { referralId, handoffId: null, type: 'NOTE_ADDED', note }, context);
      await writeOutbox(m, { topic: 'referral.note_added', aggregateType: 'referral', aggregateId: referralId, payload: { referralId, organisationIds: await chainStore.chainOrganisationIds(m, referralId) } });
      return referral;
    });
  }

  async flagBottleneck(context: RequestContext, referralId: string, details: BottleneckDetails): Promise<BottleneckRecord> {
    requireCaseRole(context.actor);
    requireExistingId(referralId, REFERRAL_NOT_FOUND);
    this.checkBottleneck(details);
    return this.tx.run(context.actor, async (m) => {
      const referral = await chainStore.findReferral(m, referralId);
      if (!referral) throw AppError.notFound(REFERRAL_NOT_FOUND);
      await requireNotAnonymised(m, referralId);
      return this.addBottleneck(m, context, referralId, details);
    });
  }

  private async addBottleneck(m: EntityManager, context: RequestContext, referralId: string, d: BottleneckDetails): Promise<BottleneckRecord> {
    const bottleneck = await chainStore.insertBottleneck(
      m,
      {
        referralId,
        category: d.category,
        rule: d.rule?.trim() || null,
        description: d.description.trim(),
        customSolutionApplied: d.customSolutionApplied ?? false,
        customSolution: d.customSolution?.trim() || null,
      },
      context,
    );
    await chainStore.appendTimeline(m, { referralId, handoffId: null, type: 'BOTTLENECK_FLAGGED', note: `${d.category}${d.rule ? `: ${d.rule}` : ''}` }, context);
    await writeOutbox(m, { topic: 'referral.bottleneck_flagged', aggregateType: 'referral', aggregateId: referralId, payload: { referralId, bottleneckId: bottleneck.id, category: d.category, organisationIds: await chainStore.chainOrganisationIds(m, referralId) } });
    return bottleneck;
  }

  private checkBottleneck(d: BottleneckDetails | null | undefined): void {
    if (!d) return;
    if (typeof d.description !== 'string' || d.description.trim().length === 0) {
      throw AppError.badInput({ nl: 'Beschrijf het knelpunt.', en: 'Describe the bottleneck.' }, { field: 'bottleneck.description' });
    }
    requireSafeText(d.description, 'bottleneck.description', { max: 4000, required: true });
    requireSafeText(d.rule, 'bottleneck.rule', { max: 500 });
    requireSafeText(d.customSolution, 'bottleneck.customSolution', { max: 4000 });
    if (d.customSolutionApplied && !d.customSolution?.trim()) {
      throw AppError.badInput({
        nl: 'Leg uit welk maatwerk is toegepast en waarom (customSolution).',
        en: 'Explain which custom solution (maatwerk) was applied and why (customSolution).',
      }, { field: 'bottleneck.customSolution' });
    }
  }

  private findByIdempotencyKey(context: RequestContext, key: string): Promise<ReferralRecord | undefined> {
    return this.tx.run(context.actor, async (m) => {
      const rows: ReferralRecord[] = await m.query(
        `SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.origin_organisation_id = $1 AND r.idempotency_key = $2`,
        [context.actor.organisationId, key],
      );
      return rows[0];
    });
  }

  private sameRequestOrConflict(earlier: ReferralRecord, requestHashes: string[]): ReferralRecord {
    if (earlier.requestHash !== null && requestHashes.includes(earlier.requestHash)) return earlier;
    throw AppError.conflict({
      nl: 'Deze idempotencyKey is al gebruikt voor een andere verwijzing; gebruik een nieuwe sleutel.',
      en: 'This idempotencyKey was already used for a different referral; use a new key.',
    }, { field: 'idempotencyKey' });
  }
}
