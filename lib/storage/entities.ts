/**
 * The glossary: entities the reader keeps, and the revision counter tabs use to know when
 * their copy is stale. Every write is one transaction and bumps `glossaryRevision` inside it.
 */
import { z } from 'zod';
import { Entity, EntityId, EntityInput, canonicalEntity, type MatchDefaults } from '../model/entity';
import { Mention } from '../model/article';
import { GlossaryEntity, MAX_GLOSSARY_ENTITIES, friendlyMessage, type GlossaryEntityInput } from '../model/glossary-file';
import { MergeTooLargeError, mergeEntityFields, sameEntityContent } from '../model/merge';
import { matchDefaultsOf } from '../model/settings';
import type { IDBPObjectStore } from 'idb';
import { requestAll, runTransaction, type Database, type Tx } from './db';
import { NotFoundError, StorageError, ValidationError } from './errors';
import { newId } from './ids';
import { aliasKeysOf, normalizeName, tagKeysOf } from './keys';
import { META_GLOSSARY_REVISION, compareKeys, type EntityStats, type NcrSchema, type ReadingRow, type StoreName, type StoredEntity } from './schema';
import { articleUrlsOf, mentionsOf, rewriteRows, rowOf } from './reading';
import { StatsEditor, readAllStats } from './stats';
import { META_SETTINGS, readSettings } from './settings-record';

export { normalizeName } from './keys';

export interface ImportSummary {
  /** Entities that were not in the glossary. */
  added: number;
  /** Existing entities (same id, or same name) whose name, type, aliases or notes changed. */
  updated: number;
}

/** A fresh entity id (see ids.ts). */
export const newEntityId = newId;

export function toStored(entity: Entity): StoredEntity {
  return { ...entity, nameKey: normalizeName(entity.name) };
}

export function fromStored(stored: StoredEntity): Entity {
  const { nameKey: _nameKey, ...entity } = stored;
  return entity;
}

/** The last validation gate before a record is written; returns the canonical record. */
export function checkedEntity(record: Entity, what = 'entity', path: PropertyKey[] = []): Entity {
  const r = Entity.safeParse(record, { error: friendlyMessage });
  if (!r.success) throw ValidationError.fromZod(what, r.error, path);
  return canonicalEntity(r.data);
}

