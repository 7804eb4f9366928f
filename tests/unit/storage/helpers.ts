// fake-indexeddb/auto installs the IDB* globals idb's wrapper checks with instanceof; each test
// still gets its own empty factory, so tests never share a database.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDatabase, type Database } from '../../../lib/storage/db';
import type { EntityInput } from '../../../lib/model/entity';
import { dumpStats } from '../../../lib/storage/export';

export { IDBFactory };

export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

export async function freshDb(): Promise<{ db: Database; factory: IDBFactory; name: string }> {
  const factory = new IDBFactory();
  const name = 'ncr-test';
  const db = await openDatabase({ indexedDB: factory, name });
  return { db, factory, name };
}

export function input(name: string, extra: Partial<EntityInput> = {}): EntityInput {
  return { name, type: 'person', aliases: [], notes: '', ...extra };
}

/** How many mention rows (article × entity) the reading index holds. */
export async function countMentions(db: Database): Promise<number> {
  const all = await db.getAll('readings');
  return all.reduce((n, r) => n + r.rows.length, 0);
}

/** One entity's statistics, as the glossary list reads them. */
export async function statsOfEntity(db: Database, entityId: string) {
  return (await dumpStats(db)).find((s) => s.entityId === entityId);
}
