/**
 * The contract between signed action lists and the response norms (follow-ups): a SQL function
 * (migration 1764489600000) that answers, for a receiving organisation and a topic, the agreement
 * in force: the most specific agreement (topic before all topics) of the most recently finalised
 * FINAL version. A version that is superseded stops applying the moment its successor is FINAL
 * (same transaction). Columns: accept_working_days, contact_working_days, source.
 */
export const AGREEMENT_NORM_FUNCTION = 'action_list_agreement_norm';

/** Urgencies an agreement does not govern: an acute referral keeps the platform's hours. */
export const URGENCIES_OUTSIDE_AGREEMENTS: readonly string[] = ['ACUUT'];

/** How a norm from an agreement names its source, e.g. `actielijst:<listId>:v2`. */
export function agreementNormSource(listId: string, version: number): string {
  return `actielijst:${listId}:v${version}`;
}
