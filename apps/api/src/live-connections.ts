import { GraphQLError } from 'graphql';
import { type Actor, type ActorResolver, AppError } from '@schakel/platform';

/**
 * How long the caller found for a live connection is trusted: an operation on the socket later
 * than this resolves the token again (revoked client, deactivated employee or organisation,
 * changed roles or scopes).
 */
export const ACTOR_CACHE_MS = 2_000;
/** How often a connection with open subscriptions is checked again without any operation. */
export const LIVE_RECHECK_MS = 5_000;

interface LiveSocket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): void;
}

/** What a graphql-ws connection keeps once its connection_init was authenticated. */
export interface ConnectionExtra {
  actor?: Actor;
  socket?: LiveSocket;
  token?: string;
  /** When `actor` was last resolved from the token (ms since the epoch). */
  checkedAt?: number;
  closing?: boolean;
}

/** The caller is no longer who the connection was opened for: end the connection. */
function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN');
}

/**
 * Keeps graphql-ws connections honest: the caller is resolved when the connection opens, again
 * before an operation when the last check is older than ACTOR_CACHE_MS, and every
 * LIVE_RECHECK_MS while subscriptions are open. A caller that no longer resolves gets its
 * operation refused (UNAUTHENTICATED) and the connection closed: 4401 when the token expired,
 * 4403 otherwise (revoked, deactivated). Open subscriptions end with the connection.
 */
export class LiveConnections {
  constructor(private readonly actors: ActorResolver) {}

  async open(extra: ConnectionExtra, token: string, subscriptions: Record<string, unknown>): Promise<boolean> {
    try {
      extra.actor = await this.actors.resolve(token);
    } catch {
      return false;
    }
    extra.token = token;
    extra.checkedAt = Date.now();
    this.watch(extra, () => Object.keys(subscriptions).length > 0);
    return true;
  }

  /**
   * Before every operation: nothing when the caller may go on, else the errors to answer with.
   * Another failure (e.g. the database away) refuses this operation only.
   */
  async recheck(extra: ConnectionExtra): Promise<GraphQLError[] | undefined> {
    try {
      await this.current(extra);
      return undefined;
    } catch (error) {
      if (isRefusal(error)) this.end(extra);
      const original = error instanceof Error ? error : AppError.unauthenticated();
      return [new GraphQLError(original.message, { originalError: original })];
    }
  }

  private async current(extra: ConnectionExtra): Promise<Actor> {
    if (extra.closing || !extra.token) throw AppError.unauthenticated();
    if (extra.actor && extra.checkedAt !== undefined && Date.now() - extra.checkedAt < ACTOR_CACHE_MS) return extra.actor;
    const actor = await this.actors.resolve(extra.token);
    extra.actor = actor;
    extra.checkedAt = Date.now();
    return actor;
  }

  private watch(extra: ConnectionExtra, hasSubscriptions: () => boolean): void {
    const socket = extra.socket;
    if (!socket) return;
    const recheck = setInterval(() => {
      if (!hasSubscriptions()) return; // the next operation is checked anyway
      this.current(extra).catch((error: unknown) => {
        if (isRefusal(error)) this.end(extra);
      });
    }, LIVE_RECHECK_MS);
    recheck.unref();
    const expiresAt = extra.actor?.tokenExpiresAt;
    const expiry = expiresAt ? setTimeout(() => this.end(extra, true), Math.max(0, expiresAt * 1000 - Date.now())) : undefined;
    expiry?.unref();
    socket.once('close', () => {
      clearInterval(recheck);
      if (expiry) clearTimeout(expiry);
    });
  }

  /**
   * Forgets the caller and closes the connection once the answer already on its way is sent
   * (graphql-ws sends an operation's error right after onSubscribe returns).
   */
  private end(extra: ConnectionExtra, expiredNow = false): void {
    if (extra.closing) return;
    const expiresAt = extra.actor?.tokenExpiresAt;
    extra.closing = true;
    extra.actor = undefined;
    const expired = expiredNow || (expiresAt !== undefined && expiresAt * 1000 <= Date.now());
    setImmediate(() => (expired ? extra.socket?.close(4401, 'Token expired') : extra.socket?.close(4403, 'Forbidden')));
  }
}
