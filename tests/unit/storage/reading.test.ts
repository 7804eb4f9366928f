import { describe, expect, it } from 'vitest';
import { T0, freshDb, input, countMentions, statsOfEntity } from './helpers';
import { createEntity } from '../../../lib/storage/entities';
import { alsoIn, clearReadingHistory, listArticles, listMentionsOfArticle, recordVisit } from '../../../lib/storage/reading';
import { ValidationError } from '../../../lib/storage/errors';
import { AlsoIn } from '../../../lib/messaging/protocol';
import { MAX_TITLE_LENGTH } from '../../../lib/model/article';

const URL_A = 'https://www.example.com/world/a';
const URL_B = 'https://news.example.org/b';
const URL_C = 'https://www.example.com/world/c';

async function setup() {
  const { db } = await freshDb();
  const mek = await createEntity(db, input('MEK', { type: 'organization' }), T0);
  const iran = await createEntity(db, input('Iran', { type: 'other' }), T0);
  return { db, mek, iran };
}

describe('recordVisit', () => {
  it('records the article and one mention row per entity', async () => {
    const { db, mek, iran } = await setup();
    const r = await recordVisit(db, { url: URL_A, title: 'Title A', site: 'Example', mentions: [
      { entityId: mek.id, count: 3, snippet: 'The MEK said…' },
      { entityId: iran.id, count: 1, snippet: 'Iran' },
    ] }, T0 + 1);
    expect(r).toEqual({ recorded: true, mentions: 2 });
    expect(await listArticles(db)).toEqual([{ url: URL_A, title: 'Title A', site: 'Example', firstSeen: T0 + 1, lastSeen: T0 + 1 }]);
    const rows = await listMentionsOfArticle(db, URL_A);
    expect(rows.map((m) => [m.entityId === mek.id ? 'mek' : 'iran', m.count, m.snippet, m.lastSeen]).sort()).toEqual([
      ['iran', 1, 'Iran', T0 + 1],
      ['mek', 3, 'The MEK said…', T0 + 1],
    ]);
  });

  it('a revisit updates the article and the mention rows instead of adding rows', async () => {
    const { db, mek, iran } = await setup();
    await recordVisit(db, { url: URL_A, title: 'Old title', site: 'Example', mentions: [
      { entityId: mek.id, count: 3, snippet: 'first snippet' },
      { entityId: iran.id, count: 1, snippet: 'iran snippet' },
    ] }, T0 + 1);
    await recordVisit(db, { url: URL_A, title: 'New title', site: 'Example', mentions: [
      { entityId: mek.id, count: 5, snippet: 'second snippet' },
      { entityId: iran.id, count: 2, snippet: '' },
    ] }, T0 + 100);

    expect(await db.count('articles')).toBe(1);
    expect(await countMentions(db)).toBe(2);
    expect(await listArticles(db)).toEqual([{ url: URL_A, title: 'New title', site: 'Example', firstSeen: T0 + 1, lastSeen: T0 + 100 }]);
    const byId = new Map((await listMentionsOfArticle(db, URL_A)).map((m) => [m.entityId, m]));
    // The count is this visit's count, not a running total.
    expect(byId.get(mek.id)).toMatchObject({ count: 5, snippet: 'second snippet', lastSeen: T0 + 100 });
    // An empty snippet this time keeps the one we had.
    expect(byId.get(iran.id)).toMatchObject({ count: 2, snippet: 'iran snippet' });

    // A revisit with an empty title keeps the title; the page no longer names Iran (a live page
    // that changed, an app that swapped its article): Iran's row for it goes, with its statistics.
    await recordVisit(db, { url: URL_A, title: '', site: '', mentions: [{ entityId: mek.id, count: 1, snippet: 's' }] }, T0 + 200);
    expect(await listArticles(db)).toEqual([{ url: URL_A, title: 'New title', site: 'Example', firstSeen: T0 + 1, lastSeen: T0 + 200 }]);
    expect(await countMentions(db)).toBe(1);
    expect(await alsoIn(db, iran.id)).toEqual([]);
    expect(await statsOfEntity(db, iran.id)).toBeUndefined();
    expect(await statsOfEntity(db, mek.id)).toMatchObject({ articles: 1, mentions: 1 });
  });

  it('ignores mentions of entities that do not exist; records nothing if none is left', async () => {
    const { db, mek } = await setup();
    expect(await recordVisit(db, { url: URL_A, title: 'A', site: 'S', mentions: [{ entityId: 'deleted1', count: 2, snippet: '' }] }, T0)).toEqual({ recorded: false, mentions: 0 });
    expect(await recordVisit(db, { url: URL_A, title: 'A', site: 'S', mentions: [] }, T0)).toEqual({ recorded: false, mentions: 0 });
    expect(await db.count('articles')).toBe(0);

    const r = await recordVisit(db, { url: URL_A, title: 'A', site: 'S', mentions: [
      { entityId: 'deleted1', count: 2, snippet: '' },
      { entityId: mek.id, count: 1, snippet: '' },
      { entityId: mek.id, count: 2, snippet: 'later' },
    ] }, T0);
    expect(r).toEqual({ recorded: true, mentions: 1 });
    expect(await listMentionsOfArticle(db, URL_A)).toEqual([{ entityId: mek.id, url: URL_A, count: 3, snippet: 'later', lastSeen: T0 }]);
  });

  it('validates the visit: bad URLs and mentions are rejected and nothing is written', async () => {
    const { db, mek } = await setup();
    const m = [{ entityId: mek.id, count: 1, snippet: '' }];
    await expect(recordVisit(db, { url: 'ftp://example.com/x', title: '', site: '', mentions: m }, T0)).rejects.toBeInstanceOf(ValidationError);
    await expect(recordVisit(db, { url: 'not a url', title: '', site: '', mentions: m }, T0)).rejects.toThrow(/^invalid visit: url/);
    await expect(recordVisit(db, { url: URL_A, title: '', site: '', mentions: [{ entityId: mek.id, count: 0, snippet: '' }] }, T0)).rejects.toThrow(/mentions\[0\]\.count/);
    await expect(recordVisit(db, { url: URL_A, title: '', site: '', mentions: m }, -1)).rejects.toBeInstanceOf(ValidationError);
    expect(await db.count('articles')).toBe(0);
    expect(await countMentions(db)).toBe(0);
  });

  it('cuts long titles and site names instead of rejecting them', async () => {
    const { db, mek } = await setup();
    await recordVisit(db, { url: URL_A, title: `  ${'x'.repeat(MAX_TITLE_LENGTH - 1)}😀tail `, site: 'y'.repeat(450), mentions: [{ entityId: mek.id, count: 1, snippet: '' }] }, T0);
    const [a] = await listArticles(db);
    expect(a!.title).toBe('x'.repeat(MAX_TITLE_LENGTH - 1)); // the emoji is not split in half
    expect(a!.site).toHaveLength(200);
  });
});

