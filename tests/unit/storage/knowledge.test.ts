import { describe, expect, it } from 'vitest';
import { T0, freshDb, input } from './helpers';
import {
  createEntity,
  findEntitiesByAlias,
  findEntitiesByTag,
  getEntity,
  getGlossaryRevision,
  getGlossarySnapshot,
  listEntities,
  listGlossaryRows,
  listTags,
  mergeEntities,
  removeEntity,
  restoreEntity,
  updateEntity,
} from '../../../lib/storage/entities';
import { clearReadingHistory, entityArticles, entityReading, forgetArticle, listArticlePage, recordVisit } from '../../../lib/storage/reading';
import { dumpAll, dumpStats } from '../../../lib/storage/export';
import { commitImport, previewImport } from '../../../lib/storage/import';
import { getSettings, updateSettings } from '../../../lib/storage/settings';
import { ValidationError } from '../../../lib/storage/errors';
import { parseImportFile, type ImportBundle } from '../../../lib/model/import-file';
import { serializeBackupFile } from '../../../lib/model/backup-file';
import { serializeGlossaryCsv } from '../../../lib/model/glossary-csv';
import { serializeGlossaryFile } from '../../../lib/model/glossary-file';
import type { Database } from '../../../lib/storage/db';

const A = 'https://www.example.com/a';
const B = 'https://www.example.com/b';
const C = 'https://news.example.org/c';

async function visit(db: Database, url: string, at: number, mentions: [string, number][], extra: { publishedAt?: number } = {}) {
  return recordVisit(db, { url, title: `Title ${url.slice(-1)}`, site: 'Example', mentions: mentions.map(([entityId, count]) => ({ entityId, count, snippet: `about ${entityId.slice(0, 4)}` })), ...extra }, at);
}

