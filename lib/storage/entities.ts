/**
 * The glossary: entities the reader keeps, and the revision counter tabs use to know when
 * their copy is stale. Every write is one transaction and bumps `glossaryRevision` inside it.
 */
import { Entity, EntityId, EntityInput } from '../model/entity';
import { GlossaryEntity, MAX_GLOSSARY_ENTITIES, friendlyMessage, type GlossaryEntityInput } from '../model/glossary-file';
import type { IDBPObjectStore } from 'idb';
import { requestAll, runTransaction, type Database } from './db';
import { NotFoundError, ValidationError } from './errors';
import { newId } from './ids';
import { META_GLOSSARY_REVISION, type NcrSchema, type StoreName, type StoredEntity } from './schema';

export interface ImportSummary {
  /** Entities that were not in the glossary. */
  added: number;
  /** Existing entities (same id, or same name) whose name, type, aliases or notes changed. */
  updated: number;
}

/**
 * The key duplicate checks compare: Unicode NFC, curly apostrophes straightened, runs of
 * white space collapsed, trimmed, lower-cased (locale-independent). Diacritics still count.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A fresh entity id (see ids.ts). */
export const newEntityId = newId;

function toStored(entity: Entity): StoredEntity {
  return { ...entity, nameKey: normalizeName(entity.name) };
}

function fromStored(stored: StoredEntity): Entity {
  const { nameKey: _nameKey, ...entity } = stored;
  return entity;
}

/** The last validation gate before a record is written. */
function checkedEntity(record: Entity, what = 'entity', path: PropertyKey[] = []): Entity {
  const r = Entity.safeParse(record, { error: friendlyMessage });
  if (!r.success) throw ValidationError.fromZod(what, r.error, path);
  return r.data;
}

function readRevision(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

type MetaStore = IDBPObjectStore<NcrSchema, ArrayLike<StoreName>, 'meta', 'readwrite'>;

/** +1 on the glossary revision, inside the caller's transaction. */
async function bumpRevision(meta: MetaStore): Promise<number> {
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

/** The revision and the entities read in one transaction: a consistent pair. */
export async function getGlossarySnapshot(db: Database): Promise<{ revision: number; entities: Entity[] }> {
  return runTransaction(db, ['entities', 'meta'], 'readonly', async (tx) => {
    const [revision, all] = await Promise.all([
      tx.objectStore('meta').get(META_GLOSSARY_REVISION),
      tx.objectStore('entities').index('by-name').getAll(),
    ]);
    return { revision: readRevision(revision), entities: all.map(fromStored) };
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

/** Replace an entity's name, type, aliases and notes; keeps id and createdAt. */
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

/** Delete an entity and every mention of it. False when it did not exist (nothing changes). */
export async function deleteEntity(db: Database, id: string): Promise<boolean> {
  if (!EntityId.safeParse(id).success) return false;
  return runTransaction(db, ['entities', 'mentions', 'meta'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    if ((await store.getKey(id)) === undefined) return false;
    const mentions = tx.objectStore('mentions');
    const keys = await mentions.index('by-entity').getAllKeys(id);
    await requestAll(keys, (k) => mentions.delete(k));
    await store.delete(id);
    await bumpRevision(tx.objectStore('meta'));
    return true;
  });
}

function sameContent(a: Entity, b: Pick<Entity, 'name' | 'type' | 'aliases' | 'notes'>): boolean {
  return (
    a.name === b.name &&
    a.type === b.type &&
    a.notes === b.notes &&
    a.aliases.length === b.aliases.length &&
    a.aliases.every((x, i) => x.text === b.aliases[i]!.text && x.exactCase === b.aliases[i]!.exactCase)
  );
}

/**
 * Merge entities (from a glossary file) into the glossary: all or nothing, one transaction.
 *
 * Merge policy (foundation; issue 5 adds a preview with merge / skip / keep both):
 *  1. An entry whose `id` is an existing entity's id updates that entity.
 *  2. Otherwise, an entry whose name equals an existing entity's name (normalizeName: case,
 *     spacing and apostrophe style ignored) updates that entity in place, keeping its id. Each
 *     existing entity is matched at most once per import (oldest first when several share the
 *     name), and only entities that existed before the import are matched, so a file holding
 *     two different "John Smith"s keeps both.
 *  3. Otherwise the entry is added, with its own id and timestamps when it has them.
 * An update replaces name, type, aliases and notes and keeps the stored id and createdAt;
 * updatedAt becomes `now` only when something changed. Entries identical to the stored entity
 * count as neither added nor updated. The glossary revision is bumped once if anything changed.
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
      const fields = { name: e.name, type: e.type, aliases: e.aliases, notes: e.notes };
      const existingEntity = target[i];
      if (existingEntity) {
        const current = fromStored(existingEntity);
        if (sameContent(current, fields)) return;
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
