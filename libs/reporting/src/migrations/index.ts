import type { MigrationInterface } from 'typeorm';
import { Reporting1764576000000 } from './1764576000000-reporting';
import { ReportCopiedBottlenecks1764579600000 } from './1764579600000-report-copied-bottlenecks';

/** Migrations of the reporting tables this lib owns, oldest first. */
export const REPORTING_MIGRATIONS: Array<new () => MigrationInterface> = [Reporting1764576000000, ReportCopiedBottlenecks1764579600000];
