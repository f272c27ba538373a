import type { MigrationInterface } from 'typeorm';
import { Bundles1764673200000 } from './1764673200000-bundles';

/** Migrations of the tables this lib owns, oldest first. */
export const BUNDLES_MIGRATIONS: Array<new () => MigrationInterface> = [Bundles1764673200000];
