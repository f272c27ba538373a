// The whole schema history: every lib's own migrations, in timestamp order (TypeORM sorts by the
// timestamp in the class name too; sorting here keeps the list readable in one place). Imports
// only the migration modules, never a lib's index, so Jest's global set-up can load it.
import type { MigrationInterface } from 'typeorm';
import { ACTION_LISTS_MIGRATIONS } from '../../libs/action-lists/src/migrations';
import { BUNDLES_MIGRATIONS } from '../../libs/bundles/src/migrations';
import { DOORS_MIGRATIONS } from '../../libs/doors/src/migrations';
import { FOLLOW_UPS_MIGRATIONS } from '../../libs/follow-ups/src/migrations';
import { LIVE_HANDOFFS_MIGRATIONS } from '../../libs/live-handoffs/src/migrations';
import { ORGANISATIONS_MIGRATIONS } from '../../libs/organisations/src/migrations';
import { PLATFORM_MIGRATIONS } from '../../libs/platform/src/database/migrations';
import { REFERRALS_MIGRATIONS } from '../../libs/referrals/src/migrations';
import { REPORTING_MIGRATIONS } from '../../libs/reporting/src/migrations';

type MigrationClass = new () => MigrationInterface;

function timestampOf(migration: MigrationClass): number {
  const match = /(\d{13})$/.exec(migration.name);
  if (!match) throw new Error(`migration ${migration.name} has no 13-digit timestamp at the end of its name`);
  return Number(match[1]);
}

export const SCHEMA_MIGRATIONS: MigrationClass[] = [
  ...PLATFORM_MIGRATIONS,
  ...ORGANISATIONS_MIGRATIONS,
  ...REFERRALS_MIGRATIONS,
  ...FOLLOW_UPS_MIGRATIONS,
  ...ACTION_LISTS_MIGRATIONS,
  ...REPORTING_MIGRATIONS,
  ...DOORS_MIGRATIONS,
  ...LIVE_HANDOFFS_MIGRATIONS,
  ...BUNDLES_MIGRATIONS,
].sort((a, b) => timestampOf(a) - timestampOf(b));
