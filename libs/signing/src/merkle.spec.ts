// Vectors: the Certificate Transparency / RFC 6962 test data (transparency-dev/merkle testonly and
// proof tests; google/trillian before it).
import { fromHex, toHex } from './bytes';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const LEAVES = LEAF_INPUTS.map((h) => leafHash(fromHex(h)));

const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];

// [leaf index (0-based), tree size, proof]
const INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [0, 1, []],
];

// [old size, new size, proof]
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const hex = (hashes: Uint8Array[]): string[] => hashes.map(toHex);
const flipBit = (h: Uint8Array): Uint8Array => {
  const copy = new Uint8Array(h);
  copy[0] ^= 8;
  return copy;
};

describe('Merkle tree (RFC 9162 §2.1) against the Certificate Transparency vectors', () => {
  it('hashes leaves with 0x00 and nodes with 0x01', () => {
    expect(hex(LEAVES)).toEqual(LEAF_HASHES);
    expect(toHex(nodeHash(LEAVES[0], LEAVES[1]))).toBe(ROOTS[2]);
  });

  it.each(ROOTS.map((root, size) => [size, root] as const))('root of the first %i leaves', (size, root) => {
    expect(toHex(merkleRoot(LEAVES.slice(0, size)))).toBe(root);
  });

  it.each(INCLUSION)('inclusion proof for leaf %i in a tree of %i', (index, size, proof) => {
    expect(hex(inclusionProof(index, LEAVES, size))).toEqual(proof);
    const root = fromHex(ROOTS[size]);
    const p = proof.map(fromHex);
    expect(verifyInclusion(LEAVES[index], index, size, p, root)).toBe(true);
    // Wrong index, size, leaf, root, truncated/extended/altered proof: all refused.
    expect(verifyInclusion(LEAVES[index], index + 1, size, p, root)).toBe(false);
    expect(verifyInclusion(LEAVES[index], index, size * 2, p, root)).toBe(false);
    expect(verifyInclusion(flipBit(LEAVES[index]), index, size, p, root)).toBe(false);
    expect(verifyInclusion(LEAVES[index], index, size, p, flipBit(root))).toBe(false);
    expect(verifyInclusion(LEAVES[index], index, size, [...p, root], root)).toBe(false);
    if (p.length > 0) {
      expect(verifyInclusion(LEAVES[index], index, size, p.slice(0, -1), root)).toBe(false);
      expect(verifyInclusion(LEAVES[index], index, size, [flipBit(p[0]), ...p.slice(1)], root)).toBe(false);
    }
  });

  it.each(CONSISTENCY)('consistency proof from %i to %i', (oldSize, newSize, proof) => {
    expect(hex(consistencyProof(oldSize, LEAVES.slice(0, newSize)))).toEqual(proof);
    const oldRoot = fromHex(ROOTS[oldSize]);
    const newRoot = fromHex(ROOTS[newSize]);
    const p = proof.map(fromHex);
    expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, p)).toBe(true);
    if (p.length > 0) {
      expect(verifyConsistency(oldSize, newSize, newRoot, oldRoot, p)).toBe(false);
      expect(verifyConsistency(oldSize + 1, newSize, oldRoot, newRoot, p)).toBe(false);
      expect(verifyConsistency(oldSize, newSize * 2, oldRoot, newRoot, p)).toBe(false);
      expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [])).toBe(false);
      expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, p.slice(0, -1))).toBe(false);
      expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [...p, newRoot])).toBe(false);
      expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [p[0], ...p])).toBe(false);
      expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [flipBit(p[0]), ...p.slice(1)])).toBe(false);
    }
  });

  it('handles the edge sizes', () => {
    const empty = fromHex(ROOTS[0]);
    expect(verifyConsistency(0, 0, empty, empty, [])).toBe(true);
    expect(verifyConsistency(0, 3, empty, fromHex(ROOTS[3]), [])).toBe(true);
    expect(verifyConsistency(1, 1, fromHex(ROOTS[1]), fromHex(ROOTS[2]), [])).toBe(false);
    expect(verifyConsistency(2, 1, fromHex(ROOTS[2]), fromHex(ROOTS[1]), [])).toBe(false);
    expect(verifyInclusion(LEAVES[0], 0, 0, [], empty)).toBe(false);
    expect(() => inclusionProof(3, LEAVES, 3)).toThrow(RangeError);
    expect(() => consistencyProof(9, LEAVES)).toThrow(RangeError);
  });
});

describe('Merkle round trips for every size pair up to 40', () => {
  const leaves = Array.from({ length: 40 }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
  const roots = Array.from({ length: 41 }, (_, n) => merkleRoot(leaves.slice(0, n)));

  it('every leaf of every tree proves its inclusion, and only at its own index', () => {
    for (let size = 1; size <= 40; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, leaves, size);
        expect(verifyInclusion(leaves[index], index, size, proof, roots[size])).toBe(true);
        const other = (index + 1) % size;
        if (other !== index) expect(verifyInclusion(leaves[other], index, size, proof, roots[size])).toBe(false);
      }
    }
  });

  it('every older tree is consistent with every newer one, and not with a different history', () => {
    const forked = leaves.map((l, i) => (i === 0 ? leafHash(new TextEncoder().encode('forged')) : l));
    for (let newSize = 1; newSize <= 40; newSize++) {
      for (let oldSize = 1; oldSize <= newSize; oldSize++) {
        const proof = consistencyProof(oldSize, leaves.slice(0, newSize));
        expect(verifyConsistency(oldSize, newSize, roots[oldSize], roots[newSize], proof)).toBe(true);
        const forkedOldRoot = merkleRoot(forked.slice(0, oldSize));
        expect(verifyConsistency(oldSize, newSize, forkedOldRoot, roots[newSize], proof)).toBe(false);
      }
    }
  });
});
