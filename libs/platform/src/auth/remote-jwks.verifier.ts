import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface TrustedIssuer {
  issuer: string;
  jwksUri: string;
  audience: string;
}

/**
 * Verifies tokens of an organisation's own OpenID Connect issuer against its JWKS. Key sets are
 * cached per URL (jose refreshes them on an unknown key id, with a cool-down).
 */
@Injectable()
export class RemoteJwksVerifier {
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  async verify(token: string, trusted: TrustedIssuer): Promise<JWTPayload> {
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
