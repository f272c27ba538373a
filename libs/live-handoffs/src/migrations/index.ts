import type { MigrationInterface } from 'typeorm';

/** Migrations of the tables this lib owns, oldest first. */
export const LIVE_HANDOFFS_MIGRATIONS: Array<new () => MigrationInterface> = [];
