/**
 * The glossary: entities the reader keeps, and the revision counter tabs use to know when
 * their copy is stale. Every write is one transaction and bumps `glossaryRevision` inside it.
 */
import { EntityId, EntityInput, type Entity, type MatchDefaults } from '../model/entity';
import { friendlyMessage } from '../model/glossary-file';
import type { GlossaryRow } from '../model/reading-views';
import { matchDefaultsOf } from '../model/settings';
import { requestAll, runTransaction, type Database, type Tx } from './db';
import { NotFoundError, ValidationError } from './errors';
import { checkEntityVersion } from './versions';
import { nextVersion } from '../model/version';
import { aliasKeysOf, normalizeName, tagKeysOf } from './keys';
import { META_GLOSSARY_REVISION, type StoredEntity } from './schema';
import { bumpRevision, checkedEntity, fromStored, newEntityId, readRevision, toStored } from './entity-records';
import { readAllStats } from './stats';
import { TEAM_ID_PREFIX } from '../model/subscription';
import { META_SETTINGS, readSettings } from './settings-record';

export { normalizeName } from './keys';
export { bumpRevision, checkedEntity, fromStored, newEntityId, toStored } from './entity-records';
// Delete, undo and merge carry reading rows along: their own file.
export { deleteEntity, mergeEntities, removeEntity, restoreEntity, statsOf } from './entity-lifecycle';

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
    return { revision: readRevision(revision), entities: withoutShadowedTeamEntities(all).map(fromStored), defaults: matchDefaultsOf(readSettings(settings)) };
  });
}

/**
 * A subscribed (team) entity going by a name or alias one of the reader's own entities has is
 * left out of the marks: one mark per name on the page, the reader's own entity's
 * (docs/sync-team-glossary.md). It stays in the store, so unsubscribing still removes exactly it.
 */
export function withoutShadowedTeamEntities<T extends StoredEntity>(all: readonly T[]): T[] {
  if (!all.some((e) => e.source)) return [...all];
  const own = new Set<string>();
  for (const e of all) if (!e.source) for (const k of aliasKeysOf(e)) own.add(k);
  return all.filter((e) => !e.source || !aliasKeysOf(e).some((k) => own.has(k)));
}

/**
 * The team entities `entity` shadows (withoutShadowedTeamEntities): those of a subscription going
 * by its name or one of its aliases. The card of the reader's own entity lists them ("From
 * <team>: …"), so the team's text is not hidden by the one mark. Team entities are read by their
 * id range (`t-…`, lib/model/subscription.ts teamEntityId), not the whole glossary.
 */
export async function teamEntitiesSharingNames(db: Database, entity: Entity, limit = 20): Promise<Entity[]> {
  if (entity.source) return [];
  const keys = new Set(aliasKeysOf(entity));
  const team = await db.getAll('entities', IDBKeyRange.bound(TEAM_ID_PREFIX, `${TEAM_ID_PREFIX}\uffff`));
  return team
    .filter((e) => e.source && aliasKeysOf(e).some((k) => keys.has(k)))
    .slice(0, limit)
    .map(fromStored);
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
  const entity = checkedEntity({ ...parseInput(input), id: newEntityId(), createdAt: now, updatedAt: now, version: 1 });
  await runTransaction(db, ['entities', 'meta'], 'readwrite', async (tx) => {
    await tx.objectStore('entities').add(toStored(entity));
    await bumpRevision(tx.objectStore('meta'));
  });
  return entity;
}

/**
 * Replace an entity's name, type, aliases, notes, tags and links; keeps id and createdAt. With
 * `baseVersion` (the version the editor loaded), a record changed since is not overwritten:
 * ChangedElsewhereError (docs/versioning.md).
 */
export async function updateEntity(db: Database, id: string, input: EntityInput, now: number, baseVersion?: number): Promise<Entity> {
  const fields = parseInput(input);
  if (!EntityId.safeParse(id).success) throw new NotFoundError('entities', id);
  return runTransaction(db, ['entities', 'meta'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    const existing = await store.get(id);
    checkEntityVersion(id, existing && fromStored(existing), baseVersion);
    if (!existing) throw new NotFoundError('entities', id);
    const entity = checkedEntity({ ...fields, id, createdAt: existing.createdAt, updatedAt: now, version: nextVersion(existing) });
    await store.put(toStored(entity));
    await bumpRevision(tx.objectStore('meta'));
    return entity;
  });
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

export type { Tx };
