import { RuntimeRole1764331200000 } from './1764331200000-runtime-role';

/**
 * The platform's own migrations: the runtime role every tenant-scoped table grants to. Each
 * domain lib keeps the migrations of the tables it owns next to its code; the full, ordered
 * list is put together where the schema is migrated (scripts/lib/schema-migrations.ts).
 */
export const PLATFORM_MIGRATIONS = [RuntimeRole1764331200000];
