/**
 * Which deleted entities were merged into which (docs/sync.md#conflicts): written by a merge in
 * its own transaction, read by sync so the deletion travels as "merged into", not as a delete.
 */
import type { IDBPObjectStore } from 'idb';
import { z } from 'zod';
import type { NcrSchema, StoreName } from './schema';

export const META_SYNC_MERGES = 'syncMerges';
export const Merges = z.record(z.string(), z.string());
const MAX_MERGES = 1000;

type MetaStore = IDBPObjectStore<NcrSchema, ArrayLike<StoreName>, 'meta', 'readwrite'>;

/** `otherId` was merged into `keepId`, inside the merge's transaction. */
export async function recordMerge(meta: MetaStore, otherId: string, keepId: string): Promise<void> {
  const read = Merges.safeParse(await meta.get(META_SYNC_MERGES));
  const merges = read.success ? read.data : {};
  merges[otherId] = keepId;
  // Bounded: the oldest are forgotten first (a tombstone reaches the server within minutes).
  const keys = Object.keys(merges);
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_MERGES))) delete merges[k];
  await meta.put(merges, META_SYNC_MERGES);
}
