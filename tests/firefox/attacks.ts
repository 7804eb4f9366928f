/**
 * Issue 15, attack 1 in Firefox: `window.find()` as a yes/no oracle. Firefox's find() returns
 * only whether a string is on the page — the card's text included — so the page grows a string
 * one character at a time from text only the card has ("Also known as "), keeping each
 * character find() confirms: it reads the reader's secret alias, then their private note.
 *
 * The Firefox build (dist/firefox-mv2) in Debian's Firefox ESR over WebDriver BiDi
 * (puppeteer-core), as tests/firefox/smoke.ts; the hostile page is http://evil.test:PORT
 * (network.dns.localDomains resolves it to the loopback address where the attack sites are
 * served: tests/e2e/attack-sites.ts). The reader's data is imported through the protocol.
 *
 * Asserts the SAFE outcome (nothing of the card found). On the main branch of 2026-12 (f7b1a89)
 * it fails: see docs/security-review.md for what the oracle extracted.
 * Run: npx wxt build -b firefox && node --import tsx tests/firefox/attacks.ts
 * Prints node-test-style "# pass/# fail" and exits non-zero when the attack succeeds.
 */
import type { Page } from 'puppeteer-core';
import { startSites, readerBackup, SECRETS } from '../e2e/attack-sites';
import { GECKO_ID } from '../../wxt.config';
import { marksOn } from './marks';
import { launchFirefox, openOptions, runCheck, sendFrom as send, waitFor } from './launch';

async function main() {
  const sites = await startSites();
  const ff = await launchFirefox({
    profilePrefix: 'ncr-ff-attack-',
    uuid: '6f1d3c1e-2b7a-4c55-9a53-0c9d2f0b7e12',
    prefs: {
      // The attack sites' names resolve to the loopback address.
      'network.dns.localDomains': 'news.test,evil.test,google.evil.test',
      // http://evil.test stays http.
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
    },
  });
  const { browser } = ff;
  await runCheck(async () => {
    let failed = false;
    const options = await openOptions(ff);
    const preview = await send(options, 'import.preview', { text: JSON.stringify(readerBackup(sites)) });
    if (!preview.ok || !preview.value.valid) throw new Error(`reader data rejected: ${JSON.stringify(preview)}`);
    const commit = await send(options, 'import.commit', { token: preview.value.token, choices: { default: 'merge', restoreSettings: false } });
    if (!commit.ok) throw new Error(`reader data not imported: ${commit.error}`);
    console.log('ok - the reader’s data imported');

    const page: Page = await browser.newPage();
    await page.goto(sites.url('evil.test', 'state-news.html'));
    // Marks are out of the page's reach (drawn in a closed shadow root): counted by the content
    // script's page.stats, asked from the options page.
    await waitFor('marks', () => marksOn(options, page));
    // The reader rests the pointer on "Maryam Rajavi": the card opens (the page sees a box).
    const point = await page.evaluate(() => {
      const t = document.querySelector('article p')!.firstChild as Text;
      const r = document.createRange();
      r.setStart(t, 0);
      r.setEnd(t, 'Maryam Rajavi'.length);
      const q = r.getBoundingClientRect();
      return { x: q.x + q.width / 2, y: q.y + q.height / 2 };
    });
    await page.mouse.move(point.x - 20, point.y);
    await page.mouse.move(point.x, point.y);
    // FIXER: today the card is the last child of <html>; after the fix it may be a frame.
    await waitFor('card', () =>
      page.evaluate(() => {
        const host = document.documentElement.lastElementChild as HTMLElement | null;
        if (!host || host === document.body) return null;
        const r = host.getBoundingClientRect();
        // Loaded: the "Loading…" card is a line or two; the loaded one lists the articles.
        return getComputedStyle(host).visibility === 'visible' && r.height > 150 ? true : null;
      }),
    );
    console.log('ok - the card is open');

    type Oracle = { text: string | null; calls: number; ms: number };
    const oracle = (anchor: string) => page.evaluate((anchor: string) => (window as any).kit.findOracle(anchor) as Oracle, anchor);
    const alias = await oracle('Also known as ');
    console.log(`# oracle from "Also known as ": ${JSON.stringify(alias)}`);
    // Knowing nothing of the card: seeds of two characters the page's own text does not hold.
    const note = await page.evaluate(() => (window as any).kit.findOracleBlind() as { found: string[]; calls: number; ms: number });
    console.log(`# blind oracle: ${JSON.stringify(note)}`);
    const found = [alias.text ?? '', ...note.found].join('\n');
    const leaks = [SECRETS.rajaviAlias, SECRETS.rajaviNote, ...SECRETS.otherTitles, ...SECRETS.otherSites].filter((s) => found.includes(s));
    if (leaks.length) {
      failed = true;
      console.error(`not ok - find() extracted ${JSON.stringify(leaks)} in ${alias.ms + note.ms} ms (${alias.calls + note.calls} calls)`);
    } else if (alias.text !== null) {
      failed = true;
      console.error(`not ok - find() sees the card's own text ("Also known as ")`);
    } else {
      console.log('ok - find() learns nothing of the card');
    }

    // Attack 7a in Firefox: the page dispatches WXT's "content script started" event under the
    // extension's public id; the reader then hovers the mention again: the card must open.
    await page.mouse.move(5, 5);
    await waitFor('card closed', () =>
      page.evaluate(() => {
        const host = document.documentElement.lastElementChild as HTMLElement | null;
        return !host || host === document.body || getComputedStyle(host).visibility !== 'visible';
      }),
    );
    const marksBefore = await marksOn(options, page);
    await page.evaluate((id: string) => (window as any).kit.invalidate(id), GECKO_ID);
    await page.mouse.move(point.x - 20, point.y);
    await page.mouse.move(point.x, point.y);
    const reopened = await waitFor(
      'card after the forged event',
      () =>
        page.evaluate(() => {
          const host = document.documentElement.lastElementChild as HTMLElement | null;
          if (!host || host === document.body) return null;
          return getComputedStyle(host).visibility === 'visible' && host.getBoundingClientRect().height > 40 ? true : null;
        }),
      5_000,
    ).catch(() => false);
    const marksAfter = await marksOn(options, page);
    if (!reopened) {
      failed = true;
      console.error(`not ok - a page-dispatched "${GECKO_ID}:content:wxt:content-script-started" switched the extension off (marks ${marksBefore} -> ${marksAfter}, no card)`);
    } else {
      console.log('ok - the forged "content script started" event changed nothing');
    }
    return failed;
  }, async () => {
    await ff.close();
    await sites.close();
  });
}

void main();
