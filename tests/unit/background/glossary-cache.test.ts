import { describe, expect, it, vi } from 'vitest';
import { GlossaryCache, IncrementalGlossary, SAVE_DELAY_MS, glossaryTerms, type GlossaryImageStore } from '../../../lib/background/glossary-cache';
import { imageOf, readImage } from '../../../lib/background/glossary-image';
import { compileGlossary } from '../../../lib/text/compile';
import type { CompiledSegment } from '../../../lib/text/compiled';
import { clearSegmentCache, createMatcher, findInText } from '../../../lib/text/matcher';
import { glossaryKey, type Entity } from '../../../lib/model/entity';
import { T0, freshDb } from '../storage/helpers';
import { DB_VERSION, type Database } from '../../../lib/storage/db';
import { createEntity, getGlossaryRevision, getGlossarySnapshot, updateEntity } from '../../../lib/storage/entities';
import { META_GLOSSARY_IMAGE, loadGlossaryImage, partKey, saveGlossaryImage } from '../../../lib/storage/glossary-image';

const entity = (id: string, name: string, type: Entity['type'], aliases: string[] = []): Entity => ({
  id,
  name,
  type,
  aliases: aliases.map((text) => ({ text })),
  notes: '',
  createdAt: 0,
  updatedAt: 0,
} as Entity);

const TEXT = 'Maryam Rajavi met the MEK. Rouhani and the IRGC answered. Khamenei spoke.';
const found = (compiled: ReturnType<IncrementalGlossary['compile']>) =>
  createMatcher(compiled)
    .findMatches([{ text: TEXT, blockStart: true }])
    .map((m) => `${m.entityId}:${TEXT.slice(m.start.offset, m.end.offset)}`);

describe('IncrementalGlossary', () => {
  it('gives the same matches as a full compile through additions, edits, type changes and removals', () => {
    const inc = new IncrementalGlossary();
    let glossary = Array.from({ length: 300 }, (_, i) => entity(`f${i}`, `Filler Person ${i}`, 'person'));
    glossary.push(entity('r', 'Maryam Rajavi', 'person'), entity('m', 'PMOI', 'organization', ['MEK']));
    const steps: Entity[][] = [
      glossary,
      (glossary = [...glossary, entity('h', 'Hassan Rouhani', 'person', ['Rouhani'])]),
      (glossary = glossary.map((e) => (e.id === 'm' ? entity('m', 'PMOI', 'organization', ['MEK', 'Mujahedin-e Khalq']) : e))),
      (glossary = glossary.map((e) => (e.id === 'h' ? entity('h', 'Hassan Rouhani', 'other', ['Rouhani']) : e))),
      (glossary = [...glossary.filter((e) => e.id !== 'r'), entity('i', 'IRGC', 'organization'), entity('k', 'Khamenei', 'person')]),
    ];
    for (const g of steps) {
      expect(found(inc.compile(g)).sort()).toEqual(found(compileGlossary(glossaryTerms(g))).sort());
    }
    expect(found(inc.compile(glossary))).toEqual(['oi:IRGC', 'om:MEK', 'xh:Rouhani', 'pk:Khamenei'].sort((a, b) => TEXT.indexOf(a.split(':')[1]!) - TEXT.indexOf(b.split(':')[1]!)));
  });
});

