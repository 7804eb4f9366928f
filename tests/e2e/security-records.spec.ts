/**
 * Attacks 5–8 of issue 15: the page files itself as another site, floods "also in", switches the extension off through framework events; a compromised content script forges records, reads cards of entities not on its page and captures note.open.
 *
 * Each test performs the attack as the adversarial review ran it (docs/security-review.md) against
 * the built extension in a real Chromium, on site names resolved to the local fixture server
 * (tests/e2e/attack-sites.ts), and asserts the SAFE outcome. Harness: tests/e2e/attack-harness.ts.
 */
import {
  test,
  expect,
  send,
  importReaderData,
  hoverMention,
  waitForScan,
  extensionUiText,
  tabIdOf,
  inContentWorld,
  fromContentScript,
  readingIndex,
  inExtensionUi,
  SECRETS,
  leaked,
  kit,
  openHostile,
  happens,
  type Sites,
} from './attack-harness';

// ------------------------------------------------------------------------------------------------
// 5. File itself as another site: google.evil.test/amp/news.test:PORT/article-a.html.

function ampCopy(sites: Sites, secure = false): string {
  return sites.url('google.evil.test', `amp/${secure ? 's/' : ''}news.test:${sites.port}/article-a.html`);
}
const ATTACKER_TITLE = "Rajavi's movement collapses, delegates admit";

// On main: the reader's record of http://news.test:PORT/article-a.html got the attacker's title
// ("Rajavi's movement collapses, delegates admit"), shown in cards on other sites; the /amp/s/
// form filed a record under https://news.test:PORT/article-a.html, a URL the reader never opened.
test('attack 5a: an AMP-viewer look-alike host overwrites the reader’s record of a news.test article and upgrades it to https', async ({
  context,
  extensionPage,
  sites,
}) => {
  await importReaderData(extensionPage, sites);
  const real = sites.url('news.test', 'article-a.html');
  for (const secure of [false, true]) {
    const page = await context.newPage();
    await page.goto(ampCopy(sites, secure));
    await waitForScan(page, extensionPage);
    await page.close();
  }
  // Both visits were filed somewhere (under the attacker's own URLs once fixed).
  await expect.poll(async () => (await readingIndex(extensionPage)).filter((a) => a.title === ATTACKER_TITLE).length).toBe(2);
  const index = await readingIndex(extensionPage);
  const onNews = index.filter((a) => new URL(a.url).hostname === 'news.test');
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(onNews) });
  expect.soft(onNews.filter((a) => a.title === ATTACKER_TITLE), 'news.test records with the attacker’s title').toEqual([]);
  expect.soft(onNews.map((a) => a.url), 'news.test records').not.toContain(real.replace('http:', 'https:'));
  expect.soft(onNews.find((a) => a.url === real)?.title).toBe('Opposition delegates meet in Tirana');
  // And the card on another site shows the real article under its real title, and the
  // attacker's copies (the reader did open them) only under the attacker's own host.
  const card = await send(extensionPage, 'entity.card', { entityId: 'rajavi', pageUrl: sites.url('evil.test', 'x.html'), canonicalHref: null });
  const alsoIn = (card.value?.alsoIn ?? []) as { title: string; url: string; host: string }[];
  test.info().annotations.push({ type: 'card', description: JSON.stringify(alsoIn) });
  expect(alsoIn.find((a) => a.url === real)?.title).toBe('Opposition delegates meet in Tirana');
  expect(alsoIn.filter((a) => a.title === ATTACKER_TITLE).map((a) => a.host)).toEqual(['google.evil.test', 'google.evil.test']);
});

