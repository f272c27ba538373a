import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../auth/request-context';

export interface Processing {
  /** What was done with the data, e.g. `referral.create`, `citizen.read`, `citizen.search`. */
  activity: string;
  /** The pseudonymised data subject; never the BSN itself. */
  subjectPseudonym: string;
  referralId?: string;
}

/**
 * Logboek Dataverwerkingen: one record per processing of a citizen's personal data (time, trace
 * id, activity, organisation, pseudonymised subject). The employee goes to the separate audit
 * log, linked by trace id, so the processing log names no person of ours.
 */
export async function recordProcessing(manager: EntityManager, context: RequestContext, records: Processing[]): Promise<void> {
  if (records.length === 0) return;
  const { organisationId, employeeId } = context.actor;
  const machineClientId = context.actor.kind === 'machine' ? context.actor.clientId : null;
  await manager.query(
    `INSERT INTO processing_log (trace_id, activity, organisation_id, subject_pseudonym, referral_id)
     SELECT $1, r.activity, $2, r.subject, r.referral
       FROM unnest($3::text[], $4::text[], $5::uuid[]) AS r(activity, subject, referral)`,
    [context.traceId, organisationId, records.map((r) => r.activity), records.map((r) => r.subjectPseudonym), records.map((r) => r.referralId ?? null)],
  );
  const activities = [...new Set(records.map((r) => r.activity))];
  await manager.query(
    `INSERT INTO audit_log (trace_id, activity, organisation_id, employee_id, machine_client_id) SELECT $1, a, $2, $3, $5 FROM unnest($4::text[]) AS a`,
    [context.traceId, organisationId, employeeId, activities, machineClientId],
  );
}

/** What an anonymised record holds instead of a pseudonym or a free text (ADR 0011). */
export const ANONYMISED = '[geanonimiseerd]';

/**
 * A processing done by Schakel itself (no employee, no machine client), e.g. the retention job's
 * `anonimiseren`: one processing-log record per referral, under the current organisation, with no
 * pseudonym (ADR 0011: after anonymisation nothing may tie the case to a BSN), plus one audit-log
 * record without an employee.
 */
export async function recordSystemProcessing(manager: EntityManager, traceId: string, organisationId: string, activity: string, referralIds: string[]): Promise<void> {
  if (referralIds.length === 0) return;
  await manager.query(
    `INSERT INTO processing_log (trace_id, activity, organisation_id, subject_pseudonym, referral_id)
     SELECT $1, $2, $3, $4, r FROM unnest($5::uuid[]) AS r`,
    [traceId, activity, organisationId, ANONYMISED, referralIds],
  );
  await manager.query(`INSERT INTO audit_log (trace_id, activity, organisation_id, employee_id) VALUES ($1, $2, $3, NULL)`, [traceId, activity, organisationId]);
}

/**
 * Replaces the pseudonym on the current organisation's processing-log records of these
 * (anonymised) referrals. The pseudonym is an HMAC of the BSN: whoever holds the key and a BSN
 * could otherwise find the anonymised case again through the log. What was done, when and by
 * which organisation stays (the accountability the log is for). Row-level security and the
 * update policy allow it only for referrals already marked anonymised.
 */
export async function forgetSubjects(manager: EntityManager, referralIds: string[]): Promise<void> {
  if (referralIds.length === 0) return;
  await manager.query(
    `UPDATE processing_log SET subject_pseudonym = $2 WHERE referral_id = ANY($1::uuid[]) AND subject_pseudonym <> $2`,
    [referralIds, ANONYMISED],
  );
}