describe('GlossaryCache: the compiled glossary kept between the service worker’s lives', () => {
  /** One life of the background over the same database; `saveDelayMs: 0` and flushImage() instead of waiting. */
  function worker(db: Database, images: Partial<GlossaryImageStore> = {}) {
    // A new worker has decoded nothing: no segment may come from the previous one's memory.
    clearSegmentCache();
    const reads = { snapshot: 0, load: 0 };
    const logs: string[] = [];
    const cache = new GlossaryCache(
      () => getGlossaryRevision(db),
      () => {
        reads.snapshot++;
        return getGlossarySnapshot(db);
      },
      {
        images: {
          load: () => {
            reads.load++;
            return loadGlossaryImage(db);
          },
          save: (image) => saveGlossaryImage(db, image),
          dbVersion: DB_VERSION,
          engine: 'Test/1.0',
          ...images,
        },
        saveDelayMs: 0,
        log: (m) => logs.push(m),
      },
    );
    return { cache, reads, logs };
  }

  async function glossaryDb() {
    const { db } = await freshDb();
    await createEntity(db, { name: 'Maryam Rajavi', type: 'person', aliases: [], notes: '' }, T0);
    await createEntity(db, { name: "People's Mojahedin Organization of Iran", type: 'organization', aliases: [{ text: 'PMOI' }], notes: '' }, T0 + 1);
    await createEntity(db, { name: 'Hassan Rouhani', type: 'person', aliases: [{ text: 'Rouhani' }], notes: '' }, T0 + 2);
    return db;
  }

  const matchesOf = async (cache: GlossaryCache) => {
    const snap = await cache.current();
    return snap.matcher ? findInText(snap.matcher, TEXT).map((m) => TEXT.slice(m.start.offset, m.end.offset)) : [];
  };

  it('a woken worker loads the stored image without reading an entity, and matches the same', async () => {
    const db = await glossaryDb();
    const first = worker(db);
    const before = await matchesOf(first.cache);
    expect(before).toEqual(['Maryam Rajavi', 'Rouhani']);
    await first.cache.flushImage();

    const woken = worker(db);
    expect(await matchesOf(woken.cache)).toEqual(before);
    expect(woken.reads).toEqual({ snapshot: 0, load: 1 });
    // Each entity's creation time (an alias two entities share goes to the older one) as compiled.
    const compiled = await first.cache.current();
    const stored = await woken.cache.current();
    const keys = (await getGlossarySnapshot(db)).entities.map((e) => glossaryKey(e.type, e.id));
    expect(keys.map((k) => stored.createdAt!(k))).toEqual(keys.map((k) => compiled.createdAt!(k)));
    expect(new Set(keys.map((k) => stored.createdAt!(k))).size).toBe(3);
    expect(stored.createdAt!('pnobody')).toBe(Number.MAX_SAFE_INTEGER);
    expect((await woken.cache.current()).revision).toBe(await getGlossaryRevision(db));
    // Names are read when first needed, then kept.
    const names = (await (await woken.cache.current()).entities()).map((e) => e.name).sort();
    expect(names).toEqual(['Hassan Rouhani', 'Maryam Rajavi', "People's Mojahedin Organization of Iran"]);
    await (await woken.cache.current()).entities();
    expect(woken.reads.snapshot).toBe(1);
    expect(woken.logs).toEqual([]);
  });

  it('prefetch loads the glossary once, ahead of the first request, and costs nothing once it is loaded', async () => {
    const db = await glossaryDb();
    const first = worker(db);
    await first.cache.current();
    await first.cache.flushImage();
    const woken = worker(db);
    woken.cache.prefetch();
    woken.cache.prefetch();
    const snap = await woken.cache.current();
    expect(woken.reads).toEqual({ snapshot: 0, load: 1 });
    woken.cache.prefetch();
    expect(await woken.cache.current()).toBe(snap);
    expect(woken.reads).toEqual({ snapshot: 0, load: 1 });
  });

  it('concurrent first requests share one load', async () => {
    const db = await glossaryDb();
    const first = worker(db);
    await first.cache.current();
    await first.cache.flushImage();
    const woken = worker(db);
    const snaps = await Promise.all(Array.from({ length: 5 }, () => woken.cache.current()));
    expect(new Set(snaps).size).toBe(1);
    expect(woken.reads).toEqual({ snapshot: 0, load: 1 });
  });

  it('an image of an older revision is never used: the glossary is compiled again, then stored anew', async () => {
    const db = await glossaryDb();
    const first = worker(db);
    await first.cache.current();
    await first.cache.flushImage();
    // An edit the stored image does not know (made by a worker stopped before it stored its image).
    const [rajavi] = (await getGlossarySnapshot(db)).entities.filter((e) => e.name === 'Maryam Rajavi');
    await updateEntity(db, rajavi!.id, { name: 'Maryam Rajavi', type: 'person', aliases: [{ text: 'Rajavi' }], notes: '' }, T0 + 1);

    const woken = worker(db);
    expect(await matchesOf(woken.cache)).toEqual(['Maryam Rajavi', 'Rouhani']);
    expect(findInText((await woken.cache.current()).matcher!, 'Rajavi spoke.').length).toBe(1);
    expect(woken.reads.snapshot).toBe(1);
    expect(woken.logs.join()).toContain('revision');
    await woken.cache.flushImage();

    const next = worker(db);
    expect(findInText((await next.cache.current()).matcher!, 'Rajavi spoke.').length).toBe(1);
    expect(next.reads).toEqual({ snapshot: 0, load: 1 });
  });

  it('a damaged or forged image is detected, compiled again and rewritten: never served, never a crash', async () => {
    type Damage = (db: Database) => Promise<void>;
    const partRecords = async (db: Database) => (await db.getAllKeys('meta')).map(String).filter((k) => k.startsWith(`${META_GLOSSARY_IMAGE}/`));
    const segmentRecords = async (db: Database) => {
      const keys: string[] = [];
      for (const k of await partRecords(db)) if (typeof ((await db.get('meta', k)) as { trie?: unknown }).trie === 'string') keys.push(k);
      return keys;
    };
    const timesRecord = async (db: Database) => {
      for (const k of await partRecords(db)) if (((await db.get('meta', k)) as { times?: unknown }).times instanceof Float64Array) return k;
      throw new Error('no times record');
    };
    const editSegment = (edit: (s: CompiledSegment) => CompiledSegment): Damage => async (db) => {
      for (const key of await segmentRecords(db)) await db.put('meta', edit((await db.get('meta', key)) as CompiledSegment), key);
    };
    const editHead = (edit: (h: Record<string, unknown>) => unknown): Damage => async (db) => {
      await db.put('meta', edit((await db.get('meta', META_GLOSSARY_IMAGE)) as Record<string, unknown>), META_GLOSSARY_IMAGE);
    };
    const damages: [string, Damage][] = [
      ['a segment cut short', editSegment((s) => ({ ...s, text: s.text.slice(0, s.text.length >> 1) }))],
      ['one character of an alias changed', editSegment((s) => ({ ...s, text: s.text.replace('Rouhani', 'Rouhanj') }))],
      ['a segment record missing', async (db) => { for (const key of await segmentRecords(db)) await db.delete('meta', key); }],
      ['a segment record that is not one', editSegment(() => 'garbage' as unknown as CompiledSegment)],
      ['a head that is not one', editHead(() => ({ format: 'ncr-glossary-image' }))],
      ['a head claiming a newer revision', editHead((h) => ({ ...h, revision: (h.revision as number) + 1 }))],
      ['a head of another compiled version', editHead((h) => ({ ...h, compiledVersion: 0 }))],
      [
        'a creation time changed',
        async (db) => {
          const key = await timesRecord(db);
          const { times } = (await db.get('meta', key)) as { times: Float64Array };
          times[0] = times[0]! + 1;
          await db.put('meta', { times }, key);
        },
      ],
      ['the creation times missing', async (db) => db.delete('meta', await timesRecord(db))],
      [
        // Checksums that hold over a broken structure (a buggy build): the decoder refuses it.
        'a broken trie with matching checksums',
        async (db) => {
          const stored = await loadGlossaryImage(db);
          const verdict = readImage(stored.head, stored.parts, { revision: stored.revision, dbVersion: DB_VERSION, engine: 'Test/1.0' });
          if (!verdict.ok) throw new Error(verdict.reason);
          const broken = { ...verdict.compiled, segments: verdict.compiled.segments.map((s) => ({ ...s, trie: s.trie.slice(0, -2) })) };
          const image = imageOf(broken, stored.revision, { dbVersion: DB_VERSION, engine: 'Test/1.0' }, verdict.createdAt);
          await db.put('meta', image.head, META_GLOSSARY_IMAGE);
          for (const s of image.segments) await db.put('meta', s, partKey(s.id));
          await db.put('meta', image.times, partKey(image.head.times.id));
        },
      ],
    ];
    for (const [what, damage] of damages) {
      const db = await glossaryDb();
      const first = worker(db);
      const expected = await matchesOf(first.cache);
      await first.cache.flushImage();
      await damage(db);

      const woken = worker(db);
      expect(await matchesOf(woken.cache), what).toEqual(expected);
      expect(woken.reads.snapshot, what).toBe(1);
      expect(woken.logs.length, what).toBe(1);
      await woken.cache.flushImage();
      // Rewritten whole: the next worker loads it again.
      const next = worker(db);
      expect(await matchesOf(next.cache), what).toEqual(expected);
      expect(next.reads, what).toEqual({ snapshot: 0, load: 1 });
      expect((await segmentRecords(db)).length, what).toBe(1);
    }
  });

  it('an image is not stored when the glossary moved before it was written', async () => {
    const db = await glossaryDb();
    const first = worker(db);
    await first.cache.current();
    await createEntity(db, { name: 'Ali Khamenei', type: 'person', aliases: [], notes: '' }, T0);
    await first.cache.flushImage();
    expect((await loadGlossaryImage(db)).head).toBeUndefined();
    expect(performanceEntries('ncr:glossary-save').at(-1)?.detail).toMatchObject({ outcome: 'stale' });
  });

  it('a failing load or save costs only a compile', async () => {
    const db = await glossaryDb();
    const broken = worker(db, {
      load: () => Promise.reject(new Error('disk on fire')),
      save: () => Promise.reject(new Error('disk still on fire')),
    });
    expect(await matchesOf(broken.cache)).toEqual(['Maryam Rajavi', 'Rouhani']);
    await broken.cache.flushImage();
    expect(broken.logs).toEqual([
      'the stored glossary could not be loaded (disk on fire); compiling it again',
      'the compiled glossary could not be stored (disk still on fire)',
    ]);
  });

  it('the image is written a moment after the compile, not before the answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const db = await glossaryDb();
      clearSegmentCache();
      const cache = new GlossaryCache(() => getGlossaryRevision(db), () => getGlossarySnapshot(db), {
        images: { load: () => loadGlossaryImage(db), save: (image) => saveGlossaryImage(db, image), dbVersion: DB_VERSION, engine: 'Test/1.0' },
      });
      await cache.current();
      expect((await loadGlossaryImage(db)).head).toBeUndefined();
      await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
      await cache.flushImage();
      expect((await loadGlossaryImage(db)).head).toBeDefined();
    } finally {
      vi.useRealTimers();
    }
  });
});

function performanceEntries(name: string): PerformanceMeasure[] {
  return performance.getEntriesByName(name) as PerformanceMeasure[];
}
