/**
 * discover.page through the real router, handlers and storage (fake-indexeddb), with a stand-in
 * for the discovery engine: what the reader already has is not suggested, and a page's
 * suggestions are recorded under the URL the reading index files the page under.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../../lib/text/discovery/types';
import { contentOf, makeBackground } from './harness';

const found: Candidate[] = [
  { key: 'person:maryam rajavi', name: 'Maryam Rajavi', type: 'person', aliases: ['Rajavi'], mentions: [], count: 2, confidence: 0.9 },
  { key: 'organization:mek', name: 'MEK', type: 'organization', aliases: [], mentions: [], count: 1, confidence: 0.8 },
];

describe('discover.page', () => {
  it('files the suggestions under the page identity’s article URL (og:url), as page.report files the page', async () => {
    const bg = makeBackground({ discoveryRunner: async () => found });
    expect((await bg.send('entity.create', { input: { name: 'MEK', type: 'organization' } })).ok).toBe(true);
    const page = { pageUrl: 'https://m.example.com/story?utm_source=x', canonicalHref: null, ogUrl: 'https://www.example.com/world/story' };
    const sender = contentOf(page.pageUrl);
    const reply = await bg.send('discover.page', { ...page, chunks: [{ text: 'Maryam Rajavi and the MEK. Rajavi spoke.', blockStart: true }] }, sender);
    expect(reply.ok, reply.error).toBe(true);
    // MEK is in the glossary already: not a suggestion.
    expect(reply.value.suggestions.map((s: { key: string }) => s.key)).toEqual(['person:maryam rajavi']);
    const report = await bg.send('page.report', { ...page, title: 'Story', site: 'Example', mentions: [] }, sender);
    const stored = await (await bg.db()).getAll('suggestions');
    expect(stored.map((s) => s.url)).toEqual([report.value.url]);
    expect(report.value.url).toBe('https://www.example.com/world/story');
  });

  it('reads only the runs of the kept scan the tab names (the article), never the rest', async () => {
    const seen: string[] = [];
    const bg = makeBackground({
      discoveryRunner: async (chunks) => {
        seen.push(...chunks.map((c) => `${c.blockStart ? '|' : ''}${c.text}`));
        return [];
      },
    });
    const PAGE = 'https://news.example/story';
    const tab = contentOf(PAGE);
    const texts = ['Daily Ledger', 'Farah ', 'Nazari said ', 'Share', 'Kamali spoke.'];
    expect((await bg.send('page.match', { pageUrl: PAGE, texts, breaks: [0, 1, 3, 4], scan: { id: 's1', part: 0, overlap: 0, cut: null } }, tab)).ok).toBe(true);
    const page = { pageUrl: PAGE, canonicalHref: null, ogUrl: null };
    const reply = await bg.send('discover.page', { ...page, scan: 's1', only: [1, 2, 4, 1] }, tab);
    expect(reply.ok, reply.error).toBe(true);
    expect(reply.value.textKept).toBe(true);
    expect(seen).toEqual(['|Farah ', 'Nazari said ', '|Kamali spoke.']);
    // Runs a tab could not have read: the text is asked for again, nothing is read.
    await bg.send('page.match', { pageUrl: PAGE, texts, breaks: [0], scan: { id: 's2', part: 0, overlap: 0, cut: null } }, tab);
    expect((await bg.send('discover.page', { ...page, scan: 's2', only: [3, 9] }, tab)).value.textKept).toBe(false);
    expect((await bg.send('discover.page', { ...page, chunks: [], only: [0, 1] }, tab)).ok).toBe(false);
  });

  it('a dismissed name is never suggested again, whatever type it comes back with (issue 17)', async () => {
    const retyped: Candidate[] = [{ ...found[0]!, key: 'organization:maryam rajavi', type: 'organization' }, found[1]!];
    const bg = makeBackground({ discoveryRunner: async () => retyped });
    expect((await bg.send('suggestion.dismiss', { key: 'person:maryam rajavi' })).ok).toBe(true);
    const page = { pageUrl: 'https://example.com/a', canonicalHref: null, ogUrl: null };
    const reply = await bg.send('discover.page', { ...page, chunks: [{ text: 'Maryam Rajavi and the MEK.', blockStart: true }] }, contentOf(page.pageUrl));
    expect(reply.value.suggestions.map((s: { key: string }) => s.key)).toEqual(['organization:mek']);
  });

  it('passes the page’s declared language to the engine (issue 17)', async () => {
    const langs: (string | undefined)[] = [];
    const bg = makeBackground({ discoveryRunner: async (_chunks, lang) => (langs.push(lang), found) });
    const page = { pageUrl: 'https://example.com/b', canonicalHref: null, ogUrl: null };
    await bg.send('discover.page', { ...page, lang: 'pt-BR', chunks: [{ text: 'Maryam Rajavi.', blockStart: true }] }, contentOf(page.pageUrl));
    await bg.send('discover.page', { ...page, chunks: [{ text: 'Maryam Rajavi!', blockStart: true }] }, contentOf(page.pageUrl));
    expect(langs).toEqual(['pt-BR', undefined]);
  });
});
