// RFC 9162 §2.1 Merkle tree hashes, inclusion and consistency proofs (the Certificate Transparency
// log structure). Hashes are 32-byte Uint8Arrays; leaves are given as their leaf hashes so a log
// with millions of entries need not keep the entries in memory.
import { concatBytes, equalBytes } from './bytes';
import { sha256 } from './sha256';

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256(concatBytes(LEAF_PREFIX, entry));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function assertSize(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer`);
}

/** MTH(D[n]); the empty tree's root is SHA-256 of nothing. */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return sha256(new Uint8Array(0));
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

function subtreeRoot(leaves: readonly Uint8Array[], from: number, to: number): Uint8Array {
  const n = to - from;
  if (n === 1) return leaves[from];
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

/** PATH(m, D[n]) for the first `treeSize` leaves (default: all). */
export function inclusionProof(
  index: number,
  leafHashes: readonly Uint8Array[],
  treeSize = leafHashes.length,
): Uint8Array[] {
  assertSize(index, 'index');
  assertSize(treeSize, 'treeSize');
  if (treeSize > leafHashes.length || index >= treeSize) throw new RangeError('index outside the tree');
  const path: Uint8Array[] = [];
  let from = 0;
  let to = treeSize;
  let m = index;
  // Walk down from the root, collecting the sibling subtree at each level (root-side first),
  // then reverse: the proof lists siblings from the leaf upwards.
  while (to - from > 1) {
    const k = splitPoint(to - from);
    if (m < k) {
      path.push(subtreeRoot(leafHashes, from + k, to));
      to = from + k;
    } else {
      path.push(subtreeRoot(leafHashes, from, from + k));
      from += k;
      m -= k;
    }
  }
  return path.reverse();
}

/** RFC 9162 §2.1.3.2. */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

/** PROOF(m, D[n]) between the first `oldSize` leaves and all of `leafHashes` (RFC 9162 §2.1.4.1). */
export function consistencyProof(oldSize: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  assertSize(oldSize, 'oldSize');
  const n = leafHashes.length;
  if (oldSize > n) throw new RangeError('oldSize larger than the tree');
  if (oldSize === 0 || oldSize === n) return [];
  const proof: Uint8Array[] = [];
  let from = 0;
  let to = n;
  let m = oldSize;
  let complete = true;
  while (m !== to - from) {
    const k = splitPoint(to - from);
    if (m <= k) {
      proof.push(subtreeRoot(leafHashes, from + k, to));
      to = from + k;
    } else {
      proof.push(subtreeRoot(leafHashes, from, from + k));
      from += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) proof.push(subtreeRoot(leafHashes, from, to));
  return proof.reverse();
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** RFC 9162 §2.1.4.2. Equal sizes need an empty proof and equal roots; size 0 is consistent with anything. */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    return false;
  }
  if (oldSize === newSize) return proof.length === 0 && equalBytes(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(fr, oldRoot) && equalBytes(sr, newRoot);
}
