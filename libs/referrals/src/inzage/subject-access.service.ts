import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { AppError, hasAnyRole, recordProcessing, type RequestContext, requireExistingId, requireSafeText, TenantTransactions } from '@schakel/platform';
import { REFERRAL_NOT_FOUND } from '../case-access';
import { BsnCrypto } from '../citizens/bsn-crypto.service';
import { requireBsn } from '../citizens/bsn';
import { CASE_ROLES } from '../handoffs/handoff-state-machine';
import type { TimelineEventRecord } from '../store/records';
import { stepActor } from '../store/handoffs.store';
import { referralsStore } from '../store/referrals.store';
import { TEXT_LIMITS } from '../limits';
import { caseParts, groupBy } from '../referrals/case-reader.service';
import type { ConsentMethod, ContactChannel, HandoffStatus, ReferralStatus, ReferralTopic, TimelineEventType, Urgency } from '../referral.enums';

/** What each processing-log activity was for, in plain Dutch (the "why" of an inzage). */
export const PROCESSING_PURPOSES: Record<string, string> = {
  'referral.create': 'De inwoner is doorverwezen naar een andere organisatie (warme overdracht, met toestemming).',
  'citizen.read': 'De gegevens van de inwoner zijn bekeken om de hulpvraag te behandelen.',
  'citizen.search': 'Er is op BSN gezocht naar verwijzingen van de inwoner.',
  inzage: 'Er is een overzicht gemaakt van alle gegevens, op verzoek van de inwoner (inzage, AVG artikel 15).',
  'correction.request': 'Een verzoek van de inwoner om gegevens te verbeteren is vastgelegd (AVG artikel 16).',
  'objection.record': 'Een bezwaar van de inwoner tegen het gebruik van gegevens is vastgelegd (AVG artikel 21).',
};
const OTHER_PURPOSE = 'De gegevens zijn gebruikt voor de doorverwijzing.';

export interface SubjectAccessCitizen {
  name: string | null;
  phone: string | null;
  email: string | null;
  preferredChannel: ContactChannel | null;
  doNotContact: boolean;
  /** Contact details kept by the referring organisation only (doNotContact): not shown here. */
  contactHidden: boolean;
}

export interface SubjectAccessReferral {
  id: string;
  topic: ReferralTopic;
  summary: string | null;
  urgency: Urgency;
  status: ReferralStatus;
  createdAt: Date;
  closedAt: Date | null;
  originOrganisation: string;
  citizen: SubjectAccessCitizen;
  handoffs: Array<{ sequence: number; from: string; to: string; status: HandoffStatus; reason: string | null; summary: string | null; outcome: string | null; outcomeNote: string | null; requestedAt: Date; completedAt: Date | null }>;
  consents: Array<{ organisation: string; method: ConsentMethod; recordedAt: Date }>;
  timeline: Array<{ type: TimelineEventType; organisation: string; note: string | null; occurredAt: Date }>;
  bottlenecks: Array<{ category: string; rule: string | null; description: string | null; customSolution: string | null; createdAt: Date }>;
}

export interface SubjectAccessProcessing {
  occurredAt: Date;
  organisation: string;
  activity: string;
  purpose: string;
  referralId: string | null;
}

export interface SubjectAccessReport {
  generatedAt: Date;
  organisation: string;
  referrals: SubjectAccessReferral[];
  processing: SubjectAccessProcessing[];
  /** False when a limit (500 referrals, 10 000 log records) cut the report short. */
  complete: boolean;
}

const MAX_REFERRALS = 500;
const MAX_LOG = 10_000;

export const PRIVACY_ROLE = 'PRIVACY' as const;

