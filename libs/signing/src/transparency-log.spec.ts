import { exportJWK, generateKeyPair } from 'jose';
import { toHex } from './bytes';
import { jwkThumbprint, parsePublicJwk } from './jwk';
import { leafHash, merkleRoot } from './merkle';
import {
  checkpointBytes,
  encodeLogEntry,
  logEntryLeafHash,
  signatureLogEntry,
  signCheckpoint,
  verifyCheckpoint,
} from './transparency-log';
import { statementHash } from './statement';
import type { Checkpoint, LogEntry, SignatureStatement } from './types';

const entry: LogEntry = { type: 'FINALISED', listId: 'l', version: 1, contentHash: 'a'.repeat(64), at: '2026-12-01T10:00:00.000Z' };

describe('transparency log entries', () => {
  it('encode as canonical JSON and hash as RFC 9162 leaves', () => {
    const text = new TextDecoder().decode(encodeLogEntry(entry));
    expect(text).toBe(`{"at":"2026-12-01T10:00:00.000Z","contentHash":"${'a'.repeat(64)}","listId":"l","type":"FINALISED","version":1}`);
    expect(toHex(logEntryLeafHash(entry))).toBe(toHex(leafHash(new TextEncoder().encode(text))));
    expect(() => encodeLogEntry({ ...entry, type: 'DELETED' } as unknown as LogEntry)).toThrow();
  });

  it('a statement becomes a SIGNED or DECLINED entry carrying its hash', () => {
    const statement: SignatureStatement = {
      listId: 'l',
      version: 1,
      contentHash: 'a'.repeat(64),
      intent: 'DECLINE',
      reason: 'Niet haalbaar',
      signer: { organisationOin: '00000001001172773000', clientId: 'svc', kid: 'k' },
      signedAt: '2026-12-01T10:00:00Z',
    };
    expect(signatureLogEntry(statement, '2026-12-01T10:00:01Z')).toEqual({
      type: 'DECLINED',
      listId: 'l',
      version: 1,
      contentHash: 'a'.repeat(64),
      organisationOin: '00000001001172773000',
      kid: 'k',
      statementHash: statementHash(statement),
      at: '2026-12-01T10:00:01Z',
    });
  });
});

describe('checkpoints', () => {
  it('are signed by the platform key and any change breaks them', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const platformKey = parsePublicJwk(await exportJWK(publicKey));
    const checkpoint: Checkpoint = {
      logId: 'schakel-action-lists',
      treeSize: 1,
      rootHash: toHex(merkleRoot([logEntryLeafHash(entry)])),
      timestamp: '2026-12-01T10:00:02.000Z',
    };
    const signed = await signCheckpoint(checkpoint, privateKey, await jwkThumbprint(platformKey));
    await expect(verifyCheckpoint(signed, platformKey)).resolves.toBe(true);
    await expect(verifyCheckpoint({ ...signed, checkpoint: { ...checkpoint, treeSize: 2 } }, platformKey)).rejects.toMatchObject({
      reason: 'BAD_SIGNATURE',
    });
    const other = parsePublicJwk(await exportJWK((await generateKeyPair('EdDSA')).publicKey));
    await expect(verifyCheckpoint(signed, other)).rejects.toMatchObject({ reason: 'KID_MISMATCH' });
    const p256 = parsePublicJwk(await exportJWK((await generateKeyPair('ES256')).publicKey));
    await expect(verifyCheckpoint(signed, p256)).rejects.toMatchObject({ reason: 'ALG_MISMATCH' });
    expect(() => checkpointBytes({ ...checkpoint, rootHash: 'XYZ' })).toThrow();
  });
});
