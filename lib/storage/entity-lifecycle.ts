/**
 * The glossary writes that carry an entity's reading rows along: delete (returning what was
 * removed), restore (undo of a delete) and merge. Each is one transaction over the entities,
 * the reading index and the statistics, and bumps the glossary revision.
 */
import type { Entity } from '../model/entity';
import { EntityId } from '../model/entity';
import type { Mention } from '../model/article';
import { friendlyMessage } from '../model/glossary-file';
import { MergeTooLargeError, mergeEntityFields } from '../model/merge';
import { DeletedEntity } from '../model/reading-views';
import { requestAll, runTransaction, type Database } from './db';
import { NotFoundError, StorageError, ValidationError } from './errors';
import { bumpRevision, checkedEntity, fromStored, toStored } from './entity-records';
import { compareKeys, rowOf, type EntityStats, type ReadingRow } from './schema';
import { articleUrlsOf, mentionsOf, rewriteRows } from './reading-rows';
import { StatsEditor } from './stats';
import { checkEntityVersion } from './versions';
import { nextVersion } from '../model/version';
import { recordMerge } from './sync-merges';

/**
 * Delete an entity, every mention of it and its statistics, in one transaction. Returns what
 * was removed (for undo), or null when it did not exist (nothing changes).
 */
export async function removeEntity(db: Database, id: string, baseVersion?: number): Promise<DeletedEntity | null> {
  if (!EntityId.safeParse(id).success) return null;
  return runTransaction(db, ['entities', 'articles', 'readings', 'meta', 'statBuckets'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    const stored = await store.get(id);
    if (!stored) return null;
    // Deleting what the reader did not see (changed elsewhere meanwhile) would lose that change.
    checkEntityVersion(id, fromStored(stored), baseVersion);
    const articles = tx.objectStore('articles');
    const urls = await articleUrlsOf(articles, [id]);
    const before = await rewriteRows(articles, tx.objectStore('readings'), urls, (rows) => rows.filter((r) => r.entityId !== id));
    const removed = before
      .flatMap(mentionsOf)
      .filter((m) => m.entityId === id)
      .sort((a, b) => compareKeys(a.url, b.url));
    await store.delete(id);
    const stats = new StatsEditor(tx.objectStore('statBuckets'));
    await stats.load([id]);
    stats.set(id, null);
    await stats.flush();
    await bumpRevision(tx.objectStore('meta'));
    return { entity: fromStored(stored), mentions: removed };
  });
}

/** Delete an entity and every mention of it. False when it did not exist (nothing changes). */
export async function deleteEntity(db: Database, id: string, baseVersion?: number): Promise<boolean> {
  return (await removeEntity(db, id, baseVersion)) !== null;
}

/**
 * Undo a delete: the entity comes back with its id, fields and timestamps, and its mention
 * rows for the articles still in the reading index (history cleared meanwhile stays cleared).
 * Fails, writing nothing, when an entity with that id exists again.
 */
export async function restoreEntity(db: Database, removed: DeletedEntity): Promise<Entity> {
  const r = DeletedEntity.safeParse(removed, { error: friendlyMessage });
  if (!r.success) throw ValidationError.fromZod('restore', r.error);
  // Exactly as it was, version included: a form still open on it holds the same text.
  const entity = checkedEntity(r.data.entity);
  const rows = r.data.mentions.filter((m) => m.entityId === entity.id);
  return runTransaction(db, ['entities', 'articles', 'readings', 'meta', 'statBuckets'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    if ((await store.getKey(entity.id)) !== undefined) {
      throw new StorageError(`“${entity.name}” is back in the glossary already; nothing was changed`);
    }
    await store.add(toStored(entity));
    const articles = tx.objectStore('articles');
    const exists = await requestAll(rows, (m) => articles.getKey(m.url));
    const live = new Map(rows.filter((_, i) => exists[i] !== undefined).map((m) => [m.url, m]));
    await rewriteRows(articles, tx.objectStore('readings'), [...live.keys()], (current, url) => [
      ...current.filter((r) => r.entityId !== entity.id),
      rowOf(live.get(url)!),
    ]);
    const stats = new StatsEditor(tx.objectStore('statBuckets'));
    await stats.load([entity.id]);
    stats.set(entity.id, statsOf(entity.id, [...live.values()]));
    await stats.flush();
    await bumpRevision(tx.objectStore('meta'));
    return entity;
  });
}

