import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * Schakel's own token issuer (HS256, AUTH_TOKEN_SECRET). It signs the development tokens of
 * /auth/dev/token; the subject is the employee id, never personal data.
 */
@Injectable()
export class LocalTokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.AUTH_TOKEN_SECRET);
  }

  get issuer(): string {
    return this.config.AUTH_ISSUER;
  }

  async issue(subject: string, claims: Record<string, unknown> = {}, ttlSeconds = this.config.AUTH_TOKEN_TTL_SECONDS): Promise<IssuedToken> {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.config.AUTH_ISSUER)
      .setAudience(this.config.AUTH_ISSUER)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
    return { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds };
  }

  /** Throws (jose errors) when the signature, issuer, audience or expiry is wrong. */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.key, {
      issuer: this.config.AUTH_ISSUER,
      audience: this.config.AUTH_ISSUER,
      algorithms: ['HS256'],
    });
    return payload;
  }
}
