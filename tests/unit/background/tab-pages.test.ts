/**
 * What the background trusts of a content script's message (issue 15, attacks 8a-8d): the page
 * is the one the browser says sent it (or a URL on its origin, where a single-page app's
 * pushState may have taken it), the card only for entities the background matched on it, new
 * records at a bounded pace.
 */
import { describe, expect, it } from 'vitest';
import { senderPage } from '../../../lib/background/tab-pages';
import { contentOf, makeBackground } from './harness';

const ARTICLE = 'https://news.example/2026/01/rally';
const EVIL = 'https://evil.example/state-news';

async function withEntity() {
  const bg = makeBackground();
  const created = await bg.send('entity.create', { input: { name: 'Maryam Rajavi', type: 'person' } });
  const id = created.value.id as string;
  const report = (pageUrl: string, title = 'Rally') => ({ pageUrl, canonicalHref: null, title, site: 'News', mentions: [{ entityId: id, count: 1, snippet: 'Maryam Rajavi spoke.' }] });
  const index = async () => ((await bg.send('reading.articles', {})).value.items as { article: { url: string; title: string } }[]).map((r) => r.article);
  return { ...bg, id, report, index };
}

describe('senderPage', () => {
  const sender = { url: `${EVIL}#top`, tab: { id: 1 } };
  it('takes the sender’s own URL, or one on its origin; refuses another origin', () => {
    expect(senderPage({ pageUrl: EVIL, canonicalHref: null }, sender, 'content')).toEqual({ pageUrl: `${EVIL}#top`, canonicalHref: null });
    expect(senderPage({ pageUrl: 'https://evil.example/spa/story-1', canonicalHref: null }, sender, 'content')?.pageUrl).toBe('https://evil.example/spa/story-1');
    expect(senderPage({ pageUrl: ARTICLE, canonicalHref: null }, sender, 'content')).toBeNull();
    expect(senderPage({ pageUrl: 'http://evil.example/state-news', canonicalHref: null }, sender, 'content')).toBeNull();
    expect(senderPage({ pageUrl: ARTICLE, canonicalHref: null }, {}, 'content')).toBeNull();
    expect(senderPage({ pageUrl: ARTICLE, canonicalHref: null }, {}, 'extension-page')?.pageUrl).toBe(ARTICLE);
  });
});

describe('page.report and entity.card from a content script', () => {
  it('a report naming another site’s page changes nothing (8a)', async () => {
    const bg = await withEntity();
    expect((await bg.send('page.report', bg.report(ARTICLE), contentOf(ARTICLE))).value.recorded).toBe(true);
    const forged = await bg.send('page.report', bg.report(ARTICLE, 'Forged title'), contentOf(EVIL));
    expect(forged.value).toEqual({ recorded: false, url: null });
    expect((await bg.index()).map((a) => a.title)).toEqual(['Rally']);
  });

  it('a tab adds at most 8 new records at once; revisits are always recorded (8b, 6)', async () => {
    const bg = await withEntity();
    const tab = contentOf('https://evil.example/spa/start');
    const replies = [];
    for (let i = 0; i < 20; i++) replies.push((await bg.send('page.report', bg.report(`https://evil.example/spa/story-${i}`), tab)).value.recorded);
    expect(replies.filter(Boolean)).toHaveLength(8);
    expect((await bg.send('page.report', bg.report('https://evil.example/spa/story-0', 'Again'), tab)).value.recorded).toBe(true);
  });

  it('the card only of an entity the background matched on the tab’s current page (8d)', async () => {
    const bg = await withEntity();
    const card = (sender = contentOf(ARTICLE)) => bg.send('entity.card', { entityId: bg.id, pageUrl: sender.url!, canonicalHref: null }, sender);
    expect((await card()).value).toBeNull();
    await bg.send('page.match', { pageUrl: ARTICLE, texts: ['Maryam Rajavi spoke.'], breaks: [0] }, contentOf(ARTICLE));
    expect((await card()).value.entity.id).toBe(bg.id);
    // Another tab, or the same tab once it shows another page, has not matched it.
    expect((await card(contentOf(ARTICLE, false, 8))).value).toBeNull();
    await bg.send('page.start', { pageUrl: EVIL }, contentOf(EVIL));
    expect((await card(contentOf(EVIL))).value).toBeNull();
    expect((await card()).value).toBeNull();
  });
});