/** Statistics of one entity from all its mention rows; null when it has none. */
export function statsOf(entityId: string, rows: readonly Pick<Mention, 'count' | 'lastSeen'>[]): EntityStats | null {
  if (rows.length === 0) return null;
  let mentions = 0;
  let lastSeen = 0;
  for (const m of rows) {
    mentions += m.count;
    if (m.lastSeen > lastSeen) lastSeen = m.lastSeen;
  }
  return { entityId, articles: rows.length, mentions, lastSeen };
}

const MAX_COUNT = 1_000_000;

/**
 * Merge `otherId` into `keepId`, in one transaction: kept's name, type and id; the other's
 * name becomes an alias; aliases, tags and links combined; notes appended; every mention row
 * of the other moves to the kept entity (counts added where both were seen in one article);
 * the other entity is deleted. Returns the merged entity.
 */
export async function mergeEntities(
  db: Database,
  keepId: string,
  otherId: string,
  now: number,
  baseVersions: { keep?: number; other?: number } = {},
): Promise<Entity> {
  if (!EntityId.safeParse(keepId).success) throw new NotFoundError('entities', keepId);
  if (!EntityId.safeParse(otherId).success) throw new NotFoundError('entities', otherId);
  if (keepId === otherId) throw new ValidationError('merge', ['an entity cannot be merged with itself']);
  return runTransaction(db, ['entities', 'articles', 'readings', 'meta', 'statBuckets'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    const [keepStored, otherStored] = await Promise.all([store.get(keepId), store.get(otherId)]);
    checkEntityVersion(keepId, keepStored && fromStored(keepStored), baseVersions.keep);
    checkEntityVersion(otherId, otherStored && fromStored(otherStored), baseVersions.other);
    if (!keepStored) throw new NotFoundError('entities', keepId);
    if (!otherStored) throw new NotFoundError('entities', otherId);
    const keep = fromStored(keepStored);
    const other = fromStored(otherStored);
    let fields;
    try {
      fields = mergeEntityFields(keep, other);
    } catch (err) {
      if (err instanceof MergeTooLargeError) throw new ValidationError('merge', [err.message]);
      throw err;
    }
    const merged = checkedEntity({ ...fields, id: keep.id, createdAt: Math.min(keep.createdAt, other.createdAt), updatedAt: now, version: nextVersion(keep) }, 'merge');

    // Every article of either: the other's row moves to the kept entity, or joins its row.
    const articles = tx.objectStore('articles');
    const urls = await articleUrlsOf(articles, [keepId, otherId]);
    const keptRows: ReadingRow[] = [];
    await rewriteRows(articles, tx.objectStore('readings'), urls, (rows) => {
      const mine = rows.find((r) => r.entityId === keepId);
      const theirs = rows.find((r) => r.entityId === otherId);
      const rest = rows.filter((r) => r.entityId !== keepId && r.entityId !== otherId);
      let row = mine;
      if (mine && theirs) {
        // Both names were found in the same article: distinct mentions, so the counts add up.
        row = {
          entityId: keepId,
          count: Math.min(MAX_COUNT, mine.count + theirs.count),
          snippet: mine.snippet || theirs.snippet,
          lastSeen: Math.max(mine.lastSeen, theirs.lastSeen),
        };
      } else if (theirs) {
        row = { ...theirs, entityId: keepId };
      }
      if (!row) return rest;
      keptRows.push(row);
      return [...rest, row];
    });
    await store.put(toStored(merged));
    await store.delete(otherId);
    // Sync: the other's deletion travels as "merged into keep" (docs/sync.md#conflicts).
    await recordMerge(tx.objectStore('meta'), otherId, keepId);
    const stats = new StatsEditor(tx.objectStore('statBuckets'));
    await stats.load([keepId, otherId]);
    stats.set(otherId, null);
    stats.set(keepId, statsOf(keepId, keptRows));
    await stats.flush();
    await bumpRevision(tx.objectStore('meta'));
    return merged;
  });
}
