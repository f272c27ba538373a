// RFC 8785 (JSON Canonicalization Scheme) over `canonicalize` 2.1.0, which lets lone surrogates
// through and stringifies `undefined` members away: we refuse those first, because two different
// inputs must never hash the same and a lone surrogate has no UTF-8 encoding.
import canonicalize from 'canonicalize';
import { toHex, utf8 } from './bytes';
import { sha256 } from './sha256';
import type { ActionListContent } from './types';

export class CanonicalJsonError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

/** A string without lone surrogates (String.prototype.isWellFormed, with a fallback for old browsers). */
export function isWellFormedString(s: string): boolean {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof native === 'function') return native.call(s);
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

function assertCanonicalisable(value: unknown, path: string, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
      if (!isWellFormedString(value)) throw new CanonicalJsonError('string with a lone surrogate', path);
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number', path);
      return;
    case 'boolean':
      return;
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON`, path);
  }
  if (value === null) return;
  if (seen.has(value)) throw new CanonicalJsonError('cycle', path);
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => assertCanonicalisable(v, `${path}[${i}]`, seen));
  } else {
    // Plain objects only (checked without comparing to this realm's Object.prototype, so objects
    // from structuredClone or another realm pass). Dates, Maps, class instances: toJSON or silent
    // loss would decide what is signed.
    const proto: unknown = Object.getPrototypeOf(value);
    const plain = proto === null || Object.getPrototypeOf(proto) === null;
    if (!plain || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      throw new CanonicalJsonError('only plain objects and arrays', path);
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!isWellFormedString(k)) throw new CanonicalJsonError('key with a lone surrogate', path);
      assertCanonicalisable(v, `${path}.${k}`, seen);
    }
  }
  seen.delete(value);
}

/** RFC 8785 canonical JSON; throws CanonicalJsonError for anything that is not plain, well-formed JSON. */
export function canonicalJson(value: unknown): string {
  assertCanonicalisable(value, '$', new Set());
  const text = canonicalize(value);
  if (text === undefined) throw new CanonicalJsonError('not JSON', '$');
  return text;
}

/** Lowercase hex SHA-256 of the UTF-8 of `text`. */
export function sha256Hex(text: string | Uint8Array): string {
  return toHex(sha256(typeof text === 'string' ? utf8(text) : text));
}

/** The content hash that every party signs: hex SHA-256 of the content's canonical JSON. */
export function contentHash(content: ActionListContent): string {
  return sha256Hex(canonicalJson(content));
}
