import { parseContent, parseStatement, ShapeError } from './content';
import { keyStatusAt } from './signing.service';

const statement = {
  listId: 'l',
  version: 1,
  contentHash: 'a'.repeat(64),
  intent: 'APPROVE',
  signer: { organisationOin: '0'.repeat(20), employeeId: 'e', kid: 'k' },
  signedAt: '2026-12-01T10:00:00.000Z',
};

describe('parseStatement', () => {
  it('copies exactly the agreed members', () => {
    expect(parseStatement(statement)).toEqual(statement);
    expect(parseStatement({ ...statement, intent: 'DECLINE', reason: 'Te krap.' }).reason).toBe('Te krap.');
  });

  it('refuses unknown members rather than dropping them (they would be signed but not shown)', () => {
    expect(() => parseStatement({ ...statement, extra: 1 })).toThrow(ShapeError);
    expect(() => parseStatement({ ...statement, signer: { ...statement.signer, role: 'x' } })).toThrow(ShapeError);
  });

  it('refuses wrong types', () => {
    expect(() => parseStatement({ ...statement, version: '1' })).toThrow(ShapeError);
    expect(() => parseStatement({ ...statement, intent: 'MAYBE' })).toThrow(ShapeError);
    expect(() => parseStatement(null)).toThrow(ShapeError);
  });
});

describe('parseContent', () => {
  it('reads stored content and refuses a broken shape', () => {
    const content = { title: 't', description: '', parties: [{ organisationId: 'o', oin: '1', name: 'n' }], items: [], agreements: [] };
    expect(parseContent(content)).toEqual(content);
    expect(() => parseContent({ ...content, items: [{ id: 'x' }] })).toThrow(ShapeError);
  });
});

describe('keyStatusAt', () => {
  const key = { validFrom: new Date('2026-12-01T10:00:00Z'), revokedAt: new Date('2026-12-02T10:00:00Z') };
  it.each([
    ['2026-12-01T09:59:59Z', 'NOT_YET_VALID'],
    ['2026-12-01T10:00:00Z', 'VALID'],
    ['2026-12-02T09:59:59Z', 'VALID'],
    ['2026-12-02T10:00:00Z', 'REVOKED'],
  ])('at %s the key is %s', (at, status) => {
    expect(keyStatusAt(key, new Date(at))).toBe(status);
  });
  it('is UNKNOWN without a key', () => expect(keyStatusAt(undefined, new Date())).toBe('UNKNOWN'));
});
