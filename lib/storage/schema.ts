/**
 * The shape of the extension's IndexedDB database and its migration ladder.
 *
 * Bump DB_VERSION for every schema change and add one `if (oldVersion < N)` step to `upgrade`.
 * Steps never change: a profile at version K runs steps K+1..N in order, inside the single
 * versionchange transaction (so a failed migration leaves the old database untouched).
 * Each new step needs a test that opens a database at version N-1 holding real data.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Entity } from '../model/entity';
import type { Article, Mention } from '../model/article';
import type { Note } from '../model/note';

export const DB_NAME = 'news-context-reader';
export const DB_VERSION = 1;

/**
 * An entity as stored: the model's Entity plus `nameKey`, its normalised name, which the
 * `by-name` index uses for duplicate checks. `nameKey` never leaves the storage layer.
 */
export interface StoredEntity extends Entity {
  nameKey: string;
}

/** Keys of the `meta` store. Values are validated where they are read. */
export const META_GLOSSARY_REVISION = 'glossaryRevision';

export interface NcrSchema extends DBSchema {
  entities: {
    key: string;
    value: StoredEntity;
    indexes: { 'by-name': string; 'by-updatedAt': number };
  };
  articles: {
    /** The canonical URL. */
    key: string;
    value: Article;
    indexes: { 'by-lastSeen': number };
  };
  mentions: {
    key: [entityId: string, url: string];
    value: Mention;
    indexes: { 'by-entity': string; 'by-url': string };
  };
  notes: {
    key: string;
    value: Note;
    indexes: { 'by-createdAt': number };
  };
  /** Small key-value facts about the database (the glossary revision counter, ...). */
  meta: {
    key: string;
    value: unknown;
  };
}

export type StoreName = StoreNames<NcrSchema>;
export const STORE_NAMES = ['entities', 'articles', 'mentions', 'notes', 'meta'] as const satisfies readonly StoreName[];

/** The migration ladder. Called by idb inside the versionchange transaction. */
export function upgrade(
  db: IDBPDatabase<NcrSchema>,
  oldVersion: number,
  _newVersion: number | null,
  _tx: IDBPTransaction<NcrSchema, StoreName[], 'versionchange'>,
): void {
  if (oldVersion < 1) {
    const entities = db.createObjectStore('entities', { keyPath: 'id' });
    // Not unique: two different people can share a name ("keep both" on import, issue 5).
    entities.createIndex('by-name', 'nameKey', { unique: false });
    entities.createIndex('by-updatedAt', 'updatedAt', { unique: false });

    const articles = db.createObjectStore('articles', { keyPath: 'url' });
    articles.createIndex('by-lastSeen', 'lastSeen', { unique: false });

    const mentions = db.createObjectStore('mentions', { keyPath: ['entityId', 'url'] });
    mentions.createIndex('by-entity', 'entityId', { unique: false });
    mentions.createIndex('by-url', 'url', { unique: false });

    const notes = db.createObjectStore('notes', { keyPath: 'id' });
    notes.createIndex('by-createdAt', 'createdAt', { unique: false });

    db.createObjectStore('meta');
  }
  // if (oldVersion < 2) { ... use _tx to read/rewrite records of existing stores ... }
}
