import { createHash, randomBytes } from 'node:crypto';
import { CanonicalJsonError, canonicalJson, contentHash, sha256Hex } from './canonical-json';
import { sha256Backend, sha256Portable } from './sha256';
import { toHex } from './bytes';

describe('canonicalJson (RFC 8785)', () => {
  it('serialises the §3.2.2 sample (numbers, strings, literals) exactly', () => {
    const input: unknown = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (§3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af6', '1e+23'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555555', '333333333.3333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the IEEE 754 value %s as %s (Appendix B)', (bits, expected) => {
    const value = Buffer.from(bits, 'hex').readDoubleBE(0);
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each([
    ['a lone high surrogate in a value', { title: 'a\ud800b' }],
    ['a lone low surrogate in a value', ['\udc00']],
    ['a lone surrogate in a key', { ['k\ud83d']: 1 }],
    ['reversed surrogates', { s: '\ude00\ud83d' }],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });

  it.each([
    ['NaN', { n: NaN }],
    ['Infinity', [Infinity]],
    ['undefined members', { a: undefined }],
    ['undefined itself', undefined],
    ['functions', { f: () => 1 }],
    ['bigint', { b: BigInt(1) }],
    ['Dates', { d: new Date(0) }],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });

  it('accepts plain objects from another realm (structuredClone) but not class instances', () => {
    expect(canonicalJson(structuredClone({ b: 1, a: [{}] }))).toBe('{"a":[{}],"b":1}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { a: 1 }))).toBe('{"a":1}');
    class Box {
      a = 1;
    }
    expect(() => canonicalJson({ box: new Box() })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ m: new Map() })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ j: { toJSON: () => 'x' } })).toThrow(CanonicalJsonError);
  });

  it('accepts well-formed astral characters and nested structures', () => {
    expect(canonicalJson({ b: [{ z: '😀', a: null }], a: -0 })).toBe('{"a":0,"b":[{"a":null,"z":"😀"}]}');
  });
});

describe('hashing', () => {
  it('sha256Hex hashes the UTF-8 bytes', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('the portable SHA-256 (used in browsers) matches Node’s for every length up to 300 bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const data = randomBytes(n);
      expect(toHex(sha256Portable(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('falls back to the portable SHA-256 where node:crypto is absent (browsers)', () => {
    expect(sha256Backend).toBe('node:crypto');
    const original = process.getBuiltinModule;
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    try {
      jest.isolateModules(() => {
        const { sha256, sha256Backend } = require('./sha256') as typeof import('./sha256');
        expect(sha256Backend).toBe('portable');
        expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe(
          'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        );
      });
    } finally {
      process.getBuiltinModule = original;
    }
  });

  it('contentHash is independent of key order and changes with one character', () => {
    const content = {
      title: 'Warme overdracht Tilburg',
      description: '',
      parties: [{ organisationId: 'o1', oin: '00000001001172773000', name: 'Tilburg' }],
      items: [],
      agreements: [],
    };
    const reordered = { agreements: [], items: [], parties: content.parties, description: '', title: content.title };
    expect(contentHash(reordered)).toBe(contentHash(content));
    expect(contentHash({ ...content, title: 'Warme overdracht Tilburh' })).not.toBe(contentHash(content));
  });
});
