import type { DataSource, EntityManager } from 'typeorm';
import { type BottleneckCategory, type ConsentMethod, type ContactChannel, CONTACT_CHANNELS, REFERRAL_STATUSES, REFERRAL_TOPICS, type ReferralStatus, type ReferralTopic, URGENCIES, type Urgency } from '../referral.enums';
import {
  BOTTLENECK_COLUMNS,
  type BottleneckRecord,
  CITIZEN_COLUMNS,
  type CitizenRecord,
  type ConsentRecord,
  type HandoffRecord,
  parseBottleneck,
  parseCitizen,
  parseConsent,
  parseHandoff,
  parseReferral,
  parseTimelineEvent,
  REFERRAL_COLUMNS,
  type ReferralRecord,
  TIMELINE_COLUMNS,
  type TimelineEventRecord,
} from './records';
import type { StepActor } from './handoffs.store';
import { asRow, parseRows, reader } from './row';

/**
 * Every statement on a referral and the tables that hang off it (participants, citizen,
 * consents, timeline events, knelpunten). Functions taking an EntityManager run in the caller's
 * tenant transaction; `create` is one statement on its own (see `app_create_referral`).
 */

/** What `app_create_referral` writes; the BSN arrives encrypted, hashed and pseudonymised. */
export interface NewReferral {
  referralId: string;
  actor: StepActor;
  traceId: string;
  toOrganisationId: string;
  topic: ReferralTopic;
  summary: string;
  urgency: Urgency;
  idempotencyKey: string | null;
  requestHash: string;
  consentMethod: ConsentMethod;
  citizen: {
    bsnEncrypted: string;
    bsnHash: string;
    subjectPseudonym: string;
    name: string;
    phone: string | null;
    email: string | null;
    preferredChannel: ContactChannel | null;
    doNotContact: boolean;
    bsnKeyId: string;
    hmacKeyId: string;
  };
  bottleneck: NewBottleneck | null;
}

export interface NewBottleneck {
  category: BottleneckCategory;
  rule: string | null;
  description: string;
  customSolutionApplied: boolean;
  customSolution: string | null;
  /** The BOTTLENECK_FLAGGED event's note ("CATEGORIE: regel"). */
  timelineNote: string;
}

/** Timeline events written outside the state machine's steps (notes, AVG requests, the warm moment). */
export type ReferralEventType =
  | 'NOTE_ADDED'
  | 'CORRECTION_REQUESTED'
  | 'OBJECTION_RECORDED'
  | 'CALLBACK_BOOKED'
  | 'CALLBACK_RELEASED'
  | 'LIVE_REQUESTED'
  | 'LIVE_PICKED_UP'
  | 'LIVE_FELL_BACK'
  | 'BUNDLE_LINKED';

export type CreatedReferral = { existing: true; referral: ReferralRecord } | { existing: false; referral: ReferralRecord; firstHandoff: HandoffRecord };

/** A citizen with the organisation that referred them (who may see contact details when doNotContact). */
export interface CitizenWithOrigin extends CitizenRecord {
  originOrganisationId: string;
}

function parseCreated(value: unknown): CreatedReferral {
  const result = asRow(asRow(value, 'app_create_referral').result, 'app_create_referral');
  const referral = parseReferral(result.referral);
  if (reader('app_create_referral', result).bool('existing')) return { existing: true, referral };
  return { existing: false, referral, firstHandoff: parseHandoff(result.handoff) };
}

/** A referral with its citizen, as an inzage shows it (anonymised fields are null). */
export interface SubjectReferralRow {
  id: string;
  topic: ReferralTopic;
  summary: string | null;
  urgency: Urgency;
  status: ReferralStatus;
  createdAt: Date;
  closedAt: Date | null;
  originOrganisationId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  preferredChannel: ContactChannel | null;
  doNotContact: boolean;
}

function parseSubjectReferral(value: unknown): SubjectReferralRow {
  const r = reader('referrals', asRow(value, 'referrals'));
  return {
    id: r.text('id'),
    topic: r.oneOf('topic', REFERRAL_TOPICS),
    summary: r.nullableText('summary'),
    urgency: r.oneOf('urgency', URGENCIES),
    status: r.oneOf('status', REFERRAL_STATUSES),
    createdAt: r.date('created_at'),
    closedAt: r.nullableDate('closed_at'),
    originOrganisationId: r.text('origin_organisation_id'),
    name: r.nullableText('name'),
    phone: r.nullableText('phone'),
    email: r.nullableText('email'),
    preferredChannel: r.nullableOneOf('preferred_channel', CONTACT_CHANNELS),
    doNotContact: r.bool('do_not_contact'),
  };
}

/** A processing-log record about one data subject (for an inzage). */
export interface SubjectProcessingRow {
  occurredAt: Date;
  activity: string;
  organisationId: string;
  referralId: string | null;
}

