import { exportJWK, generateKeyPair } from 'jose';
import { verifyEvidenceBundle } from './evidence-bundle';
import { jwkThumbprint, parsePublicJwk } from './jwk';
import { buildSignedBundle } from './testing/evidence-fixture';
import type { EvidenceBundle, VerificationReport } from './types';

const failed = (report: VerificationReport): string[] => report.checks.filter((c) => !c.ok).map((c) => c.code);
const clone = (b: EvidenceBundle): EvidenceBundle => structuredClone(b);
const flipChar = (s: string, at = 0): string => s.slice(0, at) + (s[at] === 'a' ? 'b' : 'a') + s.slice(at + 1);

describe('verifyEvidenceBundle', () => {
  let bundle: EvidenceBundle;
  beforeAll(async () => {
    bundle = await buildSignedBundle();
  });

  it('accepts a complete FINAL bundle, every check green with a Dutch message', async () => {
    const report = await verifyEvidenceBundle(bundle);
    expect(failed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const codes = new Set(report.checks.map((c) => c.code));
    for (const code of ['CONTENT_HASH', 'CHECKPOINT_SIGNATURE', 'LOG_INCLUSION', 'OPENED_LOGGED', 'SIGNATURE', 'KEY_ID', 'KEY_VALID_AT_SIGNING', 'SIGNATURE_LOGGED', 'KEY_REGISTERED_LOGGED', 'FINAL_ALL_APPROVED', 'FINAL_LOGGED']) {
      expect(codes).toContain(code);
    }
    expect(report.checks.find((c) => c.code === 'SIGNATURE')!.messageNl).toBe('De handtekening van Gemeente Tilburg (goedkeuring) klopt.');
  });

  it('survives a JSON round trip', async () => {
    expect((await verifyEvidenceBundle(JSON.parse(JSON.stringify(bundle)))).ok).toBe(true);
  });

  it('a one-character change in the content fails the content hash and every statement', async () => {
    const b = clone(bundle);
    b.content.items[0].description = flipChar(b.content.items[0].description, 3);
    const report = await verifyEvidenceBundle(b);
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual(expect.arrayContaining(['CONTENT_HASH', 'STATEMENT_MATCHES_CONTENT', 'FINAL_ALL_APPROVED']));
  });

  it('a one-character change in a statement fails that signature', async () => {
    const b = clone(bundle);
    b.signatures[1].statement.signedAt = b.signatures[1].statement.signedAt.replace('09:21', '09:22');
    const report = await verifyEvidenceBundle(b);
    const bad = report.checks.filter((c) => !c.ok);
    expect(bad.map((c) => c.code)).toEqual(expect.arrayContaining(['SIGNATURE', 'SIGNATURE_LOGGED', 'FINAL_ALL_APPROVED']));
    expect(bad.find((c) => c.code === 'SIGNATURE')!.subject).toBe('UWV');
  });

  it('a changed JWS, proof, log entry or checkpoint is named', async () => {
    const jws = clone(bundle);
    const sig = jws.signatures[0].jws;
    jws.signatures[0].jws = sig.slice(0, -4) + (sig.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(failed(await verifyEvidenceBundle(jws))).toContain('SIGNATURE');

    const proof = clone(bundle);
    proof.logEntries[2].inclusionProof[0] = flipChar(proof.logEntries[2].inclusionProof[0]);
    expect(failed(await verifyEvidenceBundle(proof))).toContain('LOG_INCLUSION');

    const entry = clone(bundle);
    entry.logEntries[0].entry.at = '2026-12-01T09:05:00.000Z';
    expect(failed(await verifyEvidenceBundle(entry))).toContain('LOG_INCLUSION');

    const checkpoint = clone(bundle);
    checkpoint.checkpoint.checkpoint.treeSize += 1;
    const report = await verifyEvidenceBundle(checkpoint);
    expect(failed(report)).toEqual(expect.arrayContaining(['CHECKPOINT_SIGNATURE', 'LOG_INCLUSION']));
  });

  it('refuses a re-signed checkpoint under another platform key when the kid is pinned', async () => {
    const kid = await jwkThumbprint(parsePublicJwk(bundle.platformKey));
    expect((await verifyEvidenceBundle(bundle, { expectedPlatformKid: kid })).ok).toBe(true);
    const other = await generateKeyPair('EdDSA');
    const otherKid = await jwkThumbprint(parsePublicJwk(await exportJWK(other.publicKey)));
    expect(failed(await verifyEvidenceBundle(bundle, { expectedPlatformKid: otherKid }))).toEqual(['PLATFORM_KEY_PINNED']);
  });

  it('a key revoked before signing, or a key of another organisation, is refused', async () => {
    const revoked = clone(bundle);
    revoked.signatures[0].signerKey.revokedAt = '2026-12-01T09:15:00.000Z';
    expect(failed(await verifyEvidenceBundle(revoked))).toEqual(expect.arrayContaining(['KEY_VALID_AT_SIGNING', 'FINAL_ALL_APPROVED']));

    const swapped = clone(bundle);
    swapped.signatures[0].signerKey = swapped.signatures[2].signerKey;
    expect(failed(await verifyEvidenceBundle(swapped))).toEqual(expect.arrayContaining(['KEY_ID', 'SIGNATURE']));
  });

  it('a key revoked after signing still counts, but the bundle cannot hide the revocation', async () => {
    const revokedLater = await buildSignedBundle({ revokeKeyOf: 1 });
    const report = await verifyEvidenceBundle(revokedLater);
    expect(failed(report)).toEqual([]);
    expect(report.checks.map((c) => c.code)).toContain('KEY_REVOCATION_MATCHES');
    revokedLater.signatures[1].signerKey.revokedAt = null;
    expect(failed(await verifyEvidenceBundle(revokedLater))).toEqual(['KEY_REVOCATION_MATCHES', 'FINAL_ALL_APPROVED']);
  });

  it('a signedAt backdated to before a revocation is caught by the time the log received it', async () => {
    // Signed "at 09:20", received by the platform at 09:45, after the revocation at 09:30.
    const late = await buildSignedBundle({ revokeKeyOf: 0, loggedAt: { party: 0, minute: 45 } });
    const report = await verifyEvidenceBundle(late);
    expect(failed(report)).toEqual(['KEY_VALID_AT_SIGNING', 'FINAL_ALL_APPROVED']);

    // Claiming to have signed (09:20) long after the platform received it (09:05) is not plausible.
    const early = await buildSignedBundle({ loggedAt: { party: 0, minute: 5 } });
    const check = (await verifyEvidenceBundle(early)).checks.find((c) => c.code === 'KEY_VALID_AT_SIGNING' && !c.ok);
    expect(check?.messageNl).toContain('ligt na het moment');
  });

  it('FINAL needs an APPROVE from every party', async () => {
    const missing = await buildSignedBundle({ unsignedParties: [2] });
    expect((await verifyEvidenceBundle(missing)).ok).toBe(true);
    missing.status = 'FINAL';
    const report = await verifyEvidenceBundle(missing);
    expect(failed(report)).toEqual(['FINAL_ALL_APPROVED', 'FINAL_LOGGED']);
    expect(report.checks.find((c) => c.code === 'FINAL_ALL_APPROVED')!.messageNl).toContain('SVB');

    const withoutSignature = clone(bundle);
    withoutSignature.signatures.pop();
    expect(failed(await verifyEvidenceBundle(withoutSignature))).toEqual(['FINAL_ALL_APPROVED']);
  });

  it('a DECLINED bundle verifies with its signed reason', async () => {
    const declined = await buildSignedBundle({ declineBy: 1 });
    expect(failed(await verifyEvidenceBundle(declined))).toEqual([]);
    expect(declined.signatures[1].statement.reason).toContain('werkdagen');
    declined.signatures[1].statement.reason = 'Iets anders';
    expect(failed(await verifyEvidenceBundle(declined))).toEqual(expect.arrayContaining(['SIGNATURE', 'DECLINE_PRESENT']));
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['another format', { format: 'x' }],
  ])('reports %s as an unusable bundle instead of throwing', async (_name, input) => {
    const report = await verifyEvidenceBundle(input);
    expect(report).toMatchObject({ ok: false, checks: [{ ok: false, code: 'BUNDLE_FORMAT' }] });
  });

  it('does not throw on a bundle with broken parts', async () => {
    const b = clone(bundle) as unknown as { signatures: { statement: Record<string, unknown> }[]; logEntries: { inclusionProof: string[] }[] };
    b.signatures[0].statement.version = 'één';
    b.logEntries[0].inclusionProof = ['not hex'];
    const report = await verifyEvidenceBundle(b);
    expect(report.ok).toBe(false);
  });
});