// On main: the reader's saved quote of the real article ("met the resistance delegates in
// Tirana last week") was painted on the attacker's copy as `ncr-quote`, and read by the page
// from CSS.highlights.
test('attack 5b: the reader’s saved quote of the real article is painted on the attacker’s copy, which reads it', async ({
  context,
  extensionPage,
  sites,
}) => {
  await importReaderData(extensionPage, sites);
  // Positive control: on the real article the quote is found (so it could be found on a copy).
  const realPage = await context.newPage();
  await realPage.goto(sites.url('news.test', 'article-a.html'));
  const realTab = await tabIdOf(extensionPage, realPage);
  await expect
    .poll(() => extensionPage.evaluate((id) => chrome.tabs.sendMessage(id, { channel: 'ncr/1', type: 'quotes.status', payload: {} }), realTab))
    .toMatchObject({ ok: true, value: { found: ['quote-a'] } });
  await realPage.close();

  const page = await context.newPage();
  await page.goto(ampCopy(sites));
  await waitForScan(page, extensionPage);
  const quoteSeen = () => kit<Record<string, string[]>>(page, 'highlights').then((h) => Object.values(h).flat().some((t) => t.includes('Tirana last week')));
  const read = await happens(quoteSeen, 4_000);
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(await kit(page, 'highlights')) });
  expect(read, 'the copy read the reader’s saved quote from CSS.highlights').toBe(false);
});

// On main: with the copy open first and the real article second, "open note" in the popup
// (note.open) focused the copy's tab and painted and revealed the quote there.
test('attack 5c: opening the saved note focuses the attacker’s copy instead of the real page', async ({ context, extensionPage, sites }) => {
  await importReaderData(extensionPage, sites);
  const copy = await context.newPage();
  await copy.goto(ampCopy(sites));
  await waitForScan(copy, extensionPage);
  const copyTab = await tabIdOf(extensionPage, copy);
  const realPage = await context.newPage();
  await realPage.goto(sites.url('news.test', 'article-a.html'));
  await waitForScan(realPage, extensionPage);
  const realTab = await tabIdOf(extensionPage, realPage);
  await extensionPage.bringToFront();

  const opened = await send(extensionPage, 'note.open', { id: 'quote-a' });
  const active = await extensionPage.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify({ opened, active, copyTab, realTab }) });
  expect.soft(active, 'the tab focused for the note').not.toBe(copyTab);
  expect.soft(await kit<Record<string, string[]>>(copy, 'highlights').then((h) => Object.values(h).flat())).not.toContain(SECRETS.quote);
});

