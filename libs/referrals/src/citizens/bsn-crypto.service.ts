import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@schakel/platform';

/** Before key rotation: `v1.<iv>.<tag>.<ciphertext>`, no key id (whichever key was configured). */
const LEGACY_VERSION = 'v1';
/** With a key ring: `v2.<key id>.<iv>.<tag>.<ciphertext>`, so decryption picks the right key. */
const VERSION = 'v2';

interface RingKey {
  id: string;
  key: Buffer;
}

/**
 * A short, stable id of a key, derived from the key itself (a hash, not the key): the same key
 * always has the same id on every process, so ids need no configuration of their own. 12
 * base64url characters (72 bits) from SHA-256 say nothing usable about the key.
 */
export function keyId(kind: 'aes' | 'hmac', key: Buffer): string {
  return createHash('sha256').update(`schakel-key-id:${kind}:`).update(key).digest('base64url').slice(0, 12);
}

function splitKeys(list: string | undefined): string[] {
  return (list ?? '').split(',').map((k) => k.trim()).filter(Boolean);
}

/**
 * Protects the BSN at rest: AES-256-GCM with a random IV per value (stored as
 * `v2.<key id>.<iv>.<tag>.<ciphertext>`, base64url), plus a keyed hash (HMAC-SHA256) so we can
 * find a citizen's referrals without decrypting anything. The pseudonym for the processing log
 * is a separate HMAC, so a log reader cannot use it to search cases.
 *
 * Key ring (docs/security/inzage-and-keys.md): `BSN_ENCRYPTION_KEY` / `BSN_HMAC_KEY` are current
 * and used for everything written; `BSN_ENCRYPTION_KEYS_PREVIOUS` / `BSN_HMAC_KEYS_PREVIOUS`
 * are only read (decrypting, looking up by hash) until `npm run keys:rotate` has rewritten every
 * row under the current keys. The keys live in configuration only, never in the database.
 */
@Injectable()
export class BsnCrypto {
  private readonly encryptionKeys: RingKey[];
  private readonly hmacKeys: RingKey[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const aes = [config.BSN_ENCRYPTION_KEY, ...splitKeys(config.BSN_ENCRYPTION_KEYS_PREVIOUS)].map((k) => Buffer.from(k, 'base64'));
    const hmac = [config.BSN_HMAC_KEY, ...splitKeys(config.BSN_HMAC_KEYS_PREVIOUS)].map((k) => Buffer.from(k, 'utf8'));
    this.encryptionKeys = unique(aes.map((key) => ({ id: keyId('aes', key), key })));
    this.hmacKeys = unique(hmac.map((key) => ({ id: keyId('hmac', key), key })));
  }

  /** Id of the current encryption key (stored in `citizens.bsn_key_id`). */
  get encryptionKeyId(): string {
    return this.encryptionKeys[0].id;
  }

  /** Id of the current HMAC key (stored in `citizens.hmac_key_id`). */
  get hmacKeyId(): string {
    return this.hmacKeys[0].id;
  }

  encrypt(bsn: string): string {
    const { id, key } = this.encryptionKeys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(bsn, 'utf8'), cipher.final()]);
    return [VERSION, id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  decrypt(stored: string): string {
    const parts = stored.split('.');
    if (parts[0] === VERSION && parts.length === 5) {
      const key = this.encryptionKeys.find((k) => k.id === parts[1]);
      if (!key) throw new Error('BSN ciphertext under a key that is not configured');
      return open(key.key, parts[2], parts[3], parts[4]);
    }
    if (parts[0] === LEGACY_VERSION && parts.length === 4) {
      // Written before key ids: the GCM tag tells which key of the ring it was.
      for (const { key } of this.encryptionKeys) {
        try {
          return open(key, parts[1], parts[2], parts[3]);
        } catch {
          // not this key
        }
      }
      throw new Error('BSN ciphertext under a key that is not configured');
    }
    throw new Error('Unknown BSN ciphertext format');
  }

  /** Whether a stored ciphertext is already under the current key (key rotation skips it). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${VERSION}.${this.encryptionKeyId}.`);
  }

  /** For look-up: equal BSNs give equal hashes (current key; this is what new rows store). */
  lookupHash(bsn: string): string {
    return lookup(this.hmacKeys[0].key, bsn);
  }

  /** Every hash the BSN may be stored under while a rotation is unfinished: current key first. */
  lookupHashes(bsn: string): string[] {
    return this.hmacKeys.map((k) => lookup(k.key, bsn));
  }

  /** For the processing log: a stable pseudonym of the data subject (current key). */
  pseudonym(bsn: string): string {
    return subject(this.hmacKeys[0].key, bsn);
  }

  /** The pseudonym under every key of the ring (current first): for reading the processing log. */
  pseudonyms(bsn: string): string[] {
    return this.hmacKeys.map((k) => subject(k.key, bsn));
  }

  /** A keyed hash of any request, for idempotency checks without storing the request. */
  requestHash(canonicalJson: string): string {
    return request(this.hmacKeys[0].key, canonicalJson);
  }

  /** The request hash under every key of the ring: an earlier request matches under any of them. */
  requestHashes(canonicalJson: string): string[] {
    return this.hmacKeys.map((k) => request(k.key, canonicalJson));
  }
}

function unique(keys: RingKey[]): RingKey[] {
  return keys.filter((k, i) => keys.findIndex((other) => other.id === k.id) === i);
}

function open(key: Buffer, iv: string, tag: string, ciphertext: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

function lookup(key: Buffer, bsn: string): string {
  return createHmac('sha256', key).update(`lookup:${bsn}`).digest('base64url');
}

function subject(key: Buffer, bsn: string): string {
  return createHmac('sha256', key).update(`subject:${bsn}`).digest('base64url').slice(0, 32);
}

function request(key: Buffer, canonicalJson: string): string {
  return createHmac('sha256', key).update(`request:${canonicalJson}`).digest('base64url');
}
