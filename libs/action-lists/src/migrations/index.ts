import type { MigrationInterface } from 'typeorm';
import { ActionLists1764489600000 } from './1764489600000-action-lists';

/** Migrations of the action-list tables this lib owns, oldest first. */
export const ACTION_LISTS_MIGRATIONS: Array<new () => MigrationInterface> = [ActionLists1764489600000];
