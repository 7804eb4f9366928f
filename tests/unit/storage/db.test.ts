import { describe, expect, it } from 'vitest';
import { IDBFactory, T0, freshDb, input } from './helpers';
import { DB_NAME, DB_VERSION, openDatabase, runTransaction } from '../../../lib/storage/db';
import { STORE_NAMES } from '../../../lib/storage/schema';
import { createEntity, getGlossaryRevision, listEntities } from '../../../lib/storage/entities';
import { recordVisit, listArticles } from '../../../lib/storage/reading';

describe('openDatabase', () => {
  it('creates the whole schema in an empty database', async () => {
    const { db } = await freshDb();
    expect(DB_NAME).toBe('news-context-reader');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());

    const tx = db.transaction([...STORE_NAMES], 'readonly');
    const describeStore = (name: (typeof STORE_NAMES)[number]) => {
      const s = tx.objectStore(name);
      return {
        keyPath: s.keyPath,
        autoIncrement: s.autoIncrement,
        indexes: Object.fromEntries(
          [...s.indexNames].map((i) => {
            const idx = s.index(i as never);
            return [i, { keyPath: idx.keyPath, unique: idx.unique, multiEntry: idx.multiEntry }];
          }),
        ),
      };
    };
    expect(describeStore('entities')).toEqual({
      keyPath: 'id',
      autoIncrement: false,
      indexes: { 'by-name': { keyPath: 'nameKey', unique: false, multiEntry: false } },
    });
    expect(describeStore('articles')).toEqual({
      keyPath: 'url',
      autoIncrement: false,
      indexes: {
        'by-lastSeen': { keyPath: 'lastSeen', unique: false, multiEntry: false },
        'by-entity': { keyPath: 'entityKeys', unique: false, multiEntry: true },
      },
    });
    expect(describeStore('readings')).toEqual({ keyPath: 'url', autoIncrement: false, indexes: {} });
    expect(describeStore('notes')).toEqual({
      keyPath: 'id',
      autoIncrement: false,
      indexes: {
        'by-createdAt': { keyPath: 'createdAt', unique: false, multiEntry: false },
        'by-url': { keyPath: 'url', unique: false, multiEntry: false },
        'by-entity': { keyPath: 'entityIds', unique: false, multiEntry: true },
        'by-updatedAt': { keyPath: 'updatedAt', unique: false, multiEntry: false },
      },
    });
    expect(describeStore('meta')).toEqual({ keyPath: null, autoIncrement: false, indexes: {} });
    expect(describeStore('statBuckets')).toEqual({ keyPath: 'bucket', autoIncrement: false, indexes: {} });
    // Stores of earlier versions are gone.
    expect([...db.objectStoreNames]).not.toContain('mentions');
    expect([...db.objectStoreNames]).not.toContain('entityStats');
    await tx.done;
    expect(await getGlossaryRevision(db)).toBe(0);
    db.close();
  });

  it('keeps data across close and reopen at the same version', async () => {
    const { db, factory, name } = await freshDb();
    const e = await createEntity(db, input('Ali Khamenei', { aliases: [{ text: 'Khamenei' }] }), T0);
    await recordVisit(db, { url: 'https://example.com/a', title: 'A', site: 'Example', mentions: [{ entityId: e.id, count: 2, snippet: 's' }] }, T0);
    db.close();

    const again = await openDatabase({ indexedDB: factory, name });
    expect(again.version).toBe(DB_VERSION);
    expect(await listEntities(again)).toEqual([e]);
    expect(await listArticles(again)).toHaveLength(1);
    expect(await getGlossaryRevision(again)).toBe(1);
    again.close();
  });

  it('closes itself when a newer version wants to open, so that upgrade is not blocked', async () => {
    const { db, factory, name } = await freshDb();
    const reasons: string[] = [];
    db.close();
    const watched = await openDatabase({ indexedDB: factory, name, onClosed: (r) => reasons.push(r) });
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, DB_VERSION + 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('blocked'));
    });
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(reasons).toEqual(['versionchange']);
    expect(() => watched.transaction('entities')).toThrow();
    newer.close();
  });

  it('says so when the database was written by a newer version of the extension', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const req = factory.open('future', DB_VERSION + 5);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    await expect(openDatabase({ indexedDB: factory, name: 'future' })).rejects.toThrow(/newer version of the extension/);
  });

  it('runTransaction aborts everything when the body throws', async () => {
    const { db } = await freshDb();
    await expect(
      runTransaction(db, ['meta'], 'readwrite', async (tx) => {
        await tx.objectStore('meta').put(41, 'glossaryRevision');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await getGlossaryRevision(db)).toBe(0);
  });
});
