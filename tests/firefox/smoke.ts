/**
 * Firefox smoke test: the Firefox build (dist/firefox-mv2) loaded as a temporary add-on into
 * Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (no browser download).
 * The sample glossary is imported through the extension's own message protocol, the sample
 * article gets its mentions marked, and resting the pointer on one opens the tooltip.
 * Run by scripts/test.mjs; prints node-test-style "# pass/# fail" and exits non-zero on failure.
 */
import type { Page } from 'puppeteer-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from '../e2e/server';
import { centreOfText } from '../e2e/page-text';
import { marksOn } from './marks';
import { assert, launchFirefox, openOptions, ROOT, runCheck, sendFrom, waitFor } from './launch';

async function main() {
  const server = await startServer();
  const ff = await launchFirefox({ profilePrefix: 'ncr-ff-', uuid: '6f1d3c1e-2b7a-4c55-9a53-0c9d2f0b7e11' });
  const { browser } = ff;
  await runCheck(async () => {
    // Extension page: import the sample glossary through the protocol.
    const options = await openOptions(ff);
    const text = await readFile(join(ROOT, 'tests/fixtures/sample-glossary.json'), 'utf8');
    const reply = await sendFrom(options, 'glossary.import', { text });
    assert(reply?.ok, `glossary import: ${JSON.stringify(reply)}`);
    console.log(`ok - sample glossary imported (${reply.value!.added} entities)`);

    // Keyboard shortcuts: Firefox gives every suggested key too, and has the function that opens
    // its "Manage Extension Shortcuts" (the options page's button uses it).
    const keys = (await options.evaluate(async () => {
      // @ts-expect-error `browser` is the WebExtension global in Firefox extension pages
      const all: { name: string; shortcut?: string }[] = await browser.commands.getAll();
      // @ts-expect-error likewise
      return { all: Object.fromEntries(all.map((c) => [c.name, c.shortcut ?? ''])), opener: typeof browser.commands.openShortcutSettings };
    })) as { all: Record<string, string>; opener: string };
    const manifest = JSON.parse(await readFile(join(ROOT, 'dist/firefox-mv2/manifest.json'), 'utf8')) as { commands: Record<string, { suggested_key: { default: string } }> };
    for (const [name, c] of Object.entries(manifest.commands)) {
      assert(keys.all[name] === c.suggested_key.default, `${name}: Firefox set "${keys.all[name]}", suggested ${c.suggested_key.default}`);
    }
    assert(keys.opener === 'function', 'commands.openShortcutSettings is a function');
    console.log(`ok - shortcuts set: ${Object.values(keys.all).join(', ')}`);

    // Storage: with unlimitedStorage Firefox grants the extension persistent storage (Settings ›
    // Storage says the browser keeps the data; docs/decisions.md).
    const persisted = await options.evaluate(() => navigator.storage.persisted());
    assert(persisted === true, `navigator.storage.persisted() is ${persisted}`);
    console.log('ok - storage is persistent');

    const page: Page = await browser.newPage();
    await page.goto(server.url('seed-article.html'));
    const marks = await waitFor('marks', () => marksOn(options, page));
    assert(marks > 50, `expected many marks on the sample article, got ${marks}`);
    console.log(`ok - ${marks} mentions marked on the sample article`);

    // Drawn, too: the overlay's boxes (lib/dom/overlay-drawer.ts) under "Maryam Rajavi", a person:
    // blue underline pixels in a screenshot of the text's box and just below it.
    const drawn = await waitFor('the underline drawn', async () => {
      const box = await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = (n as Text).data.indexOf('Maryam Rajavi');
          if (i === -1) continue;
          (n.parentElement as Element).scrollIntoView({ block: 'center' });
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 'Maryam Rajavi'.length);
          const q = r.getClientRects()[0]!;
          // The screenshot's clip is in the document's coordinates.
          return { x: q.left + scrollX, y: q.top + scrollY, width: q.width, height: q.height + 8 };
        }
        return null;
      });
      if (!box) return null;
      await new Promise((r) => setTimeout(r, 300));
      const png = (await page.screenshot({ clip: box, encoding: 'base64' })) as string;
      const blue = await page.evaluate(async (b64: string) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 2]! > 180 && d[i + 2]! - d[i]! > 80) n++;
        return n;
      }, png);
      return blue > 20 ? blue : null;
    });
    console.log(`ok - the marks are drawn (${drawn} underline pixels under "Maryam Rajavi")`);

    // The background keeps its compiled glossary in IndexedDB; a background that starts again
    // (a browser restart: here, its page reloaded) marks the page from it, without compiling.
    type Entry = { detail?: { source?: string; outcome?: string } };
    const timings = (name: string) =>
      options.evaluate(async (name: string) => {
        // @ts-expect-error `browser` is the WebExtension global in Firefox extension pages
        const bg = (await browser.runtime.getBackgroundPage()) as Window;
        return bg.performance.getEntriesByName(name).map((e) => ({ detail: (e as PerformanceMeasure).detail }));
      }, name) as Promise<Entry[]>;
    await waitFor('the stored glossary', async () => (await timings('ncr:glossary-save')).some((e) => e.detail?.outcome === 'saved'));
    await options.evaluate(async () => {
      // @ts-expect-error as above
      ((await browser.runtime.getBackgroundPage()) as Window).location.reload();
    });
    await waitFor('the background page again', async () => (await timings('ncr:background-ready')).length > 0 && (await timings('ncr:glossary-save')).length === 0);
    const again: Page = await browser.newPage();
    await again.goto(server.url('seed-article.html'));
    const marksAgain = await waitFor('marks after the restart', () => marksOn(options, again));
    const loads = (await timings('ncr:glossary-load')).map((e) => e.detail?.source);
    assert(marksAgain === marks && loads.join() === 'stored', `after a restart: ${marksAgain} marks (${marks} before), glossary ${loads.join() || 'not loaded'}`);
    console.log(`ok - after a background restart, the same ${marksAgain} marks from the stored glossary`);
    await again.close();
    await page.bringToFront();

    const point = await page.evaluate(centreOfText, ['Maryam Rajavi', 0] as const);
    assert(point, 'Maryam Rajavi is on the page');
    await page.mouse.move(point.x - 20, point.y);
    await page.mouse.move(point.x, point.y);
    // The tooltip host is the extension's only element; its shadow root is closed, so the page
    // (and this test) sees a sized, visible box but none of its content.
    const box = await waitFor('tooltip', () =>
      page.evaluate(() => {
        const host = document.documentElement.lastElementChild as HTMLElement | null;
        if (!host || host === document.body || host.shadowRoot !== null) return null;
        const r = host.getBoundingClientRect();
        return getComputedStyle(host).visibility === 'visible' && r.width > 100 && r.height > 40 ? { w: r.width, h: r.height } : null;
      }),
    );
    console.log(`ok - tooltip opened (${Math.round(box.w)}×${Math.round(box.h)})`);
    // The card renders in an extension frame (moz-extension://…/card.html) paired with the
    // content script through the background: it shows the entity, read in the frame itself.
    const cardText = await waitFor('the card in its extension frame', async () => {
      // (puppeteer may still report the frame's first URL, about:blank: its origin is asked inside.)
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const seen = await frame.evaluate(() => ({ origin: location.protocol, text: document.getElementById('app')?.textContent ?? '' })).catch(() => null);
        if (seen?.origin === 'moz-extension:' && seen.text.includes('Maryam Rajavi') && seen.text.includes('Also in')) return seen.text;
      }
      return null;
    });
    console.log(`ok - the card shows in its extension frame (${cardText.length} characters)`);
  }, async () => {
    await ff.close();
    await server.close();
  });
}

void main();
