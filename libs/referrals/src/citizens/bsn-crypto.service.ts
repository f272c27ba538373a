import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@schakel/platform';

const VERSION = 'v1';

/**
 * Protects the BSN at rest: AES-256-GCM with a random IV per value (stored as
 * `v1.<iv>.<tag>.<ciphertext>`, base64url), plus a keyed hash (HMAC-SHA256) so we can find a
 * citizen's referrals without decrypting anything. The pseudonym for the processing log is a
 * separate HMAC, so a log reader cannot use it to search cases.
 */
@Injectable()
export class BsnCrypto {
  private readonly encryptionKey: Buffer;
  private readonly hmacKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.encryptionKey = Buffer.from(config.BSN_ENCRYPTION_KEY, 'base64');
    this.hmacKey = Buffer.from(config.BSN_HMAC_KEY, 'utf8');
  }

  encrypt(bsn: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const ciphertext = Buffer.concat([cipher.update(bsn, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  decrypt(stored: string): string {
    const [version, iv, tag, ciphertext] = stored.split('.');
    if (version !== VERSION || !iv || !tag || !ciphertext) throw new Error('Unknown BSN ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** For look-up: equal BSNs give equal hashes. */
  lookupHash(bsn: string): string {
    return createHmac('sha256', this.hmacKey).update(`lookup:${bsn}`).digest('base64url');
  }

  /** For the processing log: a stable pseudonym of the data subject. */
  pseudonym(bsn: string): string {
    return createHmac('sha256', this.hmacKey).update(`subject:${bsn}`).digest('base64url').slice(0, 32);
  }

  /** A keyed hash of any request, for idempotency checks without storing the request. */
  requestHash(canonicalJson: string): string {
    return createHmac('sha256', this.hmacKey).update(`request:${canonicalJson}`).digest('base64url');
  }
}
