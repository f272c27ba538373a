import type { MigrationInterface } from 'typeorm';
import { Reporting1764576000000 } from './1764576000000-reporting';

/** Migrations of the reporting tables this lib owns, oldest first. */
export const REPORTING_MIGRATIONS: Array<new () => MigrationInterface> = [Reporting1764576000000];
