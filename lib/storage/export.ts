/** Reading everything out for a backup, in one consistent read-only transaction. */
import type { Entity } from '../model/entity';
import type { Article, Mention } from '../model/article';
import type { Note } from '../model/note';
import type { Settings } from '../model/settings';
import { runTransaction, type Database } from './db';
import { fromStored } from './entities';
import { META_SETTINGS, readSettings } from './settings-record';
import type { EntityStats } from './schema';

export interface Dump {
  /** By normalised name. */
  entities: Entity[];
  /** By URL. */
  articles: Article[];
  /** By entity id, then URL. */
  mentions: Mention[];
  /** By id. */
  notes: Note[];
  settings: Settings;
}

export async function dumpAll(db: Database): Promise<Dump> {
  return runTransaction(db, ['entities', 'articles', 'mentions', 'notes', 'meta'], 'readonly', async (tx) => {
    const [entities, articles, mentions, notes, settings] = await Promise.all([
      tx.objectStore('entities').index('by-name').getAll(),
      tx.objectStore('articles').getAll(),
      tx.objectStore('mentions').getAll(),
      tx.objectStore('notes').getAll(),
      tx.objectStore('meta').get(META_SETTINGS),
    ]);
    return { entities: entities.map(fromStored), articles, mentions, notes, settings: readSettings(settings) };
  });
}

/** Every entity's statistics, by entity id (for tests and diagnostics). */
export async function dumpStats(db: Database): Promise<EntityStats[]> {
  return db.getAll('entityStats');
}

/** How much the database holds, and how much space the browser says the origin uses. */
export async function storageSummary(db: Database): Promise<{ entities: number; articles: number; mentions: number; notes: number }> {
  return runTransaction(db, ['entities', 'articles', 'mentions', 'notes'], 'readonly', async (tx) => {
    const [entities, articles, mentions, notes] = await Promise.all([
      tx.objectStore('entities').count(),
      tx.objectStore('articles').count(),
      tx.objectStore('mentions').count(),
      tx.objectStore('notes').count(),
    ]);
    return { entities, articles, mentions, notes };
  });
}
