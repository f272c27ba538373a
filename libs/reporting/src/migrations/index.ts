import type { MigrationInterface } from 'typeorm';

/** Migrations of the reporting tables this lib owns, oldest first. */
export const REPORTING_MIGRATIONS: Array<new () => MigrationInterface> = [];
