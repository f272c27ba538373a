import type { DataSource } from 'typeorm';
import { PARTS_OF_DAY } from './callbacks.enums';

/** The demo doors that take callbacks: UWV "WW en werk", Belastingdienst "Toeslagen", Tilburg "Schuldhulpverlening". */
export const DEMO_CALLBACK_DOOR_IDS = ['d0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-000000000004'] as const;
export const DEMO_CALLBACK_PLACES = 3;

/**
 * Demo capacity: 3 places each morning and afternoon, Monday to Friday, for the demo doors that
 * exist (after seedDemoDoors). Idempotent: a door that has capacity already keeps it. Each door's
 * rows are written in that door's organisation's tenant, so row-level security applies.
 */
export async function seedDemoCallbackCapacity(dataSource: DataSource): Promise<number> {
  let created = 0;
  for (const doorId of DEMO_CALLBACK_DOOR_IDS) {
    created += await dataSource.transaction(async (m) => {
      const doors: unknown = await m.query(`SELECT organisation_id::text AS organisation_id FROM doors WHERE id = $1`, [doorId]);
      const first: unknown = Array.isArray(doors) ? doors[0] : undefined;
      const organisationId = typeof first === 'object' && first !== null && 'organisation_id' in first && typeof first.organisation_id === 'string' ? first.organisation_id : null;
      if (!organisationId) return 0;
      await m.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
      const inserted: unknown = await m.query(
        `INSERT INTO callback_capacity (door_id, weekday, part_of_day, places)
         SELECT $1, d, p::callback_part_of_day, $2 FROM generate_series(1, 5) d, unnest($3::text[]) p
          WHERE NOT EXISTS (SELECT 1 FROM callback_capacity WHERE door_id = $1)
         RETURNING weekday`,
        [doorId, DEMO_CALLBACK_PLACES, [...PARTS_OF_DAY]],
      );
      return Array.isArray(inserted) && inserted.length > 0 ? 1 : 0;
    });
  }
  return created;
}