/**
 * Inzage (AVG art. 15), correction (art. 16) and objection (art. 21). The report holds what
 * Schakel has about one BSN in the referrals the officer's organisation takes part in (row-level
 * security decides, as for case reads), plus the processing log of those referrals and of the
 * officer's own organisation; the request itself is logged first, so it is in the report too.
 * Employee names are left out: the processing log names organisations, not our people.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly bsnCrypto: BsnCrypto,
    private readonly organisations: OrganisationsService,
  ) {}

  async report(context: RequestContext, bsnInput: string): Promise<SubjectAccessReport> {
    const { actor } = context;
    if (actor.kind !== 'employee' || !actor.roles.includes(PRIVACY_ROLE)) {
      throw AppError.forbidden({
        nl: 'Alleen een privacymedewerker (rol PRIVACY) kan een inzageoverzicht maken.',
        en: 'Only a privacy officer (role PRIVACY) can produce a subject access report.',
      });
    }
    const bsn = requireBsn(bsnInput, 'bsn');

    return this.tx.run(actor, async (m) => {
      await recordProcessing(m, context, [{ activity: 'inzage', subjectPseudonym: this.bsnCrypto.pseudonym(bsn) }]);
      const rows = await referralsStore.subjectReferrals(m, this.bsnCrypto.lookupHashes(bsn), MAX_REFERRALS + 1);
      const referralRows = rows.slice(0, MAX_REFERRALS);
      const ids = referralRows.map((r) => r.id);
      // One connection per transaction: the reads run one after the other.
      const handoffs = await caseParts.handoffs(m, ids);
      const timeline = await caseParts.timeline(m, ids);
      const bottlenecks = await caseParts.bottlenecks(m, ids);
      const consentRows = await referralsStore.consentsOf(m, ids);
      const consents = groupBy(ids, consentRows, (c) => c.referralId);
      const log = await referralsStore.subjectProcessingLog(m, this.bsnCrypto.pseudonyms(bsn));
      const names = await this.organisationNames([
        actor.organisationId,
        ...referralRows.map((r) => r.originOrganisationId),
        ...handoffs.flat().flatMap((h) => [h.fromOrganisationId, h.toOrganisationId]),
        ...timeline.flat().map((t) => t.actorOrganisationId),
        ...consentRows.map((c) => c.organisationId),
        ...log.map((l) => l.organisationId),
      ]);

      return {
        generatedAt: new Date(),
        organisation: names(actor.organisationId),
        complete: rows.length <= MAX_REFERRALS && log.length < MAX_LOG,
        referrals: referralRows.map((r, i) => {
          // The same rule as case reads: a citizen flagged doNotContact shows contact details only
          // to the referring organisation (safety, e.g. domestic violence); the report says so.
          const contactHidden = r.doNotContact && r.originOrganisationId !== actor.organisationId;
          return {
            id: r.id,
            topic: r.topic,
            summary: r.summary,
            urgency: r.urgency,
            status: r.status,
            createdAt: r.createdAt,
            closedAt: r.closedAt,
            originOrganisation: names(r.originOrganisationId),
            citizen: {
              name: r.name,
              phone: contactHidden ? null : r.phone,
              email: contactHidden ? null : r.email,
              preferredChannel: contactHidden ? null : r.preferredChannel,
              doNotContact: r.doNotContact,
              contactHidden,
            },
            handoffs: handoffs[i].map((h) => ({
              sequence: h.sequence,
              from: names(h.fromOrganisationId),
              to: names(h.toOrganisationId),
              status: h.status,
              reason: h.reason,
              summary: h.summary,
              outcome: h.outcome,
              outcomeNote: h.outcomeNote,
              requestedAt: h.requestedAt,
              completedAt: h.completedAt,
            })),
            consents: consents[i].map((c) => ({ organisation: names(c.organisationId), method: c.method, recordedAt: c.recordedAt })),
            timeline: timeline[i].map((t) => ({ type: t.type, organisation: names(t.actorOrganisationId), note: t.note, occurredAt: t.occurredAt })),
            bottlenecks: bottlenecks[i].map((b) => ({ category: b.category, rule: b.rule, description: b.description, customSolution: b.customSolution, createdAt: b.createdAt })),
          };
        }),
        processing: log.map((l) => ({
          occurredAt: l.occurredAt,
          organisation: names(l.organisationId),
          activity: l.activity,
          purpose: PROCESSING_PURPOSES[l.activity] ?? OTHER_PURPOSE,
          referralId: l.referralId,
        })),
      };
    });
  }

  /** AVG art. 16: the citizen asks to correct data in this referral. */
  recordCorrectionRequest(context: RequestContext, referralId: string, note: string): Promise<TimelineEventRecord> {
    return this.recordRequest(context, referralId, note, 'CORRECTION_REQUESTED', 'correction.request');
  }

  /** AVG art. 21: the citizen objects to the processing of data in this referral. */
  recordObjection(context: RequestContext, referralId: string, note: string): Promise<TimelineEventRecord> {
    return this.recordRequest(context, referralId, note, 'OBJECTION_RECORDED', 'objection.record');
  }

  /**
   * A timeline event on the referral, by the privacy officer or a case role of an organisation in
   * its chain (row-level security: anyone else gets NOT_FOUND), logged in the processing log.
   */
  private async recordRequest(context: RequestContext, referralId: string, text: string, type: 'CORRECTION_REQUESTED' | 'OBJECTION_RECORDED', activity: string): Promise<TimelineEventRecord> {
    const { actor } = context;
    if (!hasAnyRole(actor, [...CASE_ROLES, PRIVACY_ROLE])) {
      throw AppError.forbidden({
        nl: 'Alleen een privacymedewerker of een baliemedewerker, behandelaar of coördinator kan dit vastleggen.',
        en: 'Only a privacy officer or a BALIE, BEHANDELAAR or COORDINATOR employee can record this.',
      });
    }
    requireExistingId(referralId, REFERRAL_NOT_FOUND);
    const note = requireSafeText(text, 'note', { max: TEXT_LIMITS.note, required: true });
    return this.tx.run(actor, async (m) => {
      const referral = await referralsStore.find(m, referralId);
      if (!referral) throw AppError.notFound(REFERRAL_NOT_FOUND);
      const event = await referralsStore.addReferralEvent(m, { referralId, type, note, actor: stepActor(actor), topic: null });
      const pseudonym = await referralsStore.citizenPseudonym(m, referralId);
      if (pseudonym) await recordProcessing(m, context, [{ activity, subjectPseudonym: pseudonym, referralId }]);
      return event;
    });
  }

  /** Names from the organisation directory (public, cached; no lock is held while it is read). */
  private async organisationNames(ids: string[]): Promise<(id: string) => string> {
    const rows = await this.organisations.findByIds([...new Set(ids)]);
    const map = new Map(rows.map((r) => [r.id, r.name]));
    return (id) => map.get(id) ?? 'onbekende organisatie';
  }
}
