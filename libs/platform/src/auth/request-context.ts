import type { Actor } from './actor';

/** Passed explicitly into services: who acts, and the trace id that ties logs and records together. */
export interface RequestContext {
  actor: Actor;
  traceId: string;
}
