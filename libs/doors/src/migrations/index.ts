import type { MigrationInterface } from 'typeorm';
import { Doors1764662400000 } from './1764662400000-doors';
import { Callbacks1764666000000 } from './1764666000000-callbacks';
import { CallbacksRetention1764666000001 } from './1764666000001-callbacks-retention';
import { CallbackCountersByTrigger1764680400000 } from './1764680400000-callback-counters-by-trigger';

/** Migrations of the tables this lib owns, oldest first. */
export const DOORS_MIGRATIONS: Array<new () => MigrationInterface> = [Doors1764662400000, Callbacks1764666000000, CallbacksRetention1764666000001, CallbackCountersByTrigger1764680400000];
