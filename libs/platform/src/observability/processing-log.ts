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