// ------------------------------------------------------------------------------------------------
// 6. Flood "also in".
// On main: one evil.test page planted 24 records with history.pushState in ~20 s (no limit);
// the card on news.test then showed 20 of 20 "also in" entries pointing to evil.test, each
// labelled "Reuters" (the host is never shown), the reader's 3 real articles crowded out; the
// U+202E in one site name reversed the card's own text after it (date and count).
test('attack 6: one SPA page floods "also in" with records labelled Reuters; U+202E reverses the card’s text', async ({
  context,
  extensionPage,
  extensionId,
  sites,
}) => {
  test.setTimeout(120_000);
  await importReaderData(extensionPage, sites);
  const flood = await context.newPage();
  await flood.goto(sites.url('evil.test', 'spa/start'));
  await waitForScan(flood, extensionPage);
  const FLOOD = 24;
  const started = Date.now();
  let planted = 0;
  for (let i = 0; i < FLOOD; i++) {
    const url = sites.url('evil.test', `spa/story-${i}`);
    await flood.evaluate(([i, site]) => (window as any).plant(i, site), [i, i === 0 ? 'Reuters\u202E' : 'Reuters'] as const);
    // Each story's record, as the reading index shows it (a bounded wait: once a limit refuses
    // them, the flood stops here).
    const filed = await happens(async () => (await readingIndex(extensionPage)).some((a) => a.url === url), 5_000);
    if (!filed) break;
    planted++;
  }
  const seconds = (Date.now() - started) / 1000;
  await flood.close();

  const page = await context.newPage();
  await page.goto(sites.url('news.test', 'article-a.html'));
  await waitForScan(page, extensionPage);
  const card = await hoverMention(page, extensionId, 'Maryam Rajavi', 'Also in');
  const lines = card.split('\n');
  const reuters = lines.filter((l) => l.includes('Reuters'));
  const summary = `${planted} records planted in ${seconds.toFixed(1)} s; card: ${reuters.length} "Reuters" lines, ${SECRETS.otherTitles.filter((t) => card.includes(t)).length} of 3 real articles`;
  test.info().annotations.push({ type: 'extracted', description: `${summary}\n${card}` });
  console.log(`attack 6: ${summary}`);

  // The text after the U+202E (the extension's own: date, count) still runs left to right.
  // FIXER: measured in the card's DOM (closed shadow root or extension frame).
  const reversed = await inExtensionUi(page, extensionId, (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
    const at = texts.findIndex((t) => t.data.includes('\u202E'));
    if (at === -1) return null;
    // The characters after it, up to the end of its line item.
    const item = texts[at]!.parentElement!.closest('li') ?? texts[at]!.parentElement!;
    const chars: { x: number }[] = [];
    for (let k = at; k < texts.length; k++) {
      const t = texts[k]!;
      if (!item.contains(t)) break;
      const from = k === at ? t.data.indexOf('\u202E') + 1 : 0;
      for (let i = from; i < t.data.length; i++) {
        if (!/[0-9A-Za-z]/.test(t.data[i]!)) continue;
        const r = document.createRange();
        r.setStart(t, i);
        r.setEnd(t, i + 1);
        const rect = r.getBoundingClientRect();
        if (rect.width > 0) chars.push({ x: rect.x });
      }
    }
    if (chars.length < 2) return null;
    return chars[0]!.x > chars[chars.length - 1]!.x;
  });

  test.info().annotations.push({ type: 'extracted', description: `U+202E reverses the text after it: ${JSON.stringify(reversed)}` });
  // Every outcome is checked (soft), so a partial fix shows what is left.
  // The limits: far fewer than FLOOD records from one page in a few seconds…
  expect.soft(planted, summary).toBeLessThan(FLOOD);
  // …the reader's own articles still in the card…
  for (const title of SECRETS.otherTitles) expect.soft(card, summary).toContain(title);
  // …every claimed "Reuters" shown with the real host…
  for (const line of reuters) expect.soft(line, 'a "Reuters" entry shows its real host').toContain('evil.test');
  // …and a site name cannot turn the extension's own text around.
  expect.soft(reversed.filter((r) => r === true), 'the card’s text after U+202E runs right to left').toEqual([]);
  expect(reversed.some((r) => r !== null), 'the U+202E entry is in the card (the check above can fail)').toBe(true);
});

// ------------------------------------------------------------------------------------------------
// 7. Switch the extension off on itself.
// On main: `document.dispatchEvent(new CustomEvent('<id>:content:wxt:content-script-started',
// {detail: {contentScriptName: 'content', messageId: 'x'}}))` from the page invalidated the
// content script: every mark gone (CSS.highlights empty), no card on hover, the content script
// no longer answers the extension.
test('attack 7a: a page-dispatched WXT "content script started" event switches the extension off', async ({
  context,
  extensionPage,
  extensionId,
  sites,
}) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const marksBefore = await waitForScan(page, extensionPage);
  await kit(page, 'invalidate', extensionId);
  // The reader hovers a mention: the card must still open.
  const p = await page.evaluate(() => {
    const r = document.createRange();
    const t = document.querySelector('article p')!.firstChild as Text;
    r.setStart(t, 0);
    r.setEnd(t, 'Maryam Rajavi'.length);
    const q = r.getBoundingClientRect();
    return { x: q.x + q.width / 2, y: q.y + q.height / 2 };
  });
  await page.mouse.move(p.x - 30, p.y - 30);
  await page.mouse.move(p.x, p.y, { steps: 3 });
  const cardOpened = await happens(async () => (await extensionUiText(page, extensionId)).includes(SECRETS.rajaviNote), 5_000);
  const tabId = await tabIdOf(extensionPage, page);
  const stats = await extensionPage.evaluate(
    (id) => chrome.tabs.sendMessage(id, { channel: 'ncr/1', type: 'page.stats', payload: {} }).catch((e: Error) => ({ ok: false, error: String(e) })),
    tabId,
  );
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify({ marksBefore, cardOpened, stats, pageHighlights: await kit(page, 'highlights') }) });
  expect.soft(cardOpened, 'the card opens after the forged event').toBe(true);
  expect.soft(stats, 'the content script still answers').toMatchObject({ ok: true, value: { marks: marksBefore } });
});

