/**
 * The content script's world, reached the way DevTools does: marks are drawn where the page's own
 * scripts cannot list them (lib/dom/overlay.ts), so tests read what the extension drew from the
 * extension's isolated world of the page, through CDP (Runtime.evaluate in that execution
 * context). The page reader leaves the overlay's entries there under
 * Symbol.for('news-context-reader/overlay'): [range, look][] (look: "underline person",
 * "quote", "focus", "suggestion").
 */
import { expect, type CDPSession, type Page } from '@playwright/test';

const sessions = new WeakMap<Page, Promise<{ cdp: CDPSession; contexts: Map<string, number> }>>();

function session(page: Page) {
  let s = sessions.get(page);
  if (!s) {
    s = (async () => {
      const cdp = await page.context().newCDPSession(page);
      const contexts = new Map<string, number>();
      cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; name: string; auxData?: { type?: string; frameId?: string; isDefault?: boolean } } }) => {
        const c = e.context;
        if (c.auxData?.type === 'isolated' && c.name === 'News Context Reader') contexts.set(c.auxData.frameId ?? '', c.id);
      });
      cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
      await cdp.send('Runtime.enable');
      return { cdp, contexts };
    })();
    sessions.set(page, s);
  }
  return s;
}

/**
 * Run `fn(arg)` in the content script's world of the page's main frame (fn travels as source,
 * as with page.evaluate). Undefined while that world does not exist yet.
 */
export async function inContentScript<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R | undefined> {
  const { cdp, contexts } = await session(page);
  const id = contexts.get(await mainFrameId(cdp));
  if (id === undefined) return undefined;
  const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
    expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
    contextId: id,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value: R }; exceptionDetails?: { exception?: { description?: string } } };
  if (exceptionDetails) {
    // The world went away with a navigation: as if not there yet.
    if (/Cannot find context/.test(JSON.stringify(exceptionDetails))) return undefined;
    throw new Error(exceptionDetails.exception?.description ?? JSON.stringify(exceptionDetails));
  }
  return result.value;
}

async function mainFrameId(cdp: CDPSession): Promise<string> {
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  return frameTree.frame.id;
}

/** The looks of glossary marks ("<style> <type>"); quotes and suggestions have one word. */
export const GLOSSARY_LOOK = /^(underline|background|dotted) [a-z]+$/;

/** Texts the overlay holds, by look (every look, or those `pattern` matches). */
export async function overlayTexts(page: Page, pattern: RegExp = /./): Promise<Record<string, string[]>> {
  const out = await inContentScript(
    page,
    (source: string) => {
      const re = new RegExp(source);
      const get = (globalThis as unknown as Record<symbol, (() => [Range, string][]) | undefined>)[Symbol.for('news-context-reader/overlay-marks')];
      const by: Record<string, string[]> = {};
      for (const [range, look] of get?.() ?? []) if (re.test(look)) (by[look] ??= []).push(range.toString());
      return by;
    },
    pattern.source,
  );
  return out ?? {};
}

/**
 * Evaluate `expression` in the extension's isolated world (the content script's) of `page`,
 * through CDP, as a renderer exploit could: it runs with the content script's extension API. A
 * session of its own (not the cached one above), detached after.
 */
export async function inContentWorld(page: Page, expression: string): Promise<any> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string; frameId?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  try {
    await expect.poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.name === 'News Context Reader')).toBe(true);
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'News Context Reader')!;
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value: unknown }; exceptionDetails?: unknown };
    if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
    return result.value;
  } finally {
    await cdp.detach();
  }
}
