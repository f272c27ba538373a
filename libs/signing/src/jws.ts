// Detached JWS with an unencoded payload (RFC 7797: `b64:false`, compact form `header..signature`):
// the signed bytes are the canonical JSON itself, never a base64 copy that could drift from it.
// jose does the cryptography, so this runs in Node and in the browser (WebCrypto CryptoKeys).
import { FlattenedSign, base64url, flattenedVerify, type KeyInput } from 'jose';
import { algorithmFor } from './jwk';
import type { PublicJwk, SigningAlgorithm } from './types';

export type JwsFailure = 'MALFORMED' | 'HEADER' | 'KID_MISMATCH' | 'ALG_MISMATCH' | 'BAD_SIGNATURE';

export class JwsError extends Error {
  constructor(
    readonly reason: JwsFailure,
    message: string,
  ) {
    super(message);
    this.name = 'JwsError';
  }
}

// A type alias (not an interface) so it fits jose's index-signature header type.
export type DetachedHeader = {
  alg: SigningAlgorithm;
  kid: string;
  b64: false;
  crit: ['b64'];
};

export async function signDetached(
  payload: Uint8Array,
  privateKey: KeyInput,
  alg: SigningAlgorithm,
  kid: string,
): Promise<string> {
  const header: DetachedHeader = { alg, kid, b64: false, crit: ['b64'] };
  const jws = await new FlattenedSign(payload).setProtectedHeader(header).sign(privateKey);
  return `${jws.protected ?? ''}..${jws.signature}`;
}

/** The protected header of a detached compact JWS, checked for shape (not yet for the signature). */
export function decodeDetachedHeader(jws: string): DetachedHeader {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3 || parts[1] !== '' || parts[0] === '' || parts[2] === '') {
    throw new JwsError('MALFORMED', 'not a detached compact JWS (header..signature)');
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(base64url.decode(parts[0])));
  } catch {
    throw new JwsError('MALFORMED', 'the JWS header is not base64url JSON');
  }
  const h = header as Partial<Record<keyof DetachedHeader, unknown>>;
  if (typeof header !== 'object' || header === null) throw new JwsError('MALFORMED', 'the JWS header is not an object');
  const critOk = Array.isArray(h.crit) && h.crit.length === 1 && h.crit[0] === 'b64';
  if (h.b64 !== false || !critOk) throw new JwsError('HEADER', 'the JWS header must have b64:false and crit ["b64"]');
  if (h.alg !== 'EdDSA' && h.alg !== 'ES256') throw new JwsError('HEADER', 'the JWS algorithm must be EdDSA or ES256');
  if (typeof h.kid !== 'string' || h.kid === '') throw new JwsError('HEADER', 'the JWS header has no kid');
  return { alg: h.alg, kid: h.kid, b64: false, crit: ['b64'] };
}

/**
 * Resolves when `jws` is a valid detached signature over `payload` by `publicJwk` with header kid
 * `expectedKid`; otherwise throws JwsError naming why.
 */
export async function verifyDetached(
  jws: string,
  payload: Uint8Array,
  publicJwk: PublicJwk,
  expectedKid: string,
): Promise<true> {
  const header = decodeDetachedHeader(jws);
  if (header.kid !== expectedKid) throw new JwsError('KID_MISMATCH', 'the JWS kid is not the expected key');
  const alg = algorithmFor(publicJwk);
  if (header.alg !== alg) throw new JwsError('ALG_MISMATCH', `the JWS algorithm does not fit the key (${alg})`);
  const [protectedHeader, , signature] = jws.split('.');
  try {
    await flattenedVerify({ protected: protectedHeader, payload, signature }, { ...publicJwk }, { algorithms: [alg] });
  } catch {
    throw new JwsError('BAD_SIGNATURE', 'the signature does not match');
  }
  return true;
}
