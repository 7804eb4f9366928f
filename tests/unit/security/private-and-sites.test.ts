import { describe, expect, it } from 'vitest';
import { contentOf, makeBackground } from '../background/harness';

const ARTICLE = 'https://news.example/2026/01/rally';

async function withEntity() {
  const bg = makeBackground();
  const created = await bg.send('entity.create', { input: { name: 'Maryam Rajavi', type: 'person' } });
  expect(created.ok).toBe(true);
  const report = {
    pageUrl: ARTICLE,
    canonicalHref: null,
    title: 'Rally',
    site: 'News',
    mentions: [{ entityId: (created as { value: { id: string } }).value.id, count: 2, snippet: 'Maryam Rajavi spoke.' }],
  };
  return { ...bg, id: (created as { value: { id: string } }).value.id, report };
}

async function alsoInFrom(bg: Awaited<ReturnType<typeof withEntity>>) {
  const card = await bg.send('entity.card', { entityId: bg.id, pageUrl: 'https://elsewhere.example/', canonicalHref: null });
  return (card as { value: { alsoIn: { url: string }[] } }).value.alsoIn.map((a) => a.url);
}

describe('private windows', () => {
  it('records nothing from an incognito tab by default', async () => {
    const bg = await withEntity();
    const r = await bg.send('page.report', bg.report, contentOf(ARTICLE, true));
    expect(r).toEqual({ ok: true, value: { recorded: false, url: ARTICLE } });
    expect(await alsoInFrom(bg)).toEqual([]);
    // The same report from a normal window is recorded: the check above can fail.
    expect((await bg.send('page.report', bg.report, contentOf(ARTICLE))).value.recorded).toBe(true);
    expect(await alsoInFrom(bg)).toEqual([ARTICLE]);
  });

  it('records from an incognito tab once the reader opts in', async () => {
    const bg = await withEntity();
    expect((await bg.send('settings.update', { patch: { recordPrivate: true } })).ok).toBe(true);
    expect((await bg.send('page.report', bg.report, contentOf(ARTICLE, true))).value.recorded).toBe(true);
  });
});

describe('sites switched off', () => {
  it('page.start tells the tab to do nothing, before it reads any text', async () => {
    const bg = await withEntity();
    await bg.send('settings.update', { patch: { disabledSites: ['news.example'] } });
    const start = await bg.send('page.start', { pageUrl: ARTICLE }, contentOf(ARTICLE));
    expect(start.ok).toBe(true);
    expect(start.value).toMatchObject({ enabled: false, hasGlossary: false });
    // Subdomains too; other sites are unaffected.
    // The site is the one the browser says sent the request.
    const sub = await bg.send('page.start', { pageUrl: 'https://live.news.example/x' }, contentOf('https://live.news.example/x'));
    expect(sub.value.enabled).toBe(false);
    const other = await bg.send('page.start', { pageUrl: 'https://other.example/x' }, contentOf('https://other.example/x'));
    expect(other.value).toMatchObject({ enabled: true, hasGlossary: true });
  });

  it('page.match finds nothing on a switched-off site, even when asked', async () => {
    const bg = await withEntity();
    const text = { texts: ['Maryam Rajavi spoke.'], breaks: [0] };
    const before = await bg.send('page.match', { pageUrl: ARTICLE, ...text }, contentOf(ARTICLE));
    expect(before.value).toMatchObject({ enabled: true, entities: [{ id: bg.id, type: 'person' }], matches: [0, 0, 0, 0, 13] });
    await bg.send('settings.update', { patch: { disabledSites: ['news.example'] } });
    const after = await bg.send('page.match', { pageUrl: ARTICLE, ...text }, contentOf(ARTICLE));
    expect(after.value).toMatchObject({ enabled: false, entities: [], matches: [], snippets: [] });
  });

  it('a report from a switched-off site is not recorded', async () => {
    const bg = await withEntity();
    await bg.send('settings.update', { patch: { disabledSites: ['news.example'] } });
    expect((await bg.send('page.report', bg.report, contentOf(ARTICLE))).value.recorded).toBe(false);
    expect(await alsoInFrom(bg)).toEqual([]);
  });

  it('switching recording off stops the reading index', async () => {
    const bg = await withEntity();
    await bg.send('settings.update', { patch: { recordHistory: false } });
    expect((await bg.send('page.report', bg.report, contentOf(ARTICLE))).value.recorded).toBe(false);
  });
});
