/** Reading everything out for a backup, in one consistent read-only transaction. */
import type { Entity } from '../model/entity';
import type { Article, Mention } from '../model/article';
import type { Note } from '../model/note';
import type { Settings } from '../model/settings';
import { runTransaction, type Database } from './db';
import { fromStored } from './entity-records';
import { fromStoredArticle, mentionsOf } from './reading-rows';
import { readAllStats } from './stats';
import { byEntityId, compareKeys, fromStoredReadings } from './schema';
import { META_SETTINGS, readSettings } from './settings-record';
import { META_ALIAS_EXCLUSIONS, readExclusions } from './alias-exclusions';
import type { AliasExclusion } from '../model/alias-exclusion';
import type { EntityStats } from './schema';
import { listEntities } from './entities';
import { backupFileName, serializeBackupFile } from '../model/backup-file';
import { glossaryFileName, serializeGlossaryFile } from '../model/glossary-file';
import { glossaryCsvFileName, serializeGlossaryCsv } from '../model/glossary-csv';

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
  /** The per-site alias switches ("never match this alias here"). */
  aliasExclusions: AliasExclusion[];
}

export async function dumpAll(db: Database): Promise<Dump> {
  return runTransaction(db, ['entities', 'articles', 'readings', 'notes', 'meta'], 'readonly', async (tx) => {
    const [entities, articles, readings, notes, settings, exclusions] = await Promise.all([
      tx.objectStore('entities').index('by-name').getAll(),
      tx.objectStore('articles').getAll(),
      tx.objectStore('readings').getAll(),
      tx.objectStore('notes').getAll(),
      tx.objectStore('meta').get(META_SETTINGS),
      tx.objectStore('meta').get(META_ALIAS_EXCLUSIONS),
    ]);
    // Rows come by URL; the dump lists them by entity id, then URL (as the v1-v4 store did).
    // A subscribed (team) entity is the team's, not the reader's: it comes back by subscribing.
    const team = new Set(entities.filter((e) => e.source).map((e) => e.id));
    const mentions = readings
      .flatMap((r) => mentionsOf(fromStoredReadings(r)))
      .filter((m) => !team.has(m.entityId))
      .sort((a, b) => byEntityId(a, b) || compareKeys(a.url, b.url));
    return {
      entities: entities.filter((e) => !e.source).map(fromStored),
      articles: articles.map(fromStoredArticle),
      mentions,
      notes,
      settings: readSettings(settings),
      aliasExclusions: readExclusions(exclusions),
    };
  });
}

/** Every entity's statistics, by entity id (for tests and diagnostics). */
export async function dumpStats(db: Database): Promise<EntityStats[]> {
  return readAllStats(db.transaction('statBuckets').objectStore('statBuckets'));
}

/** How much the database holds, and how much space the browser says the origin uses. */
export async function storageSummary(db: Database): Promise<{ entities: number; articles: number; mentions: number; notes: number }> {
  return runTransaction(db, ['entities', 'articles', 'statBuckets', 'notes'], 'readonly', async (tx) => {
    const [entities, articles, stats, notes] = await Promise.all([
      tx.objectStore('entities').count(),
      tx.objectStore('articles').count(),
      readAllStats(tx.objectStore('statBuckets')),
      tx.objectStore('notes').count(),
    ]);
    // One mention row per article of each entity: the statistics count them without reading them.
    const mentions = stats.reduce((n, s) => n + s.articles, 0);
    return { entities, articles, mentions, notes };
  });
}

/**
 * The reader's own entities, for every glossary export (ours and other tools' formats): a
 * subscribed (team) entity is the team's and comes back by subscribing, as in dumpAll.
 */
export async function listOwnEntities(db: Database): Promise<Entity[]> {
  return (await listEntities(db)).filter((e) => !e.source);
}

/** A file to download: the full backup (JSON), the glossary (JSON) or the glossary as CSV. */
export async function exportFile(db: Database, kind: 'backup' | 'glossary' | 'csv', now: number): Promise<{ text: string; filename: string; mime: string }> {
  if (kind === 'backup') return { text: serializeBackupFile(await dumpAll(db), now), filename: backupFileName(now), mime: 'application/json' };
  const entities = await listOwnEntities(db);
  if (kind === 'csv') return { text: serializeGlossaryCsv(entities), filename: glossaryCsvFileName(now), mime: 'text/csv' };
  return { text: serializeGlossaryFile(entities, now), filename: glossaryFileName(now), mime: 'application/json' };
}