export const referralsStore = {
  /**
   * The referral, its citizen, first handoff, consent, timeline event, outbox row, optional
   * knelpunt and the processing and audit log, in ONE round trip: one statement, so one implicit
   * transaction (not inside another one). Or the earlier referral of this idempotency key.
   */
  async create(dataSource: DataSource, r: NewReferral): Promise<CreatedReferral> {
    const payload = {
      organisationId: r.actor.organisationId,
      employeeId: r.actor.employeeId,
      machineClientId: r.actor.machineClientId,
      traceId: r.traceId,
      referralId: r.referralId,
      toOrganisationId: r.toOrganisationId,
      topic: r.topic,
      summary: r.summary,
      urgency: r.urgency,
      idempotencyKey: r.idempotencyKey,
      requestHash: r.requestHash,
      consentMethod: r.consentMethod,
      citizen: r.citizen,
      bottleneck: r.bottleneck,
    };
    const rows = parseRows(await dataSource.query(`SELECT app_create_referral($1::jsonb) AS result`, [JSON.stringify(payload)]), parseCreated);
    return rows[0];
  },

  async find(m: EntityManager, id: string): Promise<ReferralRecord | undefined> {
    return parseRows(await m.query(`SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.id = $1`, [id]), parseReferral)[0];
  },

  async byIds(m: EntityManager, ids: readonly string[]): Promise<ReferralRecord[]> {
    return parseRows(await m.query(`SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.id = ANY($1::uuid[])`, [ids]), parseReferral);
  },

  async byIdempotencyKey(m: EntityManager, organisationId: string, key: string): Promise<ReferralRecord | undefined> {
    return parseRows(
      await m.query(`SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.origin_organisation_id = $1 AND r.idempotency_key = $2`, [organisationId, key]),
      parseReferral,
    )[0];
  },

  /** Referrals of a citizen (any of the BSN's lookup hashes, one per key of the ring), newest first. */
  async forCitizen(m: EntityManager, bsnHashes: readonly string[], limit: number): Promise<ReferralRecord[]> {
    return parseRows(
      await m.query(
        `SELECT ${REFERRAL_COLUMNS} FROM referrals r JOIN citizens c ON c.referral_id = r.id
          WHERE c.bsn_hash = ANY($1::text[]) ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
        [bsnHashes, limit],
      ),
      parseReferral,
    );
  },

  /** The (not anonymised) citizens of these referrals, with each referral's origin organisation. */
  async citizens(m: EntityManager, referralIds: readonly string[]): Promise<CitizenWithOrigin[]> {
    return parseRows(
      await m.query(
        `SELECT ${CITIZEN_COLUMNS}, r.origin_organisation_id FROM citizens c JOIN referrals r ON r.id = c.referral_id
          WHERE c.referral_id = ANY($1::uuid[]) AND c.anonymised_at IS NULL`,
        [referralIds],
      ),
      (value) => ({ ...parseCitizen(value), originOrganisationId: reader('referrals', asRow(value, 'referrals')).text('origin_organisation_id') }),
    );
  },

  /** An inzage's referrals of one citizen (any lookup hash of the ring), oldest first; up to `limit`. */
  async subjectReferrals(m: EntityManager, bsnHashes: readonly string[], limit: number): Promise<SubjectReferralRow[]> {
    return parseRows(
      await m.query(
        `SELECT r.id, r.topic, r.summary, r.urgency, r.status, r.created_at, r.closed_at, r.origin_organisation_id,
                c.name, c.phone, c.email, c.preferred_channel, c.do_not_contact
           FROM citizens c JOIN referrals r ON r.id = c.referral_id
          WHERE c.bsn_hash = ANY($1::text[]) ORDER BY r.created_at, r.id LIMIT $2`,
        [bsnHashes, limit],
      ),
      parseSubjectReferral,
    );
  },

  /** The processing log of one data subject that the current organisation may show (app_subject_processing_log). */
  async subjectProcessingLog(m: EntityManager, pseudonyms: readonly string[]): Promise<SubjectProcessingRow[]> {
    return parseRows(
      await m.query(`SELECT occurred_at, activity, organisation_id, referral_id FROM app_subject_processing_log($1::text[])`, [pseudonyms]),
      (value): SubjectProcessingRow => {
        const r = reader('processing_log', asRow(value, 'processing_log'));
        return { occurredAt: r.date('occurred_at'), activity: r.text('activity'), organisationId: r.text('organisation_id'), referralId: r.nullableText('referral_id') };
      },
    );
  },

  /** The citizen's pseudonym (null once anonymised). */
  async citizenPseudonym(m: EntityManager, referralId: string): Promise<string | null> {
    const rows = parseRows(await m.query(`SELECT subject_pseudonym FROM citizens WHERE referral_id = $1`, [referralId]), (v) => reader('citizens', asRow(v, 'citizens')).nullableText('subject_pseudonym'));
    return rows[0] ?? null;
  },

  async citizenDoNotContact(m: EntityManager, referralId: string): Promise<boolean> {
    const rows = parseRows(await m.query(`SELECT do_not_contact FROM citizens WHERE referral_id = $1`, [referralId]), (v) => reader('citizens', asRow(v, 'citizens')).bool('do_not_contact'));
    return rows[0] ?? false;
  },

  async timelineOf(m: EntityManager, referralIds: readonly string[]): Promise<TimelineEventRecord[]> {
    return parseRows(await m.query(`SELECT ${TIMELINE_COLUMNS} FROM timeline_events t WHERE t.referral_id = ANY($1::uuid[]) ORDER BY t.referral_id, t.id`, [referralIds]), parseTimelineEvent);
  },

  async bottlenecksOf(m: EntityManager, referralIds: readonly string[]): Promise<BottleneckRecord[]> {
    return parseRows(
      await m.query(`SELECT ${BOTTLENECK_COLUMNS} FROM bottlenecks b WHERE b.referral_id = ANY($1::uuid[]) ORDER BY b.referral_id, b.created_at`, [referralIds]),
      parseBottleneck,
    );
  },

  async consentsOf(m: EntityManager, referralIds: readonly string[]): Promise<ConsentRecord[]> {
    return parseRows(
      await m.query(
        `SELECT id, referral_id, handoff_id, organisation_id, method, recorded_by_employee_id, recorded_at
           FROM consents WHERE referral_id = ANY($1::uuid[]) ORDER BY referral_id, recorded_at`,
        [referralIds],
      ),
      parseConsent,
    );
  },

  /**
   * A timeline event without a handoff (a note, a privacy request) and its outbox row, with the
   * chain's organisations, in one statement.
   */
  async addReferralEvent(
    m: EntityManager,
    e: { referralId: string; handoffId?: string | null; type: ReferralEventType; note: string | null; actor: StepActor; topic: 'referral.note_added' | null },
  ): Promise<TimelineEventRecord> {
    const rows = parseRows(
      await m.query(
        `WITH tl AS (
           INSERT INTO timeline_events AS t (referral_id, handoff_id, type, actor_employee_id, actor_organisation_id, note, actor_machine_client_id)
           VALUES ($1, $8, $2, $3, $4, $5, $6) RETURNING ${TIMELINE_COLUMNS}),
         ob AS (
           INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload)
           SELECT $7, 'referral', $1, jsonb_build_object('referralId', $1::uuid, 'organisationIds', to_jsonb(ARRAY(
                    SELECT DISTINCT o FROM handoffs h, unnest(ARRAY[h.from_organisation_id, h.to_organisation_id]) AS o WHERE h.referral_id = $1 ORDER BY 1)))
            WHERE $7::text IS NOT NULL)
         SELECT * FROM tl`,
        [e.referralId, e.type, e.actor.employeeId, e.actor.organisationId, e.note, e.actor.machineClientId, e.topic, e.handoffId ?? null],
      ),
      parseTimelineEvent,
    );
    return rows[0];
  },

  /** A knelpunt, its BOTTLENECK_FLAGGED event and outbox row, in one statement. */
  async addBottleneck(m: EntityManager, referralId: string, b: NewBottleneck, actor: StepActor): Promise<BottleneckRecord> {
    const rows = parseRows(
      await m.query(
        `WITH bn AS (
           INSERT INTO bottlenecks AS b (referral_id, organisation_id, employee_id, category, rule, description, custom_solution_applied, custom_solution)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${BOTTLENECK_COLUMNS}),
         tl AS (
           INSERT INTO timeline_events (referral_id, handoff_id, type, actor_employee_id, actor_organisation_id, note, actor_machine_client_id)
           VALUES ($1, NULL, 'BOTTLENECK_FLAGGED', $3, $2, $9, $10)),
         ob AS (
           INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload)
           SELECT 'referral.bottleneck_flagged', 'referral', $1, jsonb_build_object('referralId', $1::uuid, 'bottleneckId', bn.id, 'category', bn.category,
                  'organisationIds', to_jsonb(ARRAY(
                    SELECT DISTINCT o FROM handoffs h, unnest(ARRAY[h.from_organisation_id, h.to_organisation_id]) AS o WHERE h.referral_id = $1 ORDER BY 1)))
             FROM bn)
         SELECT * FROM bn`,
        [referralId, actor.organisationId, actor.employeeId, b.category, b.rule, b.description, b.customSolutionApplied, b.customSolution, b.timelineNote, actor.machineClientId],
      ),
      parseBottleneck,
    );
    return rows[0];
  },
};
