import type { EntityManager } from 'typeorm';
import { bool, int, rowsOf, str } from './row';

/** What a live request needs to know of a door: whose it is, whether it allows live, its timeout. */
export interface DoorLiveSettings {
  id: string;
  organisationId: string;
  active: boolean;
  liveAllowed: boolean;
  liveTimeoutMinutes: number;
}

/** Reads one door's live settings (the kaart is open: every organisation may read every door). */
export async function doorLiveSettings(m: EntityManager, doorId: string): Promise<DoorLiveSettings | undefined> {
  return rowsOf(await m.query(`SELECT id, organisation_id, active, live_allowed, live_timeout_minutes FROM doors WHERE id = $1`, [doorId])).map((row) => ({
    id: str(row, 'id'),
    organisationId: str(row, 'organisation_id'),
    active: bool(row, 'active'),
    liveAllowed: bool(row, 'live_allowed'),
    liveTimeoutMinutes: int(row, 'live_timeout_minutes'),
  }))[0];
}
