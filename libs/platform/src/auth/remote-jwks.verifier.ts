import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { VerificationCache } from './verification-cache';

export interface TrustedIssuer {
  issuer: string;
  jwksUri: string;
  audience: string;
}

/**
 * Verifies tokens of an organisation's own OpenID Connect issuer against its JWKS. Key sets are
 * cached per URL (jose refreshes them on an unknown key id, with a cool-down). A token verified
 * for the same issuer, key set and audience is answered from the VerificationCache until its
 * `exp` (at most a minute; jose checks `exp` without tolerance here, so the cache may too).
 */
@Injectable()
export class RemoteJwksVerifier {
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  private readonly verifiedTokens = new VerificationCache();

  async verify(token: string, trusted: TrustedIssuer): Promise<JWTPayload> {
    const key = VerificationCache.key(token, trusted.issuer, trusted.jwksUri, trusted.audience);
    const remembered = this.verifiedTokens.get(key);
    if (remembered) return remembered;
    const payload = await this.verifySignatureAndClaims(token, trusted);
    this.verifiedTokens.set(key, payload);
    return payload;
  }

  private async verifySignatureAndClaims(token: string, trusted: TrustedIssuer): Promise<JWTPayload> {
    let keySet = this.keySets.get(trusted.jwksUri);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(trusted.jwksUri), { timeoutDuration: 5000, cooldownDuration: 30000 });
      this.keySets.set(trusted.jwksUri, keySet);
    }
    const { payload } = await jwtVerify(token, keySet, {
      issuer: trusted.issuer,
      audience: trusted.audience,
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    });
    return payload;
  }
}
