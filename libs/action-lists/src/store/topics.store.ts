import type { EntityManager } from 'typeorm';
import { rowsOf, str } from './row';

let cached: string[] | undefined;

/**
 * The handoff topics an agreement may name: the values of the referral_topic database type, read
 * once (action-lists may not import the referrals lib, and the database is the one source).
 */
export async function knownTopics(m: EntityManager): Promise<string[]> {
  cached ??= rowsOf(await m.query(`SELECT unnest(enum_range(NULL::referral_topic))::text AS topic`)).map((r) => str(r, 'topic'));
  return cached;
}
