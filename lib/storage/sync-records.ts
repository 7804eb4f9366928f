/**
 * What sync keeps in the extension's own database (docs/sync.md): the reader's sync settings,
 * the status line, texts two devices wrote at once, and which deleted entities were merged into
 * which; and the two ways records cross between the store and the replication layer (a
 * snapshot of what may sync, and one transaction applying what was pulled).
 */
import { Entity } from '../model/entity';
import type { Article } from '../model/article';
import { Note } from '../model/note';
import { Settings } from '../model/settings';
import { DEFAULT_SYNC_CONFIG, EntityConflict, NoteConflict, SyncConfig, SyncStatus, type SyncScope } from '../model/sync';
import { runTransaction, type Database } from './db';
import { bumpRevision, fromStored, toStored } from './entity-records';
import { removeEntity } from './entity-lifecycle';
import { META_SETTINGS, readSettings } from './settings-record';
import { META_SYNC_MERGES, Merges } from './sync-merges';
import { z } from 'zod';
import { fromStoredArticle } from './reading-rows';
import { META_READING_FORGOTTEN, readForgotten, writeSyncedArticles, type Forgotten, type SyncedArticle } from './reading';
import { fromStoredReadings, type ReadingRow } from './schema';
import { nextVersion } from '../model/version';

export const META_SYNC_CONFIG = 'syncConfig';
export const META_SYNC_STATUS = 'syncStatus';
export const META_SYNC_CONFLICTS = 'syncConflicts';

const Conflicts = z.strictObject({
  entities: z.record(z.string(), EntityConflict).default({}),
  notes: z.record(z.string(), NoteConflict).default({}),
});
export type SyncConflicts = z.output<typeof Conflicts>;

function lenient<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const r = schema.safeParse(value);
  return r.success ? r.data : fallback;
}

export async function getSyncConfig(db: Database): Promise<SyncConfig> {
  return lenient(SyncConfig, await db.get('meta', META_SYNC_CONFIG), DEFAULT_SYNC_CONFIG);
}

export async function putSyncConfig(db: Database, config: SyncConfig): Promise<SyncConfig> {
  const parsed = SyncConfig.parse(config);
  await db.put('meta', parsed, META_SYNC_CONFIG);
  return parsed;
}

export async function getSyncStatus(db: Database): Promise<SyncStatus> {
  return lenient(SyncStatus, await db.get('meta', META_SYNC_STATUS), SyncStatus.parse({}));
}

export async function putSyncStatus(db: Database, status: SyncStatus): Promise<void> {
  await db.put('meta', SyncStatus.parse(status), META_SYNC_STATUS);
}

export async function getSyncConflicts(db: Database): Promise<SyncConflicts> {
  return lenient(Conflicts, await db.get('meta', META_SYNC_CONFLICTS), { entities: {}, notes: {} });
}

/** An article of the reading index with all its rows, as sync reads it. */
export interface ArticleRecord {
  article: Article;
  rows: ReadingRow[];
}

/** Everything that may sync, as the store has it now. */
export interface LocalSnapshot {
  entities: Entity[] | null;
  notes: Note[] | null;
  settings: Settings | null;
  /** The reading index, when its switch is on. */
  articles: ArticleRecord[] | null;
  conflicts: SyncConflicts;
  merges: Record<string, string>;
  /** When articles were forgotten (their tombstones say it). */
  forgotten: Forgotten;
}