// On main: each page-dispatched `<id>:content:wxt:locationchange` event made the content script
// start over (a full rescan and a new report): 5 events, 5 more scans.
test('attack 7b: a page-dispatched WXT "location changed" event forces rescans', async ({ context, extensionPage, extensionId, sites }) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const tabId = await tabIdOf(extensionPage, page);
  const scans = async () =>
    ((await extensionPage.evaluate((id) => chrome.tabs.sendMessage(id, { channel: 'ncr/1', type: 'page.stats', payload: {} }), tabId)) as { value: { scans: number } })
      .value.scans;
  const before = await scans();
  for (let i = 0; i < 5; i++) {
    await kit(page, 'locationChanged', extensionId);
    // One at a time: each forged event waits out the settle delay, then rescans.
    if (!(await happens(async () => (await scans()) > before + i, 2_500))) break;
  }
  const after = await scans();
  test.info().annotations.push({ type: 'extracted', description: `scans before ${before}, after 5 forged events ${after}` });
  expect(after, 'scans after 5 forged location changes').toBe(before);
});

// ------------------------------------------------------------------------------------------------
// 8. A compromised content script (renderer exploit): messages sent from the content script's
// isolated world on evil.test, through CDP. The background must trust only what the browser says.

// On main: `page.report` with pageUrl http://news.test:PORT/article-a.html from evil.test
// replaced the reader's record (title "Forged title"), recorded: true.
test('attack 8a: page.report with a forged pageUrl overwrites another site’s record', async ({ context, extensionPage, sites }) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const real = sites.url('news.test', 'article-a.html');
  const reply = await fromContentScript(page, 'page.report', {
    pageUrl: real, canonicalHref: null, ogUrl: null, title: 'Forged title', site: 'News Test',
    mentions: [{ entityId: 'rajavi', count: 1, snippet: 'forged' }],
  });
  const record = (await readingIndex(extensionPage)).find((a) => a.url === real);
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify({ reply, record }) });
  expect(record?.title).toBe('Opposition delegates meet in Tirana');
});

// On main: 300 `page.report`s with forged URLs (news.test/forged-N.html) from one tab: 300
// records written in about 1 s, no limit.
test('attack 8b: a content script writes 300 forged records at once, no rate limit', async ({ context, extensionPage, sites }) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const before = (await readingIndex(extensionPage)).length;
  const t0 = Date.now();
  const replies = (await inContentWorld(
    page,
    `Promise.all(Array.from({ length: 300 }, (_, i) => chrome.runtime.sendMessage({ channel: 'ncr/1', type: 'page.report', payload: {
      pageUrl: ${JSON.stringify(sites.url('news.test', 'forged-'))} + i + '.html', canonicalHref: null, ogUrl: null,
      title: 'Forged ' + i, site: 'Reuters', mentions: [{ entityId: 'rajavi', count: 1, snippet: 'forged' }] } })))`,
  )) as { ok: boolean; value?: { recorded: boolean } }[];
  const ms = Date.now() - t0;
  const added = (await readingIndex(extensionPage)).length - before;
  const summary = `${replies.filter((r) => r.value?.recorded).length} of 300 recorded, ${added} new records, in ${ms} ms`;
  test.info().annotations.push({ type: 'extracted', description: summary });
  console.log(`attack 8b: ${summary}`);
  expect(added, summary).toBeLessThanOrEqual(10);
});

