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
});
