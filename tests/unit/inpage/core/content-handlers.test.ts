import { describe, expect, it, vi } from 'vitest';
import { answerContentRequest, listenForRequests, type ContentHandlers } from '../../../../lib/inpage/core/content-handlers';
import type { CoreRuntime } from '../../../../lib/inpage/core/extension-api';
import { parseRequest, toContent } from '../../../../lib/messaging/protocol';
import { envelope, type Reply } from '../../../../lib/messaging/envelope';
import type { InpageUi } from '../../../../lib/inpage/ui/ui';

function setup() {
  const calls: string[] = [];
  const handlers = {
    'page.refresh': ({ revision }) => (calls.push(`refresh ${revision}`), { ok: true }),
    'page.stats': () => ({ firstPaintMs: 1, mainThreadMs: 2, longestTaskMs: 3, scans: 1, textNodes: 4, characters: 5, marks: 6 }),
    'mention.step': async ({ direction }, { ui }) => (calls.push(`step ${direction} ${typeof (await ui()).parseContentRequest}`), { moved: true }),
    'quote.reveal': () => {
      throw new Error('no such quote');
    },
  } as Partial<ContentHandlers> as ContentHandlers;
  const ui = { parseContentRequest: (raw: unknown) => parseRequest(toContent, raw) } as unknown as InpageUi;
  const loadUi = vi.fn(async () => ui);
  return { calls, answer: (raw: unknown) => answerContentRequest(raw, handlers, loadUi), loadUi };
}

describe('answerContentRequest', () => {
  it('answers light requests without loading the in-page UI', async () => {
    const { answer, calls, loadUi } = setup();
    expect(await answer(envelope('page.refresh', { revision: 3 }))).toEqual({ ok: true, value: { ok: true } });
    expect((await answer(envelope('page.stats', {}))).ok).toBe(true);
    expect(calls).toEqual(['refresh 3']);
    expect(loadUi).not.toHaveBeenCalled();
  });

  it('refuses a light request of the wrong shape, and a full one that fails validation', async () => {
    const { answer, calls } = setup();
    expect(await answer(envelope('page.stats', { extra: 1 }))).toEqual({ ok: false, error: 'invalid request' });
    const reply = await answer(envelope('mention.step', { direction: 'sideways' }));
    expect(reply.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('validates the others with the UI, then runs their handler with it; a throw becomes an error reply', async () => {
    const { answer, calls, loadUi } = setup();
    expect(await answer(envelope('mention.step', { direction: 'next' }))).toEqual({ ok: true, value: { moved: true } });
    expect(calls).toEqual(['step next function']);
    expect(loadUi).toHaveBeenCalled();
    expect(await answer(envelope('quote.reveal', { id: 'q1' }))).toEqual({ ok: false, error: 'no such quote' });
  });
});

describe('listenForRequests', () => {
  it('answers our own extension only, and stops listening when asked', async () => {
    let listener: Parameters<CoreRuntime['onMessage']['addListener']>[0] | null = null;
    const runtime = {
      id: 'ours',
      onMessage: { addListener: (l: typeof listener) => (listener = l), removeListener: () => (listener = null) },
    } as unknown as CoreRuntime;
    const stop = listenForRequests(runtime, async () => ({ ok: true, value: 'answered' }));
    const ask = (id: string) => new Promise<Reply>((resolve) => listener!({}, { id }, resolve as (r: unknown) => void));
    expect(await ask('someone-else')).toEqual({ ok: false, error: 'sender not allowed' });
    expect(await ask('ours')).toEqual({ ok: true, value: 'answered' });
    stop();
    expect(listener).toBeNull();
  });
});