export async function localSnapshot(db: Database, scope: SyncScope): Promise<LocalSnapshot> {
  return runTransaction(db, ['entities', 'notes', 'meta', 'articles', 'readings'], 'readonly', async (tx) => {
    const [entities, notes, settings, conflicts, merges, articles, readings, forgotten] = await Promise.all([
      scope.glossary ? tx.objectStore('entities').getAll() : null,
      scope.notes ? tx.objectStore('notes').getAll() : null,
      scope.settings ? tx.objectStore('meta').get(META_SETTINGS) : null,
      tx.objectStore('meta').get(META_SYNC_CONFLICTS),
      tx.objectStore('meta').get(META_SYNC_MERGES),
      scope.reading ? tx.objectStore('articles').getAll() : null,
      scope.reading ? tx.objectStore('readings').getAll() : null,
      tx.objectStore('meta').get(META_READING_FORGOTTEN),
    ]);
    const rowsOf = new Map((readings ?? []).map((r) => [r.url, fromStoredReadings(r).rows]));
    return {
      articles: articles ? articles.map((a) => ({ article: fromStoredArticle(a), rows: rowsOf.get(a.url) ?? [] })) : null,
      forgotten: readForgotten(forgotten),
      // A subscribed (team) entity is the team's: never pushed to the reader's own server.
      entities: entities ? entities.filter((e) => !e.source).map(fromStored) : null,
      notes: notes ? notes.map((n) => Note.parse(n)) : null,
      settings: scope.settings ? readSettings(settings) : null,
      conflicts: lenient(Conflicts, conflicts, { entities: {}, notes: {} }),
      merges: lenient(Merges, merges, {}),
    };
  });
}

/** The store's records of some ids, with their conflicts (one transaction). */
export interface LocalRecords {
  entities: Map<string, Entity>;
  notes: Map<string, Note>;
  /** Articles by URL, with their rows. */
  articles: Map<string, ArticleRecord>;
  conflicts: SyncConflicts;
}

export async function localRecords(db: Database, ids: { entities: readonly string[]; notes: readonly string[]; articles: readonly string[] }): Promise<LocalRecords> {
  return runTransaction(db, ['entities', 'notes', 'meta', 'articles', 'readings'], 'readonly', async (tx) => {
    const es = tx.objectStore('entities');
    const ns = tx.objectStore('notes');
    const as = tx.objectStore('articles');
    const rs = tx.objectStore('readings');
    const [entities, notes, articles, readings, conflicts] = await Promise.all([
      Promise.all(ids.entities.map((id) => es.get(id))),
      Promise.all(ids.notes.map((id) => ns.get(id))),
      Promise.all(ids.articles.map((url) => as.get(url))),
      Promise.all(ids.articles.map((url) => rs.get(url))),
      tx.objectStore('meta').get(META_SYNC_CONFLICTS),
    ]);
    const articleMap = new Map<string, ArticleRecord>();
    articles.forEach((a, i) => {
      if (a) articleMap.set(a.url, { article: fromStoredArticle(a), rows: readings[i] ? fromStoredReadings(readings[i]).rows : [] });
    });
    return {
      entities: new Map(entities.filter((e) => e !== undefined).map((e) => [e.id, fromStored(e)])),
      notes: new Map(notes.filter((n) => n !== undefined).map((n) => [n.id, Note.parse(n)])),
      articles: articleMap,
      conflicts: lenient(Conflicts, conflicts, { entities: {}, notes: {} }),
    };
  });
}

/** Records pulled from the server, already validated and resolved, for one transaction. */
export interface PulledBatch {
  entities: { record: Entity; conflict?: EntityConflict }[];
  deletedEntities: string[];
  notes: { record: Note; conflict?: NoteConflict }[];
  deletedNotes: string[];
  settings: Settings | null;
  /** Articles with all the rows the store is to hold (article null: deleted). */
  articles: SyncedArticle[];
}

/**
 * Write what was pulled: entities, notes and settings in one transaction (the glossary revision
 * bumped once), then the articles with their rows and statistics (writeSyncedArticles' own
 * transaction), then each deleted entity with its reading rows (removeEntity's own transaction).
 * Records are parsed again here, the store's last gate, so nothing invalid is ever written.
 */
