import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppError, type AppConfig, DEV_PLATFORM_SIGNING_KEY } from '@schakel/platform';
import { importJWK, type KeyInput } from 'jose';
import { parsePublicJwk } from '@schakel/signing';
import { jwkThumbprint } from '@schakel/signing';
import type { PublicJwk } from '@schakel/signing';

/**
 * The development platform key is the platform config's (DEV_PLATFORM_SIGNING_KEY): known to
 * everyone, so the config refuses it, or no key at all, in production. The private key lives in
 * configuration (PLATFORM_SIGNING_KEY, an Ed25519 private JWK), never in the database.
 */
export { DEV_PLATFORM_SIGNING_KEY };

export interface PlatformKeyMaterial {
  privateJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string };
  publicJwk: PublicJwk;
}

/** Reads PLATFORM_SIGNING_KEY (or the development key outside production); throws a Dutch message when unusable. */
export function platformKeyFromEnv(env: Record<string, string | undefined>, production: boolean): PlatformKeyMaterial {
  const configured = env.PLATFORM_SIGNING_KEY;
  if (production && (!configured || configured === DEV_PLATFORM_SIGNING_KEY)) {
    throw new Error('PLATFORM_SIGNING_KEY: is verplicht in productie en mag niet de ontwikkelwaarde zijn');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(configured ?? DEV_PLATFORM_SIGNING_KEY);
  } catch {
    throw new Error('PLATFORM_SIGNING_KEY: moet een JWK (JSON) van een Ed25519-privésleutel zijn');
  }
  if (typeof parsed !== 'object' || parsed === null) throw new Error('PLATFORM_SIGNING_KEY: moet een JWK-object zijn');
  const o = Object.fromEntries(Object.entries(parsed));
  const { kty, crv, x, d } = o;
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string' || typeof d !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(d)) {
    throw new Error('PLATFORM_SIGNING_KEY: moet een Ed25519-privésleutel zijn (kty OKP, crv Ed25519, x en d)');
  }
  return { privateJwk: { kty, crv, x, d }, publicJwk: parsePublicJwk({ kty, crv, x }) };
}

/**
 * The platform's Ed25519 key that signs transparency-log checkpoints, from the validated
 * configuration (a production start without a real key already stops there). Should the key
 * still be unusable, the rest of the API keeps running and every operation that needs it answers
 * SERVICE_UNAVAILABLE; the reason is logged at start.
 */
@Injectable()
export class PlatformSigningKey {
  private readonly material: PlatformKeyMaterial | Error;
  private key?: Promise<{ privateKey: KeyInput; kid: string }>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    try {
      this.material = platformKeyFromEnv({ PLATFORM_SIGNING_KEY: config.PLATFORM_SIGNING_KEY }, config.NODE_ENV === 'production');
    } catch (error) {
      this.material = error instanceof Error ? error : new Error(String(error));
      new Logger(PlatformSigningKey.name).error(`${this.material.message}: action lists cannot be signed or verified`);
    }
  }

  private usable(): PlatformKeyMaterial {
    if (this.material instanceof Error) {
      throw AppError.unavailable({
        nl: 'Ondertekenen en controleren van actielijsten is niet beschikbaar: de platformsleutel ontbreekt.',
        en: 'Signing and verifying action lists is unavailable: the platform key is missing.',
      });
    }
    return this.material;
  }

  get publicJwk(): PublicJwk {
    return this.usable().publicJwk;
  }

  /** The private key (imported once) and its kid (RFC 7638 thumbprint of the public key). */
  resolve(): Promise<{ privateKey: KeyInput; kid: string }> {
    const material = this.usable();
    this.key ??= (async () => ({
      privateKey: await importJWK({ ...material.privateJwk, alg: 'EdDSA' }, 'EdDSA'),
      kid: await jwkThumbprint(material.publicJwk),
    }))();
    return this.key;
  }
}
