import { describe, expect, it, vi } from 'vitest';
import { classifySender, createRouter, type Handlers } from '../../../lib/background/router';
import { envelope } from '../../../lib/messaging/protocol';

const ID = 'ext-id';
const ORIGIN = 'chrome-extension://ext-id/';
const page = { id: ID, url: `${ORIGIN}options.html` };
const content = { id: ID, url: 'https://news.example/a', tab: { id: 3 } };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const fail = () => Promise.reject(new Error('not expected'));
  return new Proxy(overrides as Handlers, {
    get: (t, k: string) => (t as Record<string, unknown>)[k] ?? vi.fn(fail),
  });
}

describe('classifySender', () => {
  it('tells extension pages from content scripts and refuses strangers', () => {
    expect(classifySender(page, ID, ORIGIN)).toBe('extension-page');
    expect(classifySender({ ...page, tab: { id: 1 } }, ID, ORIGIN)).toBe('extension-page');
    expect(classifySender(content, ID, ORIGIN)).toBe('content');
    expect(classifySender({ ...content, id: 'other' }, ID, ORIGIN)).toBeNull();
    expect(classifySender({ id: ID }, ID, ORIGIN)).toBeNull();
    // A page whose URL merely contains our origin is still a page.
    expect(classifySender({ id: ID, url: `https://evil.example/?${ORIGIN}`, tab: { id: 1 } }, ID, ORIGIN)).toBe('content');
  });
});

describe('router', () => {
  it('runs the handler and validates its reply', async () => {
    const del = vi.fn(async () => ({ deleted: true }));
    const route = createRouter(handlers({ 'entity.delete': del }), ID, ORIGIN);
    expect(await route(envelope('entity.delete', { id: 'a1' }), page)).toEqual({ ok: true, value: { deleted: true } });
    expect(del).toHaveBeenCalledWith({ id: 'a1' }, expect.objectContaining({ kind: 'extension-page' }));
  });

  it('never runs a handler for a malformed, unknown or unauthorised message', async () => {
    const del = vi.fn(async () => ({ deleted: true }));
    const route = createRouter(handlers({ 'entity.delete': del }), ID, ORIGIN);
    const replies = await Promise.all([
      route(envelope('entity.delete', { id: 7 }), page),
      route(envelope('entity.nuke', {}), page),
      route({ anything: 1 }, page),
      route(envelope('entity.delete', { id: 'a1' }), { ...page, id: 'someone-else' }),
      // A web page (content script) may not edit the glossary.
      route(envelope('entity.delete', { id: 'a1' }), content),
    ]);
    for (const r of replies) expect(r.ok).toBe(false);
    expect((replies[4] as { error: string }).error).toMatch(/not allowed from a web page/);
    expect(del).not.toHaveBeenCalled();
  });

  it('turns a thrown error into an error reply and an invalid reply into an internal error', async () => {
    const route = createRouter(
      handlers({
        'entity.delete': async () => {
          throw new Error('No entity with id a1');
        },
        'entity.list': async () => [{ bogus: true }] as never,
      }),
      ID,
      ORIGIN,
    );
    expect(await route(envelope('entity.delete', { id: 'a1' }), page)).toEqual({ ok: false, error: 'No entity with id a1' });
    expect(await route(envelope('entity.list', {}), page)).toEqual({ ok: false, error: 'internal error answering entity.list' });
  });
});
