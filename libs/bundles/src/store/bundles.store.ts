import type { ConsentMethod, ReferralTopic, Urgency } from '@schakel/referrals';
import type { EntityManager } from 'typeorm';
import type { BundleMemberRole, BundleStatus } from '../bundle.enums';
import {
  BUNDLE_COLUMNS,
  type BundleRecord,
  type MemberConsentRecord,
  type MemberName,
  type MemberRecord,
  PART_COLUMNS,
  type PartRecord,
  parseBundle,
  parseMember,
  parseMemberConsent,
  parseMemberName,
  parsePart,
  parsePendingAlert,
  type PendingAlert,
} from './records';
import { int, rowsOf, str } from './row';

/** Who did it: an employee, or a partner system of the organisation. */
export interface BundleActor {
  organisationId: string;
  employeeId: string | null;
  machineClientId: string | null;
}

export interface NewBundle {
  actor: BundleActor;
  coordinatingOrganisationId: string;
  idempotencyKey: string;
  requestHash: string;
  /** Origin, regie and every receiver, once each. */
  participantIds: readonly string[];
  members: ReadonlyArray<{ position: number; role: BundleMemberRole; consents: ReadonlyArray<{ organisationId: string; method: ConsentMethod }> }>;
}

export interface NewPart {
  bundleId: string;
  memberId: string;
  position: number;
  referralId: string;
  toOrganisationId: string;
  topic: ReferralTopic;
  urgency: Urgency;
}

/**
 * Every statement on the bundle tables. All run in the caller's tenant transaction, so row-level
 * security decides what comes back (a member without the caller's consent has no rows).
 */