function readRevision(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

type MetaStore = IDBPObjectStore<NcrSchema, ArrayLike<StoreName>, 'meta', 'readwrite'>;

/** +1 on the glossary revision, inside the caller's transaction. */
export async function bumpRevision(meta: MetaStore): Promise<number> {
  const next = readRevision(await meta.get(META_GLOSSARY_REVISION)) + 1;
  await meta.put(next, META_GLOSSARY_REVISION);
  return next;
}

/** The glossary revision: 0 for a new database, +1 with every glossary write. */
export async function getGlossaryRevision(db: Database): Promise<number> {
  return readRevision(await db.get('meta', META_GLOSSARY_REVISION));
}

/** Every entity, ordered by normalised name. */
export async function listEntities(db: Database): Promise<Entity[]> {
  const all = await db.getAllFromIndex('entities', 'by-name');
  return all.map(fromStored);
}

/**
 * The revision, the entities and the reader's matching defaults, read in one transaction: a
 * consistent set (a change of the defaults bumps the revision, see settings.ts).
 */
export async function getGlossarySnapshot(db: Database): Promise<{ revision: number; entities: Entity[]; defaults: MatchDefaults }> {
  return runTransaction(db, ['entities', 'meta'], 'readonly', async (tx) => {
    const meta = tx.objectStore('meta');
    const [revision, all, settings] = await Promise.all([
      meta.get(META_GLOSSARY_REVISION),
      tx.objectStore('entities').index('by-name').getAll(),
      meta.get(META_SETTINGS),
    ]);
    return { revision: readRevision(revision), entities: all.map(fromStored), defaults: matchDefaultsOf(readSettings(settings)) };
  });
}

export async function getEntity(db: Database, id: string): Promise<Entity | undefined> {
  const stored = await db.get('entities', id);
  return stored ? fromStored(stored) : undefined;
}

/** The entities with these ids that exist, in the order asked (duplicates asked once). */
export async function getEntities(db: Database, ids: readonly string[]): Promise<Entity[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return runTransaction(db, ['entities'], 'readonly', async (tx) => {
    const store = tx.objectStore('entities');
    const found = await requestAll(unique, (id) => store.get(id));
    return found.filter((e): e is StoredEntity => e !== undefined).map(fromStored);
  });
}

/** Entities whose name equals `name` after normalizeName (for "already in your glossary" checks). */
export async function findEntitiesByName(db: Database, name: string): Promise<Entity[]> {
  const all = await db.getAllFromIndex('entities', 'by-name', normalizeName(name));
  return all.map(fromStored);
}

/** Entities going by `name` as their name or one of their aliases. */
export async function findEntitiesByAlias(db: Database, name: string): Promise<Entity[]> {
  const key = normalizeName(name);
  const all = await db.getAll('entities');
  return all.filter((e) => aliasKeysOf(e).includes(key)).map(fromStored);
}

/** Entities with this tag (case and spacing ignored), by name. */
export async function findEntitiesByTag(db: Database, tag: string): Promise<Entity[]> {
  const key = tagKeysOf({ tags: [tag] })[0] ?? '';
  const all = (await db.getAll('entities')).filter((e) => tagKeysOf(e).includes(key));
  return all.map(fromStored).sort((a, b) => (normalizeName(a.name) < normalizeName(b.name) ? -1 : 1));
}

function parseInput(input: unknown) {
  const r = EntityInput.safeParse(input, { error: friendlyMessage });
  if (!r.success) throw ValidationError.fromZod('entity', r.error);
  return r.data;
}

/** Add an entity. The store gives it an id and timestamps. Same-name entities are allowed. */
export async function createEntity(db: Database, input: EntityInput, now: number): Promise<Entity> {
  const entity = checkedEntity({ ...parseInput(input), id: newEntityId(), createdAt: now, updatedAt: now });
  await runTransaction(db, ['entities', 'meta'], 'readwrite', async (tx) => {
    await tx.objectStore('entities').add(toStored(entity));
    await bumpRevision(tx.objectStore('meta'));
  });
  return entity;
}

/** Replace an entity's name, type, aliases, notes, tags and links; keeps id and createdAt. */
export async function updateEntity(db: Database, id: string, input: EntityInput, now: number): Promise<Entity> {
  const fields = parseInput(input);
  if (!EntityId.safeParse(id).success) throw new NotFoundError('entities', id);
  return runTransaction(db, ['entities', 'meta'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    const existing = await store.get(id);
    if (!existing) throw new NotFoundError('entities', id);
    const entity = checkedEntity({ ...fields, id, createdAt: existing.createdAt, updatedAt: now });
    await store.put(toStored(entity));
    await bumpRevision(tx.objectStore('meta'));
    return entity;
  });
}

/** What deleting an entity removed: enough to put it back exactly (undo). */
export const DeletedEntity = z.strictObject({
  entity: Entity,
  mentions: z.array(Mention).max(1_000_000),
});
export type DeletedEntity = z.infer<typeof DeletedEntity>;

/**
 * Delete an entity, every mention of it and its statistics, in one transaction. Returns what
 * was removed (for undo), or null when it did not exist (nothing changes).
 */
export async function removeEntity(db: Database, id: string): Promise<DeletedEntity | null> {
  if (!EntityId.safeParse(id).success) return null;
  return runTransaction(db, ['entities', 'articles', 'readings', 'meta', 'statBuckets'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    const stored = await store.get(id);
    if (!stored) return null;
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
export async function deleteEntity(db: Database, id: string): Promise<boolean> {
  return (await removeEntity(db, id)) !== null;
}

/**
 * Undo a delete: the entity comes back with its id, fields and timestamps, and its mention
 * rows for the articles still in the reading index (history cleared meanwhile stays cleared).
 * Fails, writing nothing, when an entity with that id exists again.
 */
export async function restoreEntity(db: Database, removed: DeletedEntity): Promise<Entity> {
  const r = DeletedEntity.safeParse(removed, { error: friendlyMessage });
  if (!r.success) throw ValidationError.fromZod('restore', r.error);
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
export async function mergeEntities(db: Database, keepId: string, otherId: string, now: number): Promise<Entity> {
  if (!EntityId.safeParse(keepId).success) throw new NotFoundError('entities', keepId);
  if (!EntityId.safeParse(otherId).success) throw new NotFoundError('entities', otherId);
  if (keepId === otherId) throw new ValidationError('merge', ['an entity cannot be merged with itself']);
  return runTransaction(db, ['entities', 'articles', 'readings', 'meta', 'statBuckets'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    const [keepStored, otherStored] = await Promise.all([store.get(keepId), store.get(otherId)]);
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
    const merged = checkedEntity({ ...fields, id: keep.id, createdAt: Math.min(keep.createdAt, other.createdAt), updatedAt: now }, 'merge');

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
    const stats = new StatsEditor(tx.objectStore('statBuckets'));
    await stats.load([keepId, otherId]);
    stats.set(otherId, null);
    stats.set(keepId, statsOf(keepId, keptRows));
    await stats.flush();
    await bumpRevision(tx.objectStore('meta'));
    return merged;
  });
}

/** One line of the glossary list: the entity and how much the reader has seen of it. */
export interface GlossaryRow {
  entity: Entity;
  mentions: number;
  articles: number;
  lastSeen: number | null;
}

/** Every entity with its reading statistics, by normalised name: one consistent read. */
export async function listGlossaryRows(db: Database): Promise<GlossaryRow[]> {
  return runTransaction(db, ['entities', 'statBuckets'], 'readonly', async (tx) => {
    const [all, stats] = await Promise.all([tx.objectStore('entities').index('by-name').getAll(), readAllStats(tx.objectStore('statBuckets'))]);
    const byId = new Map(stats.map((s) => [s.entityId, s]));
    return all.map((stored) => {
      const s = byId.get(stored.id);
      return { entity: fromStored(stored), mentions: s?.mentions ?? 0, articles: s?.articles ?? 0, lastSeen: s?.lastSeen ?? null };
    });
  });
}

/** Every tag in use, with how many entities carry it, most used first. */
export async function listTags(db: Database): Promise<{ tag: string; count: number }[]> {
  const all = await db.getAll('entities');
  const counts = new Map<string, { tag: string; count: number }>();
  for (const e of all) {
    for (const [i, k] of tagKeysOf(e).entries()) {
      const c = counts.get(k);
      if (c) c.count++;
      else counts.set(k, { tag: e.tags?.[i] ?? k, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'en', { sensitivity: 'base' }));
}

/**
 * Merge entities (from a glossary file) into the glossary: all or nothing, one transaction.
 * This is the one-step import of the `glossary.import` message; the options page previews
 * first (lib/storage/import.ts) and lets the reader choose merge / skip / keep both.
 *
 * Policy:
 *  1. An entry whose `id` is an existing entity's id updates that entity.
 *  2. Otherwise, an entry whose name equals an existing entity's name (normalizeName: case,
 *     spacing and apostrophe style ignored) updates that entity in place, keeping its id. Each
 *     existing entity is matched at most once per import (oldest first when several share the
 *     name), and only entities that existed before the import are matched, so a file holding
 *     two different "John Smith"s keeps both.
 *  3. Otherwise the entry is added, with its own id and timestamps when it has them.
 * An update replaces name, type, aliases, notes, tags and links and keeps the stored id and
 * createdAt; updatedAt becomes `now` only when something changed. Entries identical to the
 * stored entity count as neither added nor updated. The glossary revision is bumped once if
 * anything changed.
 *
 * Every entry is validated before anything is written; an invalid entry rejects the whole
 * import with a ValidationError naming each problem (`entities[3].name: must not be empty`).
 */
export async function importEntities(
  db: Database,
  entities: readonly GlossaryEntityInput[],
  now: number,
): Promise<ImportSummary> {
  if (!Array.isArray(entities)) throw new ValidationError('import', ['entities: must be a list']);
  if (entities.length > MAX_GLOSSARY_ENTITIES) {
    throw new ValidationError('import', [`entities: too many (${entities.length}; at most ${MAX_GLOSSARY_ENTITIES})`]);
  }
  const entries: GlossaryEntity[] = [];
  const problems: string[] = [];
  const seenIds = new Map<string, number>();
  entities.forEach((raw, i) => {
    const r = GlossaryEntity.safeParse(raw, { error: friendlyMessage });
    if (!r.success) {
      if (problems.length < 50) problems.push(...ValidationError.fromZod('entity', r.error, ['entities', i]).problems);
      return;
    }
    const id = r.data.id;
    if (id !== undefined) {
      const first = seenIds.get(id);
      if (first !== undefined) problems.push(`entities[${i}].id: ${JSON.stringify(id)} is already used by entities[${first}]`);
      else seenIds.set(id, i);
    }
    entries.push(r.data);
  });
  if (problems.length) throw new ValidationError('import', problems.slice(0, 50));
  if (!Number.isSafeInteger(now) || now < 0) throw new ValidationError('import', [`now: not a valid time (${now})`]);

  return runTransaction(db, ['entities', 'meta'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    // One read of the whole glossary, before any write: matches see only pre-import entities.
    const existing = await store.getAll();
    const byId = new Map(existing.map((e) => [e.id, e]));
    const byName = new Map<string, StoredEntity[]>();
    for (const e of existing) {
      const list = byName.get(e.nameKey);
      if (list) list.push(e);
      else byName.set(e.nameKey, [e]);
    }
    for (const list of byName.values()) list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));

    // Pass 1: id matches claim their entity, so a later name match cannot take it.
    const target: (StoredEntity | undefined)[] = entries.map((e) => (e.id !== undefined ? byId.get(e.id) : undefined));
    const claimed = new Set<string>(target.filter((t): t is StoredEntity => !!t).map((t) => t.id));
    // Pass 2: name matches, in file order.
    entries.forEach((e, i) => {
      if (target[i]) return;
      const candidate = byName.get(normalizeName(e.name))?.find((c) => !claimed.has(c.id));
      if (candidate) {
        target[i] = candidate;
        claimed.add(candidate.id);
      }
    });

    // Every record is built and validated before the first write is issued.
    const puts: StoredEntity[] = [];
    const adds: StoredEntity[] = [];
    entries.forEach((e, i) => {
      const fields = canonicalEntity({ name: e.name, type: e.type, aliases: e.aliases, notes: e.notes, tags: e.tags, links: e.links });
      const existingEntity = target[i];
      if (existingEntity) {
        const current = fromStored(existingEntity);
        if (sameEntityContent(current, fields)) return;
        const entity = { ...fields, id: current.id, createdAt: current.createdAt, updatedAt: now };
        puts.push(toStored(checkedEntity(entity, 'import', ['entities', i])));
      } else {
        const createdAt = e.createdAt ?? e.updatedAt ?? now;
        const entity = { ...fields, id: e.id ?? newEntityId(), createdAt, updatedAt: e.updatedAt ?? createdAt };
        adds.push(toStored(checkedEntity(entity, 'import', ['entities', i])));
      }
    });
    const updates = requestAll(puts, (record) => store.put(record));
    // add, not put: should an id exist after all, the request fails and the import aborts.
    const additions = requestAll(adds, (record) => store.add(record));
    await updates;
    await additions;
    const added = adds.length;
    const updated = puts.length;
    if (added + updated > 0) await bumpRevision(tx.objectStore('meta'));
    return { added, updated };
  });
}

export type { Tx };
