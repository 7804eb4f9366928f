/**
 * Nothing becomes markup unsanitised (docs/security.md P4): XSS payloads in every field the
 * reader or a visited page controls — entity names, aliases, notes, imported files, titles of
 * visited pages — render as text in the tooltip, the popup and the options page, and never run.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, FIXTURES, pointOfText, send, tabIdOf, waitForMarks } from './fixtures';
import { closedShadowRoots, extensionFrames } from './shadow';

const DANGEROUS = /^(SCRIPT|IFRAME|OBJECT|EMBED|SVG|MATH|IMG|STYLE|LINK|META|BASE|FORM|DETAILS)$/;

async function payloads(): Promise<string[]> {
  return JSON.parse(await readFile(join(FIXTURES, 'security/xss-payloads.json'), 'utf8'));
}

/**
 * Elements and attributes of what the card renders: the markup inside its extension frame
 * (entrypoints/card), read there. The host's closed shadow root holds only the frame itself
 * (checked apart: `frameHosts`).
 */
async function shadowMarkup(page: Page): Promise<{ tags: string[]; attrs: string[] }> {
  const tags: string[] = [];
  const attrs: string[] = [];
  for (const frame of extensionFrames(page)) {
    const found = await frame
      .evaluate(() => {
        const tags: string[] = [];
        const attrs: string[] = [];
        const app = document.getElementById('app');
        for (const el of app ? app.querySelectorAll('*') : []) {
          tags.push(el.nodeName);
          for (const a of el.attributes) attrs.push(`${a.name}=${a.value}`);
        }
        return { tags, attrs };
      })
      .catch(() => ({ tags: [] as string[], attrs: [] as string[] }));
    tags.push(...found.tags);
    attrs.push(...found.attrs);
  }
  return { tags, attrs };
}

/** What the closed roots of the extension's hosts hold: a style and the frame of our card page, nothing else. */
async function frameHosts(page: Page): Promise<string[]> {
  const roots = await closedShadowRoots(page);
  const out: string[] = [];
  const walk = (n: { nodeName: string; attributes?: string[]; children?: unknown[] }) => {
    const a = n.attributes ?? [];
    const src = a[a.indexOf('src') + 1];
    if (n.nodeName === '#text') return;
    out.push(n.nodeName === 'IFRAME' ? `IFRAME ${String(src).replace(/#.*/, '#token').replace(/^chrome-extension:\/\/[^/]+/, 'chrome-extension://ID')}` : n.nodeName);
    for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
  };
  for (const r of roots) for (const c of (r as unknown as { children?: unknown[] }).children ?? []) walk(c as never);
  return out;
}

function expectNoActiveMarkup({ tags, attrs }: { tags: string[]; attrs: string[] }) {
  // The card's own <style> element is expected exactly once per root.
  expect(tags.filter((t) => DANGEROUS.test(t) && t !== 'STYLE')).toEqual([]);
  expect(tags.filter((t) => t === 'STYLE').length).toBeLessThanOrEqual(1);
  expect(attrs.filter((a) => /^on/i.test(a))).toEqual([]);
  expect(attrs.filter((a) => /^(href|src|action|formaction|xlink:href)=/.test(a) && !/^(href|src)=(https?:|mailto:)/.test(a))).toEqual([]);
  expect(attrs.filter((a) => /^style=/.test(a) && /url\(|expression/i.test(a))).toEqual([]);
}

test('payloads in names, aliases, notes and page titles render as text in the tooltip', async ({ context, extensionPage, server }) => {
  const list = await payloads();
  const file = {
    format: 'news-context-reader/glossary',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    entities: [
      {
        name: 'Maryam Rajavi',
        type: 'person',
        aliases: list.slice(0, 8).map((text) => ({ text })),
        notes: `Notes with payloads:\n\n${list.map((p) => `- ${p}`).join('\n')}`,
      },
      ...list.map((p, i) => ({ name: `${p} ${i}`, type: 'other', aliases: [], notes: p })),
    ],
  };
  const imported = await send(extensionPage, 'glossary.import', { text: JSON.stringify(file) });
  expect(imported.ok).toBe(true);

  // A visited page whose title is a payload: it must show as text in "also in".
  const hostile = await context.newPage();
  await hostile.goto(server.url('hostile.html'));
  await waitForMarks(hostile);
  await hostile.evaluate((t) => (document.title = t), list[1]!);
  await hostile.close();

  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(server.url('seed-article.html'));
  await waitForMarks(page);
  const p = await pointOfText(page, 'Maryam Rajavi');
  await page.mouse.move(p.x, p.y);
  await expect.poll(async () => (await closedShadowRoots(page)).length).toBe(1);
  await expect.poll(async () => (await shadowMarkup(page)).tags.includes('LI')).toBe(true);
  await page.waitForTimeout(300);

  expectNoActiveMarkup(await shadowMarkup(page));
  expect(await frameHosts(page)).toEqual(['STYLE', 'DIV', 'IFRAME chrome-extension://ID/card.html#token']);
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('payloads render as text in the options page and the popup, and never run', async ({ context, extensionId, extensionPage, server }) => {
  const list = await payloads();
  const file = {
    format: 'news-context-reader/glossary',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    entities: list.map((p, i) => ({ name: `${p} ${i}`, type: 'person', aliases: [{ text: `Alias ${i} ${p}` }], notes: `${p}\n\n[x](javascript:void(0))` })),
  };
  expect((await send(extensionPage, 'glossary.import', { text: JSON.stringify(file) })).ok).toBe(true);

  for (const path of ['options.html', 'popup.html']) {
    const ext = await context.newPage();
    const problems: string[] = [];
    ext.on('pageerror', (e) => problems.push(String(e)));
    ext.on('dialog', (d) => {
      problems.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    ext.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
    });
    const article = path === 'popup.html' ? await context.newPage() : null;
    let url = `chrome-extension://${extensionId}/${path}`;
    if (article) {
      await article.goto(server.url('seed-article.html'));
      url += `?tabId=${await tabIdOf(extensionPage, article)}`;
    }
    await ext.goto(url);
    await ext.waitForTimeout(800);
    const found = await ext.evaluate(() => ({
      xss: (window as unknown as { __xss?: string }).__xss,
      bad: [...document.querySelectorAll('script:not([src]), iframe, object, embed, svg *[onload], img[onerror], [onclick], [onerror], [onload], [ontoggle]')].map((e) => e.outerHTML.slice(0, 80)),
      jsLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!).filter((h) => !/^(https?:|mailto:|#|\/|[a-z-]+\.html|chrome-extension:\/\/)/.test(h)),
    }));
    expect(found.xss, path).toBeUndefined();
    expect(found.bad, path).toEqual([]);
    expect(found.jsLinks, path).toEqual([]);
    expect(problems, path).toEqual([]);
    if (path === 'options.html') {
      // The payloads are there, as text.
      await expect(ext.getByText(`${list[0]} 0`, { exact: false }).first()).toBeVisible();
    }
    await ext.close();
    await article?.close();
  }
});