export const bundlesStore = {
  async byIdempotencyKey(m: EntityManager, originOrganisationId: string, key: string): Promise<BundleRecord | undefined> {
    return rowsOf(await m.query(`SELECT ${BUNDLE_COLUMNS} FROM bundles b WHERE b.origin_organisation_id = $1 AND b.idempotency_key = $2`, [originOrganisationId, key])).map(parseBundle)[0];
  },

  /** The bundle (status CREATING), its participants, members and consents; members come back in position order. */
  async insert(m: EntityManager, b: NewBundle): Promise<{ bundle: BundleRecord; members: MemberRecord[] }> {
    const [bundle] = rowsOf(
      await m.query(
        `INSERT INTO bundles AS b (origin_organisation_id, coordinating_organisation_id, idempotency_key, request_hash, created_by_employee_id, created_by_machine_client_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${BUNDLE_COLUMNS}`,
        [b.actor.organisationId, b.coordinatingOrganisationId, b.idempotencyKey, b.requestHash, b.actor.employeeId, b.actor.machineClientId],
      ),
    ).map(parseBundle);
    await m.query(`INSERT INTO bundle_participants (bundle_id, organisation_id) SELECT $1, o FROM unnest($2::uuid[]) AS o`, [bundle.id, [...new Set(b.participantIds)]]);
    const members = rowsOf(
      await m.query(
        `INSERT INTO bundle_members (bundle_id, position, role)
         SELECT $1, x.position, x.role::bundle_member_role FROM unnest($2::int[], $3::text[]) AS x(position, role)
         RETURNING id, bundle_id, position, role`,
        [bundle.id, b.members.map((x) => x.position), b.members.map((x) => x.role)],
      ),
    )
      .map(parseMember)
      .sort((x, y) => x.position - y.position);
    const consents = b.members.flatMap((x) => x.consents.map((c) => ({ memberId: members[x.position].id, ...c })));
    await m.query(
      `INSERT INTO bundle_member_consents (bundle_id, member_id, organisation_id, method, recorded_by_employee_id, recorded_by_machine_client_id)
       SELECT $1, c.member, c.organisation, c.method::consent_method, $5, $6 FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS c(member, organisation, method)`,
      [bundle.id, consents.map((c) => c.memberId), consents.map((c) => c.organisationId), consents.map((c) => c.method), b.actor.employeeId, b.actor.machineClientId],
    );
    return { bundle, members };
  },

  /** Links a part's referral (once per position; a retry finds it linked) and gives it the referral's current state. */
  async linkPart(m: EntityManager, p: NewPart): Promise<boolean> {
    const inserted = rowsOf(
      await m.query(
        `INSERT INTO bundle_parts (bundle_id, member_id, position, referral_id, to_organisation_id, topic, urgency)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT bundle_parts_position DO NOTHING RETURNING id`,
        [p.bundleId, p.memberId, p.position, p.referralId, p.toOrganisationId, p.topic, p.urgency],
      ),
    );
    if (inserted.length === 0) return false;
    await m.query(`SELECT app_bundle_sync_part($1)`, [p.referralId]);
    return true;
  },

  async markOpen(m: EntityManager, id: string): Promise<BundleRecord | undefined> {
    return rowsOf(await m.query(`WITH u AS (UPDATE bundles b SET status = 'OPEN' WHERE b.id = $1 AND b.status = 'CREATING' RETURNING ${BUNDLE_COLUMNS}) SELECT * FROM u`, [id])).map(parseBundle)[0];
  },

  async find(m: EntityManager, id: string): Promise<BundleRecord | undefined> {
    return rowsOf(await m.query(`SELECT ${BUNDLE_COLUMNS} FROM bundles b WHERE b.id = $1`, [id])).map(parseBundle)[0];
  },

  async findForUpdate(m: EntityManager, id: string): Promise<BundleRecord | undefined> {
    return rowsOf(await m.query(`SELECT ${BUNDLE_COLUMNS} FROM bundles b WHERE b.id = $1 FOR UPDATE`, [id])).map(parseBundle)[0];
  },

  /** Bundles the current organisation takes part in, newest first. */
  async list(m: EntityManager, organisationId: string, filter: { status: BundleStatus | null; limit: number }): Promise<BundleRecord[]> {
    return rowsOf(
      await m.query(
        `SELECT ${BUNDLE_COLUMNS} FROM bundles b JOIN bundle_participants bp ON bp.bundle_id = b.id AND bp.organisation_id = $1
          WHERE ($2::bundle_status IS NULL OR b.status = $2) ORDER BY b.created_at DESC, b.id DESC LIMIT $3`,
        [organisationId, filter.status, filter.limit],
      ),
    ).map(parseBundle);
  },

  /** The members the current organisation may see. */
  async members(m: EntityManager, bundleIds: readonly string[]): Promise<MemberRecord[]> {
    return rowsOf(await m.query(`SELECT id, bundle_id, position, role FROM bundle_members WHERE bundle_id = ANY($1::uuid[]) ORDER BY bundle_id, position`, [bundleIds])).map(parseMember);
  },

  async consents(m: EntityManager, bundleIds: readonly string[]): Promise<MemberConsentRecord[]> {
    return rowsOf(
      await m.query(`SELECT member_id, organisation_id, method, recorded_at FROM bundle_member_consents WHERE bundle_id = ANY($1::uuid[]) ORDER BY member_id, recorded_at`, [bundleIds]),
    ).map(parseMemberConsent);
  },

  /** The parts the current organisation may see (those of members it may see). */
  async parts(m: EntityManager, bundleIds: readonly string[]): Promise<PartRecord[]> {
    return rowsOf(await m.query(`SELECT ${PART_COLUMNS} FROM bundle_parts p WHERE p.bundle_id = ANY($1::uuid[]) ORDER BY p.bundle_id, p.position`, [bundleIds])).map(parsePart);
  },

  /** Open parts: those the caller sees, and all of them (through app_bundle_open_part_count, for participants only). */
  async openPartCounts(m: EntityManager, bundleId: string): Promise<{ visible: number; total: number }> {
    const [row] = rowsOf(
      await m.query(
        `SELECT (SELECT count(*)::int FROM bundle_parts p WHERE p.bundle_id = $1 AND p.status NOT IN ('COMPLETED', 'RETURNED', 'CANCELLED')) AS visible,
                app_bundle_open_part_count($1) AS total`,
        [bundleId],
      ),
    );
    return { visible: int(row, 'visible'), total: int(row, 'total') };
  },

  async close(m: EntityManager, id: string, expectedVersion: number, employeeId: string | null): Promise<BundleRecord | undefined> {
    return rowsOf(
      await m.query(
        `WITH u AS (UPDATE bundles b SET status = 'CLOSED', closed_at = now(), closed_by_employee_id = $3, version = b.version + 1
          WHERE b.id = $1 AND b.version = $2 AND b.status = 'OPEN' RETURNING ${BUNDLE_COLUMNS}) SELECT * FROM u`,
        [id, expectedVersion, employeeId],
      ),
    ).map(parseBundle)[0];
  },

  /** The bundle of each referral the current organisation may see as a part. */
  async bundleIdsOfReferrals(m: EntityManager, referralIds: readonly string[]): Promise<Map<string, string>> {
    const rows = rowsOf(await m.query(`SELECT p.referral_id, p.bundle_id FROM bundle_parts p WHERE p.referral_id = ANY($1::uuid[])`, [referralIds]));
    return new Map(rows.map((r) => [str(r, 'referral_id'), str(r, 'bundle_id')]));
  },

  /** Names (and pseudonyms, for the processing log) of the members the current organisation may see. */
  async memberNames(m: EntityManager, memberIds: readonly string[]): Promise<MemberName[]> {
    if (memberIds.length === 0) return [];
    return rowsOf(await m.query(`SELECT member_id, name, subject_pseudonym FROM app_bundle_member_names($1::uuid[])`, [memberIds])).map(parseMemberName);
  },

  /** Alerts of bundles the current organisation started, not yet told to the regie organisation. */
  async pendingAlerts(m: EntityManager, limit: number): Promise<PendingAlert[]> {
    return rowsOf(
      await m.query(
        `SELECT a.id, a.bundle_id, a.kind, a.handoff_id, p.referral_id, b.coordinating_organisation_id, p.topic,
                COALESCE(p.current_organisation_id, p.to_organisation_id) AS organisation_id,
                (b.coordinating_organisation_id = b.origin_organisation_id
                  OR EXISTS (SELECT 1 FROM bundle_member_consents c WHERE c.member_id = p.member_id AND c.organisation_id = b.coordinating_organisation_id)) AS regie_sees_member,
                (b.coordinating_organisation_id IN (b.origin_organisation_id, p.to_organisation_id)
                  OR b.coordinating_organisation_id IS NOT DISTINCT FROM p.current_organisation_id) AS regie_in_referral
           FROM bundle_part_alerts a JOIN bundle_parts p ON p.id = a.part_id JOIN bundles b ON b.id = a.bundle_id
          WHERE a.notified_at IS NULL AND b.origin_organisation_id = app_current_organisation()
          ORDER BY a.raised_at LIMIT $1`,
        [limit],
      ),
    ).map(parsePendingAlert);
  },

  async markAlertNotified(m: EntityManager, alertId: string): Promise<void> {
    // A plain UPDATE: TypeORM answers it with [rows, count], and nothing is read back.
    await m.query(`UPDATE bundle_part_alerts SET notified_at = now() WHERE id = $1 AND notified_at IS NULL`, [alertId]);
  },
};
