import type { MigrationInterface } from 'typeorm';
import { LiveHandoffs1764669600000 } from './1764669600000-live-handoffs';

/** Migrations of the tables this lib owns, oldest first. */
export const LIVE_HANDOFFS_MIGRATIONS: Array<new () => MigrationInterface> = [LiveHandoffs1764669600000];