// On main: 40 `discover.page` requests with forged pageUrls (news.test/seen-N.html) made an
// unknown name "seen in 41 articles you read" (recordSuggestions trusts the payload's URL).
test('attack 8c: discover.page with forged pageUrls inflates "seen in N articles"', async ({ context, extensionPage, sites }) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const text = 'Prime Minister Borislav Quantrell said on Monday that Borislav Quantrell would resign. Quantrell spoke in Vienna.';
  const ask = (pageUrl: string) => fromContentScript(page, 'discover.page', { pageUrl, canonicalHref: null, chunks: [{ text, blockStart: true }] });
  for (let i = 0; i < 40; i++) {
    const r = await ask(sites.url('news.test', `seen-${i}.html`));
    expect(r.ok, r.error).toBe(true);
  }
  const last = await ask(sites.url('evil.test', 'state-news.html'));
  const seen = (last.value?.suggestions ?? []).map((s: { name: string; seenIn: number }) => ({ name: s.name, seenIn: s.seenIn }));
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(seen) });
  expect(seen.length, 'the text has a suggestion (the check can fail)').toBeGreaterThan(0);
  for (const s of seen) expect(s.seenIn, s.name).toBeLessThanOrEqual(2);
});

// On main: `entity.card` for 'ncri' (named nowhere on evil.test) returned the entity with its
// note "SECRET-NOTE-9902 …" and the titles and sites of the 3 articles the reader read about it.
test('attack 8d: entity.card answers for an entity not on the sender’s page', async ({ context, extensionPage, sites }) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const reply = await fromContentScript(page, 'entity.card', { entityId: 'ncri', pageUrl: sites.url('evil.test', 'state-news.html'), canonicalHref: null });
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(reply) });
  expect(leaked(JSON.stringify(reply), [SECRETS.ncriNote, ...SECRETS.otherTitles])).toEqual([]);
  // It still answers for an entity its page names (the check above can fail for the right reason).
  const own = await fromContentScript(page, 'entity.card', { entityId: 'rajavi', pageUrl: sites.url('evil.test', 'state-news.html'), canonicalHref: null });
  expect(JSON.stringify(own)).toContain(SECRETS.rajaviNote);
});

// On main: the content script on evil.test answered `page.identify` with news.test's
// article-a URL (a listener in the isolated world replying first); "open note" focused the
// evil.test tab and sent it `quotes.show` with the reader's quote and its context
// ("The foreign minister said she had " + "met the resistance delegates in Tirana last week" + …).
test('attack 8e: a forged page.identify reply captures note.open: focus and the reader’s quote', async ({ context, extensionPage, sites }) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const evilTab = await tabIdOf(extensionPage, page);
  await inContentWorld(
    page,
    `(() => {
      globalThis.__captured = [];
      chrome.runtime.onMessage.addListener((msg, sender, reply) => {
        if (!msg || msg.channel !== 'ncr/1') return false;
        if (msg.type === 'page.identify') { reply({ ok: true, value: { pageUrl: ${JSON.stringify(sites.url('news.test', 'article-a.html'))}, canonicalHref: null, ogUrl: null } }); return false; }
        if (msg.type === 'quotes.show') { globalThis.__captured.push(msg.payload); reply({ ok: true, value: { found: msg.payload.quotes.map((q) => q.id), missing: [] } }); return false; }
        if (msg.type === 'quote.reveal') { reply({ ok: true, value: { found: true } }); return false; }
        return false;
      });
      return true;
    })()`,
  );
  await extensionPage.bringToFront();
  const opened = await send(extensionPage, 'note.open', { id: 'quote-a' });
  const captured = await inContentWorld(page, 'globalThis.__captured');
  const active = await extensionPage.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify({ opened: opened.value?.status, active, evilTab, captured }) });
  expect.soft(leaked(JSON.stringify(captured), [SECRETS.quote, 'The foreign minister said']), 'what the forged tab received').toEqual([]);
  expect.soft(active, 'the tab focused for the note').not.toBe(evilTab);
});