describe('alsoIn', () => {
  it('lists the other articles mentioning the entity, newest first, with count and snippet', async () => {
    const { db, mek, iran } = await setup();
    await recordVisit(db, { url: URL_A, title: 'A', site: 'Example', mentions: [{ entityId: mek.id, count: 2, snippet: 'in A' }] }, T0 + 10);
    await recordVisit(db, { url: URL_B, title: 'B', site: 'Other', mentions: [{ entityId: mek.id, count: 1, snippet: 'in B' }] }, T0 + 30);
    await recordVisit(db, { url: URL_C, title: 'C', site: 'Example', mentions: [{ entityId: iran.id, count: 1, snippet: '' }] }, T0 + 40);
    // Revisiting A, now mentioning Iran too, moves A to the top for MEK.
    await recordVisit(db, { url: URL_A, title: 'A', site: 'Example', mentions: [{ entityId: iran.id, count: 4, snippet: '' }, { entityId: mek.id, count: 2, snippet: '' }] }, T0 + 50);

    const list = await alsoIn(db, mek.id);
    expect(list).toEqual([
      { url: URL_A, title: 'A', site: 'Example', host: new URL(URL_A).hostname, lastSeen: T0 + 50, count: 2, snippet: 'in A' },
      { url: URL_B, title: 'B', site: 'Other', host: new URL(URL_B).hostname, lastSeen: T0 + 30, count: 1, snippet: 'in B' },
    ]);
    for (const item of list) expect(AlsoIn.parse(item)).toEqual(item);

    expect((await alsoIn(db, mek.id, { excludeUrl: URL_A })).map((x) => x.url)).toEqual([URL_B]);
    expect((await alsoIn(db, iran.id, { excludeUrl: URL_C })).map((x) => x.url)).toEqual([URL_A]);
    expect((await alsoIn(db, mek.id, { limit: 1 })).map((x) => x.url)).toEqual([URL_A]);
    expect(await alsoIn(db, mek.id, { limit: 0 })).toEqual([]);
    expect(await alsoIn(db, 'unknown')).toEqual([]);
  });

  it('defaults to 20 items', async () => {
    const { db, mek } = await setup();
    for (let i = 0; i < 25; i++) {
      await recordVisit(db, { url: `https://example.com/${i}`, title: `${i}`, site: 'E', mentions: [{ entityId: mek.id, count: 1, snippet: '' }] }, T0 + i);
    }
    const list = await alsoIn(db, mek.id);
    expect(list).toHaveLength(20);
    expect(list[0]!.title).toBe('24');
    expect(list[19]!.title).toBe('5');
  });
});

describe('listArticles / clearReadingHistory', () => {
  it('lists newest first and clears articles and mentions only', async () => {
    const { db, mek } = await setup();
    await recordVisit(db, { url: URL_B, title: 'B', site: 'S', mentions: [{ entityId: mek.id, count: 1, snippet: '' }] }, T0 + 2);
    await recordVisit(db, { url: URL_A, title: 'A', site: 'S', mentions: [{ entityId: mek.id, count: 1, snippet: '' }] }, T0 + 1);
    expect((await listArticles(db)).map((a) => a.title)).toEqual(['B', 'A']);
    await clearReadingHistory(db);
    expect(await listArticles(db)).toEqual([]);
    expect(await countMentions(db)).toBe(0);
    expect(await db.count('entities')).toBe(2);
  });
});
