// Public signing keys: only Ed25519 (EdDSA) and P-256 (ES256), never private members. Browser-safe.
import { calculateJwkThumbprint } from 'jose';
import type { PublicJwk, SigningAlgorithm } from './types';

export class JwkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwkError';
  }
}

// Every private member of any JWK type (RFC 7518 §6): a key carrying one is refused outright,
// because it would mean a private key travelled to the server or into a bundle.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];
// 32 bytes in unpadded base64url.
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

function member(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string') throw new JwkError(`"${name}" is missing`);
  return value;
}

/**
 * Accepts `{kty:'OKP',crv:'Ed25519',x}` or `{kty:'EC',crv:'P-256',x,y}` (with `alg` absent or
 * matching; WebCrypto exports Ed25519 keys with alg "Ed25519") and returns the normalised public
 * JWK with only the members that matter. Throws JwkError otherwise.
 */
export function parsePublicJwk(input: unknown): PublicJwk {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new JwkError('not a JWK object');
  const jwk = input as Record<string, unknown>;
  for (const name of PRIVATE_MEMBERS) {
    if (name in jwk) throw new JwkError(`private key member "${name}" present: send the public key only`);
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') throw new JwkError('"use" must be "sig"');
  const alg = jwk.alg;
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    if (alg !== undefined && alg !== 'EdDSA' && alg !== 'Ed25519') throw new JwkError('"alg" must be EdDSA');
    const x = member(jwk, 'x');
    if (!COORDINATE.test(x)) throw new JwkError('"x" is not a 32-byte base64url value');
    return { kty: 'OKP', crv: 'Ed25519', x, alg: 'EdDSA' };
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    if (alg !== undefined && alg !== 'ES256') throw new JwkError('"alg" must be ES256');
    const x = member(jwk, 'x');
    const y = member(jwk, 'y');
    if (!COORDINATE.test(x) || !COORDINATE.test(y)) throw new JwkError('"x"/"y" are not 32-byte base64url values');
    return { kty: 'EC', crv: 'P-256', x, y, alg: 'ES256' };
  }
  throw new JwkError('only Ed25519 (OKP) and P-256 (EC) keys are accepted');
}

/** The JWS algorithm that goes with a key. */
export function algorithmFor(jwk: PublicJwk): SigningAlgorithm {
  return jwk.kty === 'OKP' ? 'EdDSA' : 'ES256';
}

/** RFC 7638 SHA-256 thumbprint (base64url): the key's `kid`. */
export function jwkThumbprint(jwk: PublicJwk): Promise<string> {
  return calculateJwkThumbprint(jwk, 'sha256');
}
