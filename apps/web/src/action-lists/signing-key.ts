import type { SigningAlgorithm } from './signing-core';

/**
 * The signer's own key, made and kept in this browser: a WebCrypto key pair whose private half is
 * not extractable (the page can sign with it, never read or send it). The pair lives in IndexedDB,
 * one per employee, so that a shared computer does not mix up signatories. Only the public JWK
 * leaves the browser, to be registered with Schakel.
 */
export interface BrowserKey {
  employeeId: string;
  kid: string;
  alg: SigningAlgorithm;
  keyPair: CryptoKeyPair;
  createdAt: string;
}

/** The public half as Schakel registers it: only the members that define the key. */
export type PublicJwkInput = { kty: 'OKP'; crv: 'Ed25519'; x: string } | { kty: 'EC'; crv: 'P-256'; x: string; y: string };

const DB_NAME = 'schakel-ondertekenen';
const STORE = 'sleutels';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'employeeId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB kon niet open'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB-fout'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB afgebroken'));
    });
  } finally {
    db.close();
  }
}

export async function loadBrowserKey(employeeId: string): Promise<BrowserKey | undefined> {
  const found = await withStore<BrowserKey | undefined>('readonly', (s) => s.get(employeeId) as IDBRequest<BrowserKey | undefined>);
  return found ?? undefined;
}

export async function saveBrowserKey(key: BrowserKey): Promise<void> {
  await withStore('readwrite', (s) => s.put(key));
}

export async function forgetBrowserKey(employeeId: string): Promise<void> {
  await withStore('readwrite', (s) => s.delete(employeeId));
}

/**
 * A new non-extractable key pair: Ed25519 where the browser has it, otherwise ECDSA P-256 (every
 * current browser). Both are what Schakel and schakel-verify accept.
 */
export async function generateBrowserKeyPair(): Promise<{ keyPair: CryptoKeyPair; alg: SigningAlgorithm }> {
  try {
    const keyPair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    return { keyPair, alg: 'EdDSA' };
  } catch {
    const keyPair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    return { keyPair, alg: 'ES256' };
  }
}

/** The public JWK of a pair (public keys are always exportable), stripped to its defining members. */
export async function publicJwkOf(keyPair: CryptoKeyPair): Promise<PublicJwkInput> {
  const jwk = await crypto.subtle.exportKey('jwk', keyPair.publicKey);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.x) return { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && jwk.x && jwk.y) return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  throw new Error('Onverwachte sleutelsoort');
}
