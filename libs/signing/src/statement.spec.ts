import { exportJWK, generateKeyPair } from 'jose';
import { JwkError, jwkThumbprint, parsePublicJwk } from './jwk';
import { JwsError } from './jws';
import { StatementError, signStatement, statementBytes, statementHash, verifyStatementSignature } from './statement';
import type { SignatureStatement, SigningAlgorithm } from './types';

async function keyPair(alg: SigningAlgorithm) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: false });
  const jwk = parsePublicJwk(await exportJWK(publicKey));
  return { privateKey, jwk, kid: await jwkThumbprint(jwk) };
}

const statementFor = (kid: string): SignatureStatement => ({
  listId: 'list-1',
  version: 2,
  contentHash: 'a'.repeat(64),
  intent: 'APPROVE',
  signer: { organisationOin: '00000001001172773000', employeeId: 'emp-1', kid },
  signedAt: '2026-12-01T10:00:00.000Z',
});

describe('signature statements', () => {
  it.each<SigningAlgorithm>(['EdDSA', 'ES256'])('%s: signs a detached b64:false JWS that verifies', async (alg) => {
    const key = await keyPair(alg);
    const statement = statementFor(key.kid);
    const jws = await signStatement(statement, key.privateKey, alg);
    const [header, payload, signature] = jws.split('.');
    expect(payload).toBe('');
    expect(signature.length).toBeGreaterThan(0);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg, kid: key.kid, b64: false, crit: ['b64'] });
    await expect(verifyStatementSignature(jws, statement, key.jwk)).resolves.toBe(true);
  });

  it('the signed bytes are the canonical JSON of the statement', () => {
    const statement = statementFor('kid-1');
    expect(new TextDecoder().decode(statementBytes(statement))).toBe(
      '{"contentHash":"' + 'a'.repeat(64) + '","intent":"APPROVE","listId":"list-1","signedAt":"2026-12-01T10:00:00.000Z",' +
        '"signer":{"employeeId":"emp-1","kid":"kid-1","organisationOin":"00000001001172773000"},"version":2}',
    );
    expect(statementHash(statement)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a one-character change in the statement fails verification', async () => {
    const key = await keyPair('EdDSA');
    const statement = statementFor(key.kid);
    const jws = await signStatement(statement, key.privateKey, 'EdDSA');
    const changed = { ...statement, contentHash: 'b' + statement.contentHash.slice(1) };
    await expect(verifyStatementSignature(jws, changed, key.jwk)).rejects.toMatchObject({ reason: 'BAD_SIGNATURE' });
  });

  it('refuses another key, a kid that is not the thumbprint, and a mangled JWS', async () => {
    const key = await keyPair('ES256');
    const other = await keyPair('ES256');
    const statement = statementFor(key.kid);
    const jws = await signStatement(statement, key.privateKey, 'ES256');
    await expect(verifyStatementSignature(jws, statement, other.jwk)).rejects.toMatchObject({ reason: 'KID_MISMATCH' });
    const lying = statementFor(other.kid);
    const signedByKey = await signStatement(lying, key.privateKey, 'ES256');
    await expect(verifyStatementSignature(signedByKey, lying, other.jwk)).rejects.toMatchObject({ reason: 'BAD_SIGNATURE' });
    await expect(verifyStatementSignature(jws.replace('..', '.x.'), statement, key.jwk)).rejects.toBeInstanceOf(JwsError);
    await expect(verifyStatementSignature('nonsense', statement, key.jwk)).rejects.toMatchObject({ reason: 'MALFORMED' });
    const ed = await keyPair('EdDSA');
    const wrongAlg = await signStatement(statementFor(ed.kid), ed.privateKey, 'EdDSA');
    await expect(verifyStatementSignature(wrongAlg, statementFor(ed.kid), ed.jwk)).resolves.toBe(true);
  });

  it('DECLINE carries a signed reason; APPROVE has none; signer has exactly one id', () => {
    const base = statementFor('kid');
    expect(() => statementBytes({ ...base, intent: 'DECLINE' })).toThrow(StatementError);
    expect(() => statementBytes({ ...base, intent: 'DECLINE', reason: 'Termijn te kort' })).not.toThrow();
    expect(() => statementBytes({ ...base, reason: 'x' })).toThrow(StatementError);
    expect(() => statementBytes({ ...base, signer: { ...base.signer, clientId: 'c' } })).toThrow(StatementError);
    expect(() => statementBytes({ ...base, signer: { organisationOin: base.signer.organisationOin, kid: 'k' } })).toThrow(StatementError);
    expect(() => statementBytes({ ...base, signedAt: '1 december' })).toThrow(StatementError);
    expect(() => statementBytes({ ...base, extra: 1 } as SignatureStatement)).toThrow(StatementError);
  });
});

describe('public JWKs', () => {
  const ed = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };

  it('kid is the RFC 7638 thumbprint (RFC 8037 A.3 example)', async () => {
    await expect(jwkThumbprint(parsePublicJwk(ed))).resolves.toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('normalises WebCrypto exports and accepts P-256', async () => {
    expect(parsePublicJwk({ ...ed, alg: 'Ed25519', key_ops: ['verify'], ext: true })).toEqual({ ...ed, alg: 'EdDSA' });
    const { publicKey } = await generateKeyPair('ES256');
    expect(parsePublicJwk(await exportJWK(publicKey))).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
  });

  it.each([
    ['a private key', { ...ed, d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' }],
    ['RSA', { kty: 'RSA', n: 'abc', e: 'AQAB' }],
    ['P-384', { kty: 'EC', crv: 'P-384', x: 'a', y: 'b' }],
    ['X25519', { kty: 'OKP', crv: 'X25519', x: ed.x }],
    ['a mismatched alg', { ...ed, alg: 'ES256' }],
    ['a short x', { ...ed, x: 'abc' }],
    ['an encryption key', { ...ed, use: 'enc' }],
    ['a symmetric key', { kty: 'oct', k: 'c2VjcmV0' }],
    ['not an object', 'kid'],
  ])('refuses %s', (_name, input) => {
    expect(() => parsePublicJwk(input)).toThrow(JwkError);
  });
});
