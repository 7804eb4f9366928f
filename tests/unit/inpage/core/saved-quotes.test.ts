import { describe, expect, it } from 'vitest';
import { SavedQuotes, type QuoteMarker, type QuotePage } from '../../../../lib/inpage/core/saved-quotes';
import type { PageAsk } from '../../../../lib/messaging/page-client';
import type { PageMetadata } from '../../../../lib/dom/page-metadata';
import type { QuoteSelector } from '../../../../lib/model/quote';

const selector = (exact: string) => ({ exact }) as QuoteSelector;

function setup(onPage: string[]) {
  const sent: [string, unknown][] = [];
  const ask = (async (type: string, payload: unknown) => {
    sent.push([type, payload]);
    if (type === 'notes.forPage') return { quotes: [{ id: 'q1', selector: selector('one') }, { id: 'q2', selector: selector('late') }] };
    return {};
  }) as unknown as PageAsk;
  const page: QuotePage = { active: true, pageMetadata: () => ({ pageUrl: 'https://news.example/a', canonicalHref: null, ogUrl: null }) as PageMetadata };
  let cleared = 0;
  const marker: QuoteMarker = {
    showQuotes: async (quotes) => ({
      found: quotes.filter((q) => onPage.includes(q.selector.exact)).map((q) => q.id),
      missing: quotes.filter((q) => !onPage.includes(q.selector.exact)).map((q) => q.id),
    }),
    clearQuotes: () => void cleared++,
  };
  let wake: (() => void) | null = null;
  const sleeps: AbortSignal[] = [];
  const sleep = (_ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      sleeps.push(signal);
      wake = resolve;
      signal.addEventListener('abort', () => resolve());
    });
  const saved = new SavedQuotes(ask, page, marker, sleep);
  return { saved, sent, onPage, sleeps, wake: () => wake!(), cleared: () => cleared };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('SavedQuotes', () => {
  it('marks the page\'s quotes, looks once more for the missing ones, and reports what it found', async () => {
    const t = setup(['one']);
    const loading = t.saved.load();
    await tick();
    expect(t.saved.status()).toEqual({ found: ['q1'], missing: ['q2'] });
    // The page renders the rest late.
    t.onPage.push('late');
    t.wake();
    await loading;
    expect(t.saved.status()).toEqual({ found: ['q1', 'q2'], missing: [] });
    expect(t.sent.at(-1)).toEqual(['notes.anchored', { found: ['q1', 'q2'], missing: [] }]);
  });

  it('cleared while waiting to look again: the wait is released and nothing more is marked or reported', async () => {
    const t = setup(['one']);
    const loading = t.saved.load();
    await tick();
    t.onPage.push('late');
    t.saved.clear();
    expect(t.sleeps[0]!.aborted).toBe(true);
    await loading;
    expect(t.saved.status()).toEqual({ found: [], missing: [] });
    expect(t.cleared()).toBe(1);
    expect(t.sent.map(([type]) => type)).toEqual(['notes.forPage']);
  });
});