function bundleOf(text: string): ImportBundle {
  const r = parseImportFile(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.bundle;
}

describe('entities: tags, links, alias options', () => {
  it('stores tags and links canonically (no empty lists, no repeats) and finds by tag and alias', async () => {
    const { db } = await freshDb();
    const e = await createEntity(db, input('Tehran', { type: 'place', tags: ['Iran', ' iran ', 'capitals'], links: ['https://en.wikipedia.org/wiki/Tehran', 'https://en.wikipedia.org/wiki/Tehran'], aliases: [{ text: 'Teheran', diacriticSensitive: true, exactCase: false }] }), T0);
    expect(e).toMatchObject({ type: 'place', tags: ['Iran', 'capitals'], links: ['https://en.wikipedia.org/wiki/Tehran'], aliases: [{ text: 'Teheran', diacriticSensitive: true, exactCase: false }] });
    const plain = await createEntity(db, input('Plain', { tags: [], links: [] }), T0);
    expect(Object.keys(plain)).not.toContain('tags');
    expect(Object.keys(plain)).not.toContain('links');
    expect((await findEntitiesByTag(db, 'IRAN')).map((x) => x.name)).toEqual(['Tehran']);
    expect((await findEntitiesByAlias(db, 'teheran')).map((x) => x.name)).toEqual(['Tehran']);
    expect(await listTags(db)).toEqual([{ tag: 'capitals', count: 1 }, { tag: 'Iran', count: 1 }]);
  });

  it('rejects links that are not http(s) and tags with separators', async () => {
    const { db } = await freshDb();
    await expect(createEntity(db, input('X', { links: ['javascript:alert(1)'] }), T0)).rejects.toThrow(/links\[0\]: must be a web address/);
    await expect(createEntity(db, input('X', { tags: ['a|b'] }), T0)).rejects.toThrow(/tags\[0\]/);
    expect(await listEntities(db)).toEqual([]);
  });

  it('the matching defaults travel with the glossary snapshot; changing them bumps the revision', async () => {
    const { db } = await freshDb();
    await createEntity(db, input('X'), T0);
    expect(await getGlossaryRevision(db)).toBe(1);
    expect((await getGlossarySnapshot(db)).defaults).toEqual({ exactCase: false, diacriticSensitive: false });
    await updateSettings(db, { markStyle: 'dotted' });
    expect(await getGlossaryRevision(db)).toBe(1);
    await updateSettings(db, { defaultDiacriticSensitive: true });
    expect(await getGlossaryRevision(db)).toBe(2);
    expect((await getGlossarySnapshot(db)).defaults).toEqual({ exactCase: false, diacriticSensitive: true });
  });
});

describe('reading statistics, entity page, articles view', () => {
  it('keeps per-entity statistics in step with visits, revisits, forgetting and clearing', async () => {
    const { db } = await freshDb();
    const mek = await createEntity(db, input('MEK'), T0);
    const iran = await createEntity(db, input('Iran'), T0);
    await visit(db, A, T0 + 10, [[mek.id, 3], [iran.id, 1]]);
    await visit(db, B, T0 + 20, [[mek.id, 2]]);
    await visit(db, A, T0 + 30, [[mek.id, 5], [iran.id, 1]]);
    const rows = await listGlossaryRows(db);
    expect(rows.map((r) => [r.entity.name, r.articles, r.mentions, r.lastSeen])).toEqual([
      ['Iran', 1, 1, T0 + 30],
      ['MEK', 2, 7, T0 + 30],
    ]);
    // A revisit is what the page says now: A no longer naming Iran drops Iran's row for A.
    await visit(db, A, T0 + 35, [[mek.id, 5]]);
    expect((await listGlossaryRows(db)).map((r) => [r.entity.name, r.articles, r.mentions])).toEqual([
      ['Iran', 0, 0],
      ['MEK', 2, 7],
    ]);
    expect(await forgetArticle(db, A)).toBe(true);
    expect((await listGlossaryRows(db)).map((r) => [r.entity.name, r.articles, r.mentions, r.lastSeen])).toEqual([
      ['Iran', 0, 0, null],
      ['MEK', 1, 2, T0 + 20],
    ]);
    await clearReadingHistory(db);
    expect(await dumpStats(db)).toEqual([]);
  });

  it('entity page: articles newest first with count and snippet; co-mentioned entities by shared articles', async () => {
    const { db } = await freshDb();
    const mek = await createEntity(db, input('MEK'), T0);
    const iran = await createEntity(db, input('Iran', { type: 'place' }), T0);
    const ncri = await createEntity(db, input('NCRI', { type: 'organization' }), T0);
    await visit(db, A, T0 + 10, [[mek.id, 3], [iran.id, 1], [ncri.id, 1]], { publishedAt: T0 - 1000 });
    await visit(db, B, T0 + 20, [[mek.id, 2], [iran.id, 4]]);
    await visit(db, C, T0 + 5, [[mek.id, 1]]);
    const page = await entityReading(db, mek.id);
    expect(page.total).toBe(3);
    expect(page.mentions).toBe(6);
    expect(page.articles.map((a) => [a.url, a.count, a.publishedAt])).toEqual([[B, 2, null], [A, 3, T0 - 1000], [C, 1, null]]);
    expect(page.articles[0]).toMatchObject({ title: 'Title b', site: 'Example', snippet: expect.stringContaining('about') });
    expect(page.coMentioned).toEqual([
      { entityId: iran.id, name: 'Iran', type: 'place', articles: 2 },
      { entityId: ncri.id, name: 'NCRI', type: 'organization', articles: 1 },
    ]);
    expect(await entityReading(db, 'nobody')).toEqual({ articles: [], total: 0, mentions: 0, coMentioned: [], next: null });
  });

  it('entity page pages: every article exactly once, newest first, also when many were seen at the same moment', async () => {
    const { db } = await freshDb();
    const mek = await createEntity(db, input('MEK'), T0);
    const other = await createEntity(db, input('Other'), T0);
    // 60 articles: 45 seen at the same moment (more ties than a page and its slack), 15 apart.
    const urls: string[] = [];
    for (let n = 0; n < 60; n++) {
      const url = `https://www.example.com/p/${String(n).padStart(2, '0')}`;
      urls.push(url);
      await visit(db, url, n < 45 ? T0 + 1000 : T0 + n, n % 2 ? [[mek.id, 1], [other.id, 1]] : [[mek.id, 2]]);
    }
    const expected = urls.map((u, n) => ({ u, t: n < 45 ? T0 + 1000 : T0 + n })).sort((a, b) => b.t - a.t || (a.u < b.u ? -1 : 1)).map((x) => x.u);
    const first = await entityReading(db, mek.id, { limit: 4 });
    expect(first).toMatchObject({ total: 60, mentions: 90 });
    const seen = first.articles.map((a) => a.url);
    let next = first.next;
    for (let pages = 0; next; pages++) {
      expect(pages).toBeLessThan(20);
      const page = await entityArticles(db, mek.id, next, 4);
      seen.push(...page.articles.map((a) => a.url));
      next = page.next;
    }
    expect(seen).toEqual(expected);
    // A page as large as everything is the last; a page past the end is empty.
    const all = await entityReading(db, mek.id, { limit: 60 });
    expect(all.articles.map((a) => a.url)).toEqual(expected);
    expect(all.next).toBeNull();
    expect(await entityArticles(db, mek.id, { lastSeen: 0, url: expected[59]! })).toEqual({ articles: [], next: null });
    // Co-mentions are counted over the most recent articles only (coScan).
    expect((await entityReading(db, mek.id, { coScan: 4 })).coMentioned).toEqual([{ entityId: other.id, name: 'Other', type: 'person', articles: 2 }]);
    expect((await entityReading(db, mek.id)).coMentioned[0]!.articles).toBe(30);
  });

  it('articles view: pages, newest first, with entities by count; a query filters', async () => {
    const { db } = await freshDb();
    const mek = await createEntity(db, input('MEK'), T0);
    const iran = await createEntity(db, input('Iran'), T0);
    await visit(db, A, T0 + 10, [[mek.id, 1], [iran.id, 4]]);
    await visit(db, B, T0 + 20, [[mek.id, 2]]);
    const p = await listArticlePage(db, { limit: 1 });
    expect(p.total).toBe(2);
    expect(p.items.map((i) => i.article.url)).toEqual([B]);
    const p2 = await listArticlePage(db, { offset: 1, limit: 5 });
    expect(p2.items[0]!.entities.map((e) => [e.name, e.count])).toEqual([['Iran', 4], ['MEK', 1]]);
    expect((await listArticlePage(db, { query: 'title A' })).items.map((i) => i.article.url)).toEqual([A]);
  });
});

describe('merge, delete with undo', () => {
  it('merges two entities in one go: aliases, notes, tags, mentions and statistics combined', async () => {
    const { db } = await freshDb();
    const keep = await createEntity(db, input('People’s Mojahedin Organization of Iran', { type: 'organization', aliases: [{ text: 'PMOI' }], notes: 'Exiled group.', tags: ['iran'] }), T0);
    const other = await createEntity(db, input('MEK', { type: 'organization', aliases: [{ text: 'Mojahedin-e Khalq' }, { text: 'pmoi' }], notes: '*Also* known as MKO.', tags: ['opposition', 'Iran'], links: ['https://www.wikidata.org/wiki/Q275323'] }), T0 + 1);
    await visit(db, A, T0 + 10, [[keep.id, 2], [other.id, 3]]);
    await visit(db, B, T0 + 20, [[other.id, 1]]);
    const before = await getGlossaryRevision(db);

    const merged = await mergeEntities(db, keep.id, other.id, T0 + 100);
    expect(merged).toEqual({
      id: keep.id,
      name: 'People’s Mojahedin Organization of Iran',
      type: 'organization',
      aliases: [{ text: 'PMOI' }, { text: 'MEK' }, { text: 'Mojahedin-e Khalq' }],
      notes: 'Exiled group.\n\n*Also* known as MKO.',
      tags: ['iran', 'opposition'],
      links: ['https://www.wikidata.org/wiki/Q275323'],
      createdAt: T0,
      updatedAt: T0 + 100,
      version: 2,
    });
    expect(await getEntity(db, other.id)).toBeUndefined();
    expect(await getGlossaryRevision(db)).toBe(before + 1);
    const page = await entityReading(db, keep.id);
    expect(page.articles.map((a) => [a.url, a.count])).toEqual([[B, 1], [A, 5]]);
    expect(await dumpStats(db)).toEqual([{ entityId: keep.id, articles: 2, mentions: 6, lastSeen: T0 + 20 }]);
    expect((await dumpAll(db)).mentions.every((m) => m.entityId === keep.id)).toBe(true);
  });

  it('refuses to merge an entity with itself or a missing one, changing nothing', async () => {
    const { db } = await freshDb();
    const a = await createEntity(db, input('A'), T0);
    await expect(mergeEntities(db, a.id, a.id, T0)).rejects.toBeInstanceOf(ValidationError);
    await expect(mergeEntities(db, a.id, 'gone', T0)).rejects.toThrow(/does not exist/);
    expect(await listEntities(db)).toEqual([a]);
  });

  it('a merge past the limits is refused and writes nothing', async () => {
    const { db } = await freshDb();
    const a = await createEntity(db, input('A', { notes: 'x'.repeat(30_000) }), T0);
    const b = await createEntity(db, input('B', { notes: 'y'.repeat(30_000) }), T0);
    await expect(mergeEntities(db, a.id, b.id, T0)).rejects.toThrow(/notes of 60,002 characters/);
    expect((await listEntities(db)).length).toBe(2);
  });

  it('delete returns what it removed; restore puts entity, mentions and statistics back exactly', async () => {
    const { db } = await freshDb();
    const e = await createEntity(db, input('MEK', { tags: ['x'] }), T0);
    await visit(db, A, T0 + 10, [[e.id, 3]]);
    await visit(db, B, T0 + 20, [[e.id, 1]]);
    const before = await dumpAll(db);
    const statsBefore = await dumpStats(db);
    const removed = await removeEntity(db, e.id);
    expect(removed?.entity).toEqual(e);
    expect(removed?.mentions).toHaveLength(2);
    expect(await dumpStats(db)).toEqual([]);
    expect(await removeEntity(db, e.id)).toBeNull();

    await restoreEntity(db, removed!);
    expect(await dumpAll(db)).toEqual(before);
    expect(await dumpStats(db)).toEqual(statsBefore);
    await expect(restoreEntity(db, removed!)).rejects.toThrow(/already/);
  });

  it('restore skips mention rows of articles forgotten meanwhile', async () => {
    const { db } = await freshDb();
    const e = await createEntity(db, input('MEK'), T0);
    await visit(db, A, T0 + 10, [[e.id, 3]]);
    const removed = (await removeEntity(db, e.id))!;
    await clearReadingHistory(db);
    await restoreEntity(db, removed);
    expect(await getEntity(db, e.id)).toEqual(e);
    expect((await dumpAll(db)).mentions).toEqual([]);
  });
});

async function richProfile() {
  const { db } = await freshDb();
  const mek = await createEntity(db, input('People’s Mojahedin Organization of Iran', { type: 'organization', aliases: [{ text: 'MEK', exactCase: true }, { text: 'Khāmeneʾi', diacriticSensitive: true }, { text: 'PMOI', exactCase: false }], notes: '**Exiled** group.\n\n- one\n- two\n\n[Wiki](https://en.wikipedia.org/wiki/MEK) <script>alert(1)</script>', tags: ['iran', 'opposition'], links: ['https://en.wikipedia.org/wiki/People%27s_Mojahedin_Organization_of_Iran'] }), T0);
  const s1 = await createEntity(db, input('John Smith', { notes: 'one' }), T0 + 1);
  await createEntity(db, input('John Smith', { notes: 'two' }), T0 + 2);
  const tehran = await createEntity(db, input('Tehran', { type: 'place' }), T0 + 3);
  await updateEntity(db, tehran.id, input('Tehran', { type: 'place', notes: 'edited', aliases: [{ text: 'Teheran' }] }), T0 + 99);
  await visit(db, A, T0 + 10, [[mek.id, 3], [tehran.id, 1]], { publishedAt: T0 - 5000 });
  await visit(db, B, T0 + 20, [[mek.id, 2], [s1.id, 7]]);
  await db.add('notes', {
    id: 'n1', quote: 'a quote', comment: 'mine', url: A, title: 'Title a', createdAt: T0 + 30, site: 'Example',
    selector: { exact: 'a quote', prefix: 'before ', suffix: ' after', position: 7, textLength: 20 },
    tags: ['iran'], entityIds: [mek.id], updatedAt: T0 + 31, anchor: { status: 'missing', checkedAt: T0 + 32 },
  });
  await updateSettings(db, { markStyle: 'background', disabledSites: ['example.net'], defaultExactCase: true, recordHistory: false });
  return db;
}

describe('import: preview and commit', () => {
  it('round trip: a backup imported into an empty profile gives identical data', async () => {
    const db = await richProfile();
    const original = await dumpAll(db);
    const stats = await dumpStats(db);
    const text = serializeBackupFile(original, T0 + 1000);

    const { db: empty } = await freshDb();
    const bundle = bundleOf(text);
    const preview = await previewImport(empty, bundle);
    expect(preview).toMatchObject({ kind: 'backup', counts: { entities: 4, articles: 2, mentions: 4, notes: 1, settings: true }, newEntities: 4, duplicateCount: 0 });
    const outcome = await commitImport(empty, bundle, { default: 'merge', restoreSettings: true }, T0 + 2000);
    expect(outcome).toEqual({ entities: { added: 4, merged: 0, skipped: 0, unchanged: 0 }, articles: { added: 2, updated: 0 }, mentions: 4, notes: { added: 1, skipped: 0 }, settingsRestored: true });
    // The edit versions count writes in one profile (docs/versioning.md): not carried by files.
    expect(withoutVersions(await dumpAll(empty))).toEqual(withoutVersions(original));
    expect(await dumpStats(empty)).toEqual(stats);

    // Importing the same backup again changes nothing at all.
    const again = await previewImport(empty, bundleOf(text));
    expect(again).toMatchObject({ unchanged: 4, duplicateCount: 0, newEntities: 0 });
    const rev = await getGlossaryRevision(empty);
    expect(await commitImport(empty, bundleOf(text), { default: 'merge', restoreSettings: true }, T0 + 3000)).toMatchObject({ entities: { added: 0, merged: 0, unchanged: 4 }, mentions: 0, notes: { added: 0, skipped: 1 } });
    expect(withoutVersions(await dumpAll(empty))).toEqual(withoutVersions(original));
    expect(await getGlossaryRevision(empty)).toBe(rev);
  });

  it('round trip through the glossary JSON and CSV formats', async () => {
    const db = await richProfile();
    const entities = (await dumpAll(db)).entities;
    for (const text of [serializeGlossaryFile(entities, T0), serializeGlossaryCsv(entities)]) {
      const { db: empty } = await freshDb();
      await commitImport(empty, bundleOf(text), { default: 'merge' }, T0 + 5);
      expect(withoutVersions({ entities: await listEntities(empty) })).toEqual(withoutVersions({ entities }));
    }
  });

  it('shows duplicates by id, name and alias, then applies merge / skip / keep both', async () => {
    const { db } = await freshDb();
    const mek = await createEntity(db, input('MEK', { type: 'organization', aliases: [{ text: 'PMOI' }], notes: 'stored' }), T0);
    const smith = await createEntity(db, input('John Smith', { notes: 'the MP' }), T0);
    const iran = await createEntity(db, input('Iran', { type: 'place' }), T0);
    const file = JSON.stringify({
      format: 'news-context-reader/glossary',
      version: 2,
      entities: [
        { name: 'People’s Mojahedin', type: 'organization', aliases: ['pmoi', 'MKO'], notes: 'from file' }, // alias match -> merge
        { name: 'john  smith', type: 'person', notes: 'the footballer' }, // name match -> keep both
        { id: iran.id, name: 'Iran', type: 'place', notes: 'changed' }, // id match -> skip
        { name: 'Brand new', type: 'event' },
      ],
    });
    const bundle = bundleOf(file);
    const preview = await previewImport(db, bundle);
    expect(preview.newEntities).toBe(1);
    expect(preview.duplicateCount).toBe(3);
    expect(preview.duplicates.map((d) => [d.index, d.matches.map((m) => [m.id, m.by, m.text])])).toEqual([
      [0, [[mek.id, 'alias', 'pmoi']]],
      [1, [[smith.id, 'name', 'john  smith']]],
      [2, [[iran.id, 'id', iran.id]]],
    ]);
    const before = await getGlossaryRevision(db);
    const outcome = await commitImport(db, bundle, { default: 'merge', choices: { 1: 'keep', 2: 'skip' } }, T0 + 9);
    expect(outcome.entities).toEqual({ added: 2, merged: 1, skipped: 1, unchanged: 0 });
    expect(await getEntity(db, mek.id)).toMatchObject({ name: 'MEK', aliases: [{ text: 'PMOI' }, { text: 'People’s Mojahedin' }, { text: 'MKO' }], notes: 'stored\n\nfrom file', updatedAt: T0 + 9 });
    expect(await getEntity(db, iran.id)).toEqual(iran);
    expect((await listEntities(db)).filter((e) => e.name.toLowerCase().replace(/\s+/g, ' ') === 'john smith')).toHaveLength(2);
    expect(await getGlossaryRevision(db)).toBe(before + 1);
  });

  it('a backup merged into a profile that has the same entity attaches its reading and keeps the higher counts', async () => {
    const db = await richProfile();
    const text = serializeBackupFile(await dumpAll(db), T0);
    const { db: other } = await freshDb();
    // The other profile knows MEK by another id, and read article A with a lower count.
    const mine = await createEntity(other, input('MEK', { type: 'organization' }), T0);
    await visit(other, A, T0 + 500, [[mine.id, 1]]);
    const bundle = bundleOf(text);
    const preview = await previewImport(other, bundle);
    expect(preview.duplicates.map((d) => d.name)).toEqual(['People’s Mojahedin Organization of Iran']);
    await commitImport(other, bundle, { default: 'skip' }, T0 + 600);
    const page = await entityReading(other, mine.id);
    expect(page.articles.map((a) => [a.url, a.count])).toEqual([[A, 3], [B, 2]]);
    expect((await dumpAll(other)).articles.find((a) => a.url === A)).toMatchObject({ firstSeen: T0 + 10, lastSeen: T0 + 500, publishedAt: T0 - 5000 });
    expect((await dumpStats(other)).find((s) => s.entityId === mine.id)).toEqual({ entityId: mine.id, articles: 2, mentions: 5, lastSeen: T0 + 500 });
    // Settings are only replaced when asked.
    expect((await getSettings(other)).markStyle).toBe('underline');
  });
});

/** A dump without the records' edit versions (local to one profile: not in any file). */
function withoutVersions<T extends { entities: object[]; notes?: object[] }>(dump: T): T {
  const strip = (r: object) => {
    const { version: _v, ...rest } = r as { version?: number };
    return rest;
  };
  return { ...dump, entities: dump.entities.map(strip), ...(dump.notes ? { notes: dump.notes.map(strip) } : {}) };
}
