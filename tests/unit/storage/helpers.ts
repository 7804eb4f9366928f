// fake-indexeddb/auto installs the IDB* globals idb's wrapper checks with instanceof; each test
// still gets its own empty factory, so tests never share a database.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDatabase, type Database } from '../../../lib/storage/db';
import type { EntityInput } from '../../../lib/model/entity';

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
