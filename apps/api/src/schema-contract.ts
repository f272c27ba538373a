import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export interface BreakingChange {
  /** Schema coordinate, e.g. `Handoff.reason`. */
  path: string;
  message: string;
}

/** The breaking changes from the last released contract to the current schema. */
export async function breakingChanges(releasedSdl: string, currentSdl: string): Promise<BreakingChange[]> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  return changes
    .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
    .map((c) => ({ path: c.path ?? c.message, message: c.message }));
}

/** The text of CHANGELOG.md's "Unreleased" section (up to the next "## " heading). */
export function unreleasedNotes(changelog: string): string {
  const start = changelog.search(/^## \[?Unreleased\]?/im);
  if (start < 0) return '';
  const rest = changelog.slice(start).split('\n').slice(1).join('\n');
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * A breaking change is allowed only when CHANGELOG.md's Unreleased section names it by its
 * coordinate in backticks (e.g. `Handoff.reason`), so partners read about it before it lands.
 */
export function unrecordedBreakingChanges(breaking: BreakingChange[], changelog: string): BreakingChange[] {
  const notes = unreleasedNotes(changelog);
  return breaking.filter((c) => !notes.includes(`\`${c.path}\``));
}
