/**
 * An entity record on its way into and out of the store, and the glossary revision every
 * glossary write bumps in its own transaction. Shared by every writer of the glossary
 * (entities.ts, entity-lifecycle.ts, import.ts).
 */
import type { IDBPObjectStore } from 'idb';
import { Entity, canonicalEntity } from '../model/entity';
import { friendlyMessage } from '../model/glossary-file';
import { ValidationError } from './errors';
import { newId } from './ids';
import { normalizeName } from './keys';
import { META_GLOSSARY_REVISION, type NcrSchema, type StoreName, type StoredEntity } from './schema';

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

/** The stored revision counter, 0 when absent or unreadable. */
export function readRevision(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

type MetaStore = IDBPObjectStore<NcrSchema, ArrayLike<StoreName>, 'meta', 'readwrite'>;

/** +1 on the glossary revision, inside the caller's transaction. */
export async function bumpRevision(meta: MetaStore): Promise<number> {
  const next = readRevision(await meta.get(META_GLOSSARY_REVISION)) + 1;
  await meta.put(next, META_GLOSSARY_REVISION);
  return next;
}
