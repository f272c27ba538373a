import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { VerificationCache } from './verification-cache';

/** Clock skew allowed for `iat` and `nbf` (seconds); `exp` gets none: we issued it ourselves. */
export const CLOCK_TOLERANCE_SECONDS = 30;

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
  private readonly verifiedTokens = new VerificationCache();

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

  /**
   * Throws (jose errors) when the signature, issuer, audience or expiry is wrong, when `exp` or
   * `iat` is missing, when `iat` or `nbf` lies in the future (beyond CLOCK_TOLERANCE_SECONDS),
   * or when the token is older than the longest lifetime Schakel issues: a token without an end,
   * or with one far away, is never accepted. A token verified before is answered from the
   * VerificationCache until its `exp` or maximum age, with `exp` checked again here.
   */
  async verify(token: string): Promise<JWTPayload> {
    const key = VerificationCache.key(token);
    const remembered = this.verifiedTokens.get(key);
    if (remembered) return this.unexpired(remembered);
    const payload = await this.verifySignatureAndClaims(token);
    const maxAge = this.maxTokenAgeSeconds;
    this.verifiedTokens.set(key, payload, typeof payload.iat === 'number' ? (payload.iat + maxAge) * 1000 : undefined);
    return payload;
  }

  private get maxTokenAgeSeconds(): number {
    return Math.max(this.config.AUTH_TOKEN_TTL_SECONDS, this.config.MACHINE_TOKEN_TTL_SECONDS);
  }

  private async verifySignatureAndClaims(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.key, {
      issuer: this.config.AUTH_ISSUER,
      audience: this.config.AUTH_ISSUER,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: this.maxTokenAgeSeconds,
    });
    return this.unexpired(payload);
  }

  /** The tolerance is for clocks of other machines; `exp` is strict. */
  private unexpired(payload: JWTPayload): JWTPayload {
    if (typeof payload.exp !== 'number' || payload.exp <= Math.floor(Date.now() / 1000)) {
      throw new joseErrors.JWTExpired('"exp" claim timestamp check failed', payload, 'exp', 'check_failed');
    }
    return payload;
  }
}
