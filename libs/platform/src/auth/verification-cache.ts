import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';

/** Longest a verified token is remembered without checking its signature again. */
export const VERIFIED_TOKEN_CACHE_MS = 60_000;
/** Tokens remembered at most; the oldest is forgotten first. */
export const VERIFIED_TOKEN_CACHE_ENTRIES = 10_000;

interface Entry {
  payload: JWTPayload;
  /** ms since the epoch; never later than the token's own end. */
  until: number;
}

/**
 * Remembers tokens whose signature and claims were verified, so that a client sending the same
 * token with every request pays for the signature check (WebCrypto, about 0.4 ms here) once a
 * minute instead of every time. Only successes are kept, keyed by a SHA-256 of the token (and of
 * whatever else the verification depended on), and never past the token's `exp` or the moment
 * the caller says it would stop being accepted. It says nothing about whether the employee or
 * client is still active: the resolver checks that on every request.
 */
export class VerificationCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = VERIFIED_TOKEN_CACHE_MS,
    private readonly maxEntries = VERIFIED_TOKEN_CACHE_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  static key(token: string, ...context: string[]): string {
    const hash = createHash('sha256').update(token);
    for (const part of context) hash.update('\u0000').update(part);
    return hash.digest('base64');
  }

  get(key: string): JWTPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  /** `validUntil` (ms since the epoch): when the verifier would refuse the token on its own. */
  set(key: string, payload: JWTPayload, validUntil = Number.POSITIVE_INFINITY): void {
    const exp = typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
    const until = Math.min(this.now() + this.ttlMs, exp, validUntil);
    if (until <= this.now()) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { payload, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
