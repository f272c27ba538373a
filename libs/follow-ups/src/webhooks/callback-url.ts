import { lookup as lookupCallback } from 'node:dns';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: { nl: string; en: string } };

/**
 * A callback URL must be http(s) (https in production) and, in production, must not resolve to
 * loopback, private, link-local or other non-public addresses (no requests into our own network).
 */
export async function checkCallbackUrl(raw: string, production: boolean): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: { nl: 'callbackUrl is geen geldige URL.', en: 'callbackUrl is not a valid URL.' } };
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
    return { ok: false, reason: { nl: 'callbackUrl moet een http(s)-URL zonder inloggegevens zijn.', en: 'callbackUrl must be an http(s) URL without credentials.' } };
  }
  if (!production) return { ok: true, url };
  if (url.protocol !== 'https:') {
    return { ok: false, reason: { nl: 'callbackUrl moet https gebruiken.', en: 'callbackUrl must use https.' } };
  }
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(url.hostname, { all: true });
  } catch {
    return { ok: false, reason: { nl: 'De host van callbackUrl is niet te vinden.', en: 'The host of callbackUrl cannot be resolved.' } };
  }
  if (addresses.length === 0 || addresses.some((a) => isNonPublic(a.address))) {
    return { ok: false, reason: { nl: 'callbackUrl wijst naar een intern of privé-adres; dat is niet toegestaan.', en: 'callbackUrl points to an internal or private address; that is not allowed.' } };
  }
  return { ok: true, url };
}

export function isNonPublic(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() !== 'unicast';
}

/**
 * For production deliveries: an HTTP agent whose DNS look-up refuses non-public addresses at
 * connect time, so a host cannot pass the check above and then resolve elsewhere (DNS rebinding).
 */
export function publicOnlyAgent(): Agent {
  return new Agent({
    connect: {
      lookup: (hostname, options, callback) => {
        lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
          if (error) return callback(error, []);
          const list = addresses as Array<{ address: string; family: number }>;
          if (list.length === 0 || list.some((a) => isNonPublic(a.address))) {
            return callback(new Error(`Refusing to connect to a non-public address for ${hostname}`), []);
          }
          callback(null, list);
        });
      },
    },
  });
}
