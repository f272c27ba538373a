/** Migrations of the action-list tables this lib owns, oldest first. */
export const ACTION_LISTS_MIGRATIONS: Array<new () => import('typeorm').MigrationInterface> = [];
