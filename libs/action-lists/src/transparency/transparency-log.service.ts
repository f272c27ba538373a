import { Injectable } from '@nestjs/common';
import { AppError } from '@schakel/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { fromHex, toHex } from '@schakel/signing';
import { consistencyProof, inclusionProof, merkleRoot } from '@schakel/signing';
import { logEntryLeafHash, signCheckpoint } from '@schakel/signing';
import type { LogEntry, SignedCheckpoint } from '@schakel/signing';
import * as store from '../store/transparency.store';
import { PlatformSigningKey } from './platform-key';

export const LOG_ID = 'urn:schakel:actielijsten:transparantielog';

export interface InclusionProofView {
  index: number;
  treeSize: number;
  entry: LogEntry;
  leafHash: string;
  proof: string[];
  checkpoint: SignedCheckpoint;
}

export interface ConsistencyProofView {
  fromSize: number;
  toSize: number;
  proof: string[];
  fromCheckpoint: SignedCheckpoint;
  toCheckpoint: SignedCheckpoint;
}

/**
 * The RFC 9162 log of everything that happens to action lists and signing keys. Appending runs in
 * the caller's transaction (the change and its log entry commit together) under one advisory lock
 * (gap-free indices); after each append the platform signs a checkpoint of the new tree.
 * The log holds no personal data beyond employee ids of key owners and is public by design.
 */
@Injectable()
export class TransparencyLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly platformKey: PlatformSigningKey,
  ) {}

  /** Appends entries in order and signs one checkpoint over the new tree; answers their indices. */
  async append(m: EntityManager, entries: readonly LogEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    await store.lockLog(m);
    const first = await store.nextIndex(m);
    const rows = entries.map((entry, i) => ({ index: first + i, entry, leafHash: toHex(logEntryLeafHash(entry)) }));
    await store.insertEntries(m, rows);
    const size = first + entries.length;
    // O(n) per append: fine for the expected size of this log (thousands of entries); a stored
    // tree of subtree roots is the way up if it ever grows to millions.
    const leaves = (await store.leafHashes(m, size)).map(fromHex);
    const { privateKey, kid } = await this.platformKey.resolve();
    const signed = await signCheckpoint(
      { logId: LOG_ID, treeSize: size, rootHash: toHex(merkleRoot(leaves)), timestamp: new Date().toISOString() },
      privateKey,
      kid,
    );
    await store.insertCheckpoint(m, signed);
    return rows.map((r) => r.index);
  }

  async latestCheckpoint(): Promise<SignedCheckpoint | null> {
    return store.latestCheckpoint(this.dataSource.manager);
  }

  async checkpointAt(treeSize: number): Promise<SignedCheckpoint> {
    const found = await store.checkpointAt(this.dataSource.manager, treeSize);
    if (!found) throw AppError.notFound({ nl: `Een controlepunt bij boomgrootte ${treeSize}`, en: `A checkpoint at tree size ${treeSize}` });
    return found;
  }

  /** Inclusion of entry `index` in the tree of `treeSize` leaves (a size a checkpoint was signed for). */
  async inclusionProof(index: number, treeSize: number, on: EntityManager = this.dataSource.manager): Promise<InclusionProofView> {
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) {
      throw AppError.badInput({ nl: 'index moet tussen 0 en treeSize liggen.', en: 'index must be between 0 and treeSize.' });
    }
    const checkpoint = await store.checkpointAt(on, treeSize);
    if (!checkpoint) throw AppError.notFound({ nl: `Een controlepunt bij boomgrootte ${treeSize}`, en: `A checkpoint at tree size ${treeSize}` });
    const leaves = (await store.leafHashes(on, treeSize)).map(fromHex);
    const [entry] = await store.entriesAt(on, [index]);
    return { index, treeSize, entry: entry.entry, leafHash: entry.leafHash, proof: inclusionProof(index, leaves, treeSize).map(toHex), checkpoint };
  }

  async consistencyProof(fromSize: number, toSize: number): Promise<ConsistencyProofView> {
    if (!Number.isSafeInteger(fromSize) || !Number.isSafeInteger(toSize) || fromSize < 1 || fromSize > toSize) {
      throw AppError.badInput({ nl: 'from moet tussen 1 en to liggen.', en: 'from must be between 1 and to.' });
    }
    const m = this.dataSource.manager;
    const [fromCheckpoint, toCheckpoint] = await Promise.all([this.checkpointAt(fromSize), this.checkpointAt(toSize)]);
    const leaves = (await store.leafHashes(m, toSize)).map(fromHex);
    return { fromSize, toSize, proof: consistencyProof(fromSize, leaves).map(toHex), fromCheckpoint, toCheckpoint };
  }

  /** Entries with their proofs against one checkpoint (the evidence bundle's). */
  async proofsAt(m: EntityManager, indices: readonly number[], treeSize: number): Promise<Array<{ index: number; entry: LogEntry; leafHash: string; proof: string[] }>> {
    const leaves = (await store.leafHashes(m, treeSize)).map(fromHex);
    const entries = await store.entriesAt(m, indices);
    return entries.map((e) => ({ ...e, proof: inclusionProof(e.index, leaves, treeSize).map(toHex) }));
  }

  latestCheckpointIn(m: EntityManager): Promise<SignedCheckpoint | null> {
    return store.latestCheckpoint(m);
  }
}