export async function applyPulled(db: Database, batch: PulledBatch): Promise<void> {
  const entities = batch.entities.map((e) => ({ record: Entity.parse(e.record), conflict: e.conflict }));
  const notes = batch.notes.map((n) => ({ record: Note.parse(n.record), conflict: n.conflict }));
  const settings = batch.settings ? Settings.parse(batch.settings) : null;
  if (entities.length || notes.length || settings || batch.deletedNotes.length || batch.deletedEntities.length) {
    await runTransaction(db, ['entities', 'notes', 'meta'], 'readwrite', async (tx) => {
      const meta = tx.objectStore('meta');
      const conflicts = lenient(Conflicts, await meta.get(META_SYNC_CONFLICTS), { entities: {}, notes: {} });
      const entityStore = tx.objectStore('entities');
      for (const e of entities) {
        await entityStore.put(toStored(withNextVersion(e.record, await entityStore.get(e.record.id))));
        if (e.conflict) conflicts.entities[e.record.id] = e.conflict;
        else delete conflicts.entities[e.record.id];
      }
      const noteStore = tx.objectStore('notes');
      for (const n of notes) {
        await noteStore.put(withNextVersion(n.record, await noteStore.get(n.record.id)));
        if (n.conflict) conflicts.notes[n.record.id] = n.conflict;
        else delete conflicts.notes[n.record.id];
      }
      for (const id of batch.deletedNotes) {
        await noteStore.delete(id);
        delete conflicts.notes[id];
      }
      for (const id of batch.deletedEntities) delete conflicts.entities[id];
      if (settings) await meta.put(settings, META_SETTINGS);
      await meta.put(conflicts, META_SYNC_CONFLICTS);
      // Settings hold the matching defaults the compiled glossary depends on.
      if (entities.length || settings) await bumpRevision(meta);
    });
  }
  // Articles before the entities' deletions: a row of a deleted entity in a pulled article goes with it.
  await writeSyncedArticles(db, batch.articles);
  for (const id of batch.deletedEntities) await removeEntity(db, id);
}

/**
 * A pulled record written over the stored one takes the next edit version of this profile
 * (where the model has one: issue 15's "changed elsewhere"), so a page still holding the old
 * version is told the record changed elsewhere instead of overwriting what was pulled.
 */
function withNextVersion<T extends object>(record: T, stored: { version?: number } | undefined): T {
  // A write like any other (docs/versioning.md): a new record is written at 1, a stored one at +1.
  return { ...record, version: nextVersion(stored) };
}

/**
 * The reader chose one of two texts written on two devices: the record takes it (its
 * updatedAt moves, so the choice syncs) and the conflict is cleared.
 */
export async function chooseConflictText(
  db: Database,
  kind: 'entity' | 'note',
  id: string,
  field: 'name' | 'notes' | 'comment',
  keep: 'mine' | 'other',
  now: number,
): Promise<boolean> {
  return runTransaction(db, ['entities', 'notes', 'meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const conflicts = lenient(Conflicts, await meta.get(META_SYNC_CONFLICTS), { entities: {}, notes: {} });
    if (kind === 'entity') {
      const c = conflicts.entities[id];
      const text = field === 'name' ? c?.name : field === 'notes' ? c?.notes : undefined;
      const stored = await tx.objectStore('entities').get(id);
      if (!c || !text || !stored) return false;
      const entity = fromStored(stored);
      const next = Entity.parse({ ...entity, ...(keep === 'other' ? { [field]: text.other } : {}), updatedAt: Math.max(now, entity.updatedAt + 1) });
      await tx.objectStore('entities').put(toStored(next));
      if (field === 'name') delete c.name;
      else delete c.notes;
      if (!c.name && !c.notes) delete conflicts.entities[id];
      await bumpRevision(meta);
    } else {
      const c = conflicts.notes[id];
      const stored = await tx.objectStore('notes').get(id);
      if (!c?.comment || !stored) return false;
      const note = Note.parse(stored);
      await tx.objectStore('notes').put({ ...note, ...(keep === 'other' ? { comment: c.comment.other } : {}), updatedAt: Math.max(now, (note.updatedAt ?? 0) + 1) });
      delete conflicts.notes[id];
    }
    await meta.put(conflicts, META_SYNC_CONFLICTS);
    return true;
  });
}
