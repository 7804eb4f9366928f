/**
 * Per-entity reading statistics (articles, mentions, last seen), kept in STATS_BUCKETS records
 * of the `statBuckets` store (schema v5): the glossary list reads 256 records instead of one per
 * entity, and an import writes at most 256 instead of 10,000.
 *
 * Writers change statistics through a StatsEditor inside their own transaction: it reads each
 * bucket it needs once, applies every change in memory and writes each changed bucket once.
 */
import type { IDBPObjectStore } from 'idb';
import { requestAll } from './db';
import { STATS_BUCKETS, byEntityId, statsBucketOf, type EntityStats, type NcrSchema, type StatsBucket, type StoreName } from './schema';

type BucketStore<Mode extends IDBTransactionMode> = IDBPObjectStore<NcrSchema, ArrayLike<StoreName>, 'statBuckets', Mode>;

export class StatsEditor {
  private readonly buckets = new Map<number, Map<string, EntityStats>>();
  private readonly dirty = new Set<number>();

  constructor(private readonly store: BucketStore<'readwrite'>) {}

  /** Read the buckets of these entities (each bucket once per editor). */
  async load(entityIds: Iterable<string>): Promise<void> {
    const need = [...new Set([...entityIds].map(statsBucketOf))].filter((b) => !this.buckets.has(b));
    const found = await requestAll(need, (b) => this.store.get(b));
    need.forEach((b, i) => this.buckets.set(b, new Map((found[i]?.stats ?? []).map((s) => [s.entityId, s]))));
  }

  /** Read every bucket (at most STATS_BUCKETS records: for writers touching many entities). */
  async loadAll(): Promise<void> {
    for (const bucket of await this.store.getAll()) this.buckets.set(bucket.bucket, new Map(bucket.stats.map((s) => [s.entityId, s])));
    for (let b = 0; b < STATS_BUCKETS; b++) if (!this.buckets.has(b)) this.buckets.set(b, new Map());
  }

  /** The entity's statistics (its bucket must have been loaded). */
  get(entityId: string): EntityStats | undefined {
    return this.bucket(entityId).get(entityId);
  }

  /** Replace the entity's statistics; null removes them (no article mentions it any more). */
  set(entityId: string, stats: EntityStats | null): void {
    const b = statsBucketOf(entityId);
    const bucket = this.bucket(entityId);
    if (stats) bucket.set(entityId, { entityId, articles: stats.articles, mentions: stats.mentions, lastSeen: stats.lastSeen });
    else if (!bucket.delete(entityId)) return;
    this.dirty.add(b);
  }

  /** Write every changed bucket (an emptied bucket is deleted). */
  async flush(): Promise<void> {
    const changed = [...this.dirty];
    this.dirty.clear();
    await requestAll(changed, (b): Promise<unknown> => {
      const stats = [...this.buckets.get(b)!.values()].sort(byEntityId);
      return stats.length ? this.store.put({ bucket: b, stats } satisfies StatsBucket) : this.store.delete(b);
    });
  }

  private bucket(entityId: string): Map<string, EntityStats> {
    const bucket = this.buckets.get(statsBucketOf(entityId));
    if (!bucket) throw new Error(`statistics of ${entityId} read before their bucket was loaded`);
    return bucket;
  }
}

/**
 * An entity's statistics once one of its articles is gone (forgotten, or no longer naming it),
 * where it had `count` mentions; `newestSighting` is when it was last seen in the articles left
 * (lastSeen cannot be undone by subtraction). Null when no article mentions it any more.
 */
export function statsWithoutArticle(st: EntityStats, count: number, newestSighting: number | null | undefined): EntityStats | null {
  if (st.articles <= 1 || newestSighting === null || newestSighting === undefined) return null;
  return { entityId: st.entityId, articles: st.articles - 1, mentions: Math.max(0, st.mentions - count), lastSeen: newestSighting };
}

/** Every entity's statistics, by entity id. */
export async function readAllStats(store: BucketStore<IDBTransactionMode>): Promise<EntityStats[]> {
  const buckets = await store.getAll();
  return buckets.flatMap((b) => b.stats).sort(byEntityId);
}

/** One entity's statistics, if any article mentions it. */
export async function readStats(store: BucketStore<IDBTransactionMode>, entityId: string): Promise<EntityStats | undefined> {
  const bucket = await store.get(statsBucketOf(entityId));
  return bucket?.stats.find((s) => s.entityId === entityId);
}
