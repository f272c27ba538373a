import type { DataSource } from 'typeorm';
import { DEMO_DOORS, DEMO_OPENING_HOURS } from './demo-doors';

/**
 * Seeds the seven demo doors with their fixed ids, each with its version 1. Idempotent: a door
 * that exists (by id) is left as it is, so a coordinator's later changes stay. Needs the demo
 * organisations (seedDemoData) first; a missing one is skipped. Plain module (no Nest), so the
 * test set-up can call it; each insert runs in the owning organisation's tenant (row-level security).
 */
export async function seedDemoDoors(ownerDataSource: DataSource): Promise<{ doorsCreated: number }> {
  return ownerDataSource.transaction(async (m) => {
    let doorsCreated = 0;
    for (const door of DEMO_DOORS) {
      const organisations: Array<{ id: string }> = await m.query(`SELECT id FROM organisations WHERE slug = $1`, [door.organisation]);
      if (organisations.length === 0) continue;
      const organisationId = organisations[0].id;
      await m.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
      const inserted: unknown[] = await m.query(
        `INSERT INTO doors (id, organisation_id, name, description, topics, national, gemeentecodes, reach, phone, opening_hours, checklist, live_allowed, live_timeout_minutes)
         VALUES ($1, $2, $3, $4, $5::referral_topic[], $6, $7::text[], $8::door_reach, $9, $10::jsonb, $11::text[], $12, $13)
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
        [door.id, organisationId, door.name, door.description, door.topics, door.national, door.gemeentecodes, door.reach, door.phone, JSON.stringify(DEMO_OPENING_HOURS), door.checklist, door.liveAllowed, door.liveTimeoutMinutes],
      );
      if (inserted.length === 0) continue;
      doorsCreated += 1;
      const snapshot = {
        name: door.name,
        description: door.description,
        topics: door.topics,
        national: door.national,
        gemeentecodes: door.gemeentecodes,
        reach: door.reach,
        phone: door.phone,
        openingHours: DEMO_OPENING_HOURS,
        checklist: door.checklist,
        liveAllowed: door.liveAllowed,
        liveTimeoutMinutes: door.liveTimeoutMinutes,
        active: true,
      };
      await m.query(
        `INSERT INTO door_versions (door_id, version, organisation_id, snapshot) VALUES ($1, 1, $2, $3::jsonb) ON CONFLICT DO NOTHING`,
        [door.id, organisationId, JSON.stringify(snapshot)],
      );
    }
    await m.query(`SELECT set_config('app.organisation_id', '', true)`);
    return { doorsCreated };
  });
}
