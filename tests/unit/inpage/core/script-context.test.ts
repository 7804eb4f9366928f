// @vitest-environment happy-dom
// The content script's context (in place of WXT's): nothing a page dispatches ends it.
import { describe, expect, it } from 'vitest';
import { ContentScriptContext } from '../../../../lib/inpage/core/script-context';

describe('ContentScriptContext', () => {
  it('ignores WXT’s "content script started" and "locationchange" events dispatched by a page (attacks 7a, 7b)', () => {
    const ctx = new ContentScriptContext();
    const ended: string[] = [];
    ctx.onInvalidated(() => ended.push('ended'));
    const id = 'abcdefghijklmnopabcdefghijklmnop';
    document.dispatchEvent(new CustomEvent(`${id}:content:wxt:content-script-started`, { detail: { contentScriptName: 'content', messageId: 'forged' } }));
    window.dispatchEvent(new Event(`${id}:content:wxt:locationchange`));
    expect(ctx.signal.aborted).toBe(false);
    expect(ended).toEqual([]);
  });

  it('ends when told, removing the listeners it added', () => {
    const ctx = new ContentScriptContext();
    const seen: string[] = [];
    ctx.addEventListener(document, 'keydown', () => seen.push('key'));
    document.dispatchEvent(new Event('keydown'));
    ctx.notifyInvalidated();
    document.dispatchEvent(new Event('keydown'));
    expect(seen).toEqual(['key']);
    expect(ctx.signal.aborted).toBe(true);
  });
});
