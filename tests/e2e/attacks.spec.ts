/**
 * The attacks of issue 15 ("Nothing for the page to read or forge"), each performed as the
 * adversarial review performed it, against the built extension in a real Chromium, on three
 * site names resolved to the local fixture server (tests/e2e/attack-sites.ts):
 *
 *   news.test         the reader's news site (the victim)
 *   evil.test         a hostile site (a state-run outlet watching its readers)
 *   google.evil.test  the same adversary posing as an AMP viewer
 *
 * Each test asserts the SAFE outcome: it fails while the attack works. On the main branch of
 * 2026-12 (f7b1a89) every test here fails; what the attack extracted there is recorded in the
 * comment above each test and in docs/security-review.md. The fixes (issue 15) make them pass.
 *
 * Run one attack alone:   npx playwright test tests/e2e/attacks.spec.ts -g "attack 4a"
 * Run them all:           npm run test:attacks   (needs `npx wxt build` first)
 *
 * What each test looks at:
 *  - what the PAGE learned, through its own scripts (tests/fixtures/attacks/kit.js): that is the
 *    point of the attack, and it stays valid whatever the fix;
 *  - what the EXTENSION shows, through CDP and Playwright frames (extensionUiText): today's card
 *    is in a closed shadow root, after the fix it is expected in an extension-origin iframe; both
 *    are read. Where a fix may move things (marks drawn outside CSS.highlights, the card in a
 *    frame), the comment "FIXER:" says what the harness may need to learn.
 *  - the reader's data, through the protocol from an extension page (the options page).
 */
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  send,
  importReaderData,
  hoverMention,
  waitForScan,
  waitForCard,
  extensionUiText,
  uiTextRects,
  tabIdOf,
  inContentWorld,
  fromContentScript,
  readingIndex,
  inExtensionUi,
  SECRETS,
  type Sites,
} from './attack-harness';

/** The secrets that appear in a string. */
function leaked(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s));
}

const CARD_SECRETS = [SECRETS.rajaviNote, SECRETS.rajaviAlias, ...SECRETS.otherTitles, ...SECRETS.otherSites];

function kit<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([fn, args]) => (window as any).kit[fn as string](...(args as unknown[])), [fn, args] as const);
}

async function openHostile(context: import('@playwright/test').BrowserContext, extensionPage: Page, sites: Sites, path = 'state-news.html'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(sites.url('evil.test', path));
  await waitForScan(page, extensionPage);
  return page;
}

/** A bounded wait for something that must NOT happen: true if it happened within `ms`. */
async function happens(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  return expect
    .poll(check, { timeout: ms })
    .toBe(true)
    .then(
      () => true,
      () => false,
    );
}

// ------------------------------------------------------------------------------------------------
// 1. Read the open card.
// On main: the page read, after `window.find('Also in')` and extending the selection to each
// document boundary: "ALSO IN / Opposition delegates meet in Tirana / News Test · … / Exiles meet
// in Paris / Paris Courier Test · … / Tirana hearing on the 1988 massacre / … / Inside the
// Ashraf-3 camp / Balkan Insight Test …" and "Maryam Rajavi / PERSON / Also known as Rajavi ·
// Zorblax Quenteminor / SECRET-NOTE-7731: the reader's private assessment." — every secret.
test('attack 1: the page reads the open card with window.find() and a selection extended to the document boundary', async ({
  context,
  extensionPage,
  extensionId,
  sites,
}) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  // The reader rests the pointer on a mark; the card with the private note is open.
  await hoverMention(page, extensionId, 'Maryam Rajavi', SECRETS.rajaviNote);
  const stolen = await kit<string>(page, 'readOpenCard');
  test.info().annotations.push({ type: 'extracted', description: stolen });
  expect(leaked(stolen, CARD_SECRETS), `the page read: ${JSON.stringify(stolen)}`).toEqual([]);
  // The card was open all along (the check above could fail).
  expect(await extensionUiText(page, extensionId)).toContain(SECRETS.rajaviNote);
});

// ------------------------------------------------------------------------------------------------
// 2. Read what the reader selects or copies in the card, and what they type there.
// On main: `selectionchange` on document gave the reader's selection in the card ("SECRET-NOTE-
// 7731: the reader's private assessment."), a capture-phase `copy` listener on window gave the
// same text when the reader pressed Ctrl+C.
test('attack 2a: the page reads what the reader selects and copies in the card', async ({ context, extensionPage, extensionId, sites }) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  await kit(page, 'spy');
  await hoverMention(page, extensionId, 'Maryam Rajavi', SECRETS.rajaviNote);

  // The reader drags across their note in the card, and copies it.
  const [rect] = await uiTextRects(page, extensionId, SECRETS.rajaviNote);
  expect(rect, 'the note is shown in the card').toBeTruthy();
  const y = rect!.y + rect!.height / 2;
  await page.mouse.move(rect!.x + 1, y);
  await page.mouse.down();
  await page.mouse.move(rect!.x + rect!.width - 1, y, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('Control+C');
  // The card is still open, with the note (the reader did select in it).
  expect(await extensionUiText(page, extensionId)).toContain(SECRETS.rajaviNote);

  const spied = await kit<{ selections: string[]; copies: string[] }>(page, 'spied');
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(spied) });
  expect.soft(leaked(spied.selections.join('\n'), CARD_SECRETS), `selections the page saw: ${JSON.stringify(spied.selections)}`).toEqual([]);
  expect.soft(leaked(spied.copies.join('\n'), CARD_SECRETS), `copies the page saw: ${JSON.stringify(spied.copies)}`).toEqual([]);
});

// On main: capture-phase keydown listeners on window logged "my private comment on rajavi"
// typed into the card's note form, and "the composer comment" typed into the note composer.
test('attack 2b: the page logs the keys typed into the card’s note form and the note composer', async ({ context, extensionPage, extensionId, sites }) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const tabId = await tabIdOf(extensionPage, page);
  await kit(page, 'spy');

  // The card's "Add note": the reader clicks it and types a note about the entity.
  await hoverMention(page, extensionId, 'Maryam Rajavi', SECRETS.rajaviNote);
  const [button] = await uiTextRects(page, extensionId, 'Add note');
  await page.mouse.click(button!.x + button!.width / 2, button!.y + button!.height / 2);
  await waitForCard(page, extensionId, 'Your note about Maryam Rajavi');
  await page.keyboard.type('my private comment on rajavi');

  // The composer: the reader selects a passage, saves it (shortcut / menu), and types a comment.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.evaluate(() => {
    const p = document.querySelectorAll('article p')[1]!;
    getSelection()!.selectAllChildren(p);
  });
  const saved = await send(extensionPage, 'note.saveSelection', { tabId });
  expect(saved.value?.status, JSON.stringify(saved)).toBe('saved');
  await waitForCard(page, extensionId, 'Note saved');
  await page.keyboard.type('the composer comment');

  const spied = await kit<{ typed: string; inputs: string }>(page, 'spied');
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(spied) });
  expect.soft(spied.typed + spied.inputs, 'keys the page logged').not.toContain('private comment');
  expect.soft(spied.typed + spied.inputs, 'keys the page logged').not.toContain('composer comment');
});

// ------------------------------------------------------------------------------------------------
// 3. Hijack the card's "Also in" links.
// On main: the reader clicked "Opposition delegates meet in Tirana" in the card; the page's
// Navigation API listener saw http://news.test:PORT/article-a.html, cancelled the navigation and
// sent the reader to http://evil.test:PORT/phish.html?stolen=http%3A%2F%2Fnews.test%3A…
test('attack 3: the page’s navigate listener sees where a card link goes, cancels it and phishes', async ({ context, extensionPage, extensionId, sites }) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const phish = sites.url('evil.test', 'phish.html');
  await kit(page, 'hijack', phish);
  await hoverMention(page, extensionId, 'Maryam Rajavi', SECRETS.otherTitles[0]!);

  const [link] = await uiTextRects(page, extensionId, SECRETS.otherTitles[0]!);
  const destination = sites.url('news.test', 'reading/0.html');
  const before = sites.requests.length;
  await page.mouse.click(link!.x + 4, link!.y + link!.height / 2);

  // Either the article opens (in this tab or another, through the extension) or the phishing
  // page is requested: wait for whichever comes first.
  const phished = () => sites.requests.slice(before).filter((r) => r.includes('/phish.html'));
  const arrived = () => context.pages().some((p) => p.url() === destination);
  await expect.poll(() => phished().length > 0 || arrived(), { message: 'the click led somewhere' }).toBe(true);
  test.info().annotations.push({ type: 'extracted', description: phished().join('\n') });
  expect(phished(), 'the phishing page received the destination').toEqual([]);
  await expect.poll(arrived).toBe(true);
});

// ------------------------------------------------------------------------------------------------
// 4. List the whole glossary through CSS.highlights.

/** Deterministic made-up names (no real word), from a seed. */
function names(seed: number, count: number): string[] {
  const syl = ['ka', 'vor', 'in', 'tel', 'mas', 'qu', 'ren', 'dol', 'fi', 'zan', 'bro', 'mek', 'sul', 'ta', 'rix', 'ol', 'pav', 'ne', 'gri', 'sto'];
  let x = seed >>> 0;
  const rnd = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const word = () => {
    const n = 2 + Math.floor(rnd() * 2);
    let w = '';
    for (let i = 0; i < n; i++) w += syl[Math.floor(rnd() * syl.length)];
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const out = new Set<string>();
  while (out.size < count) out.add(`${word()} ${word()}`);
  return [...out];
}

const TYPES = ['person', 'organization', 'event', 'other'] as const;
const GLOSSARY_SIZE = Number(process.env.ATTACK_GLOSSARY_SIZE ?? 1000);

/** A generated glossary: GLOSSARY_SIZE entities, every 4th with one alias. */
function generatedGlossary(): { entities: { name: string; type: string; aliases: { text: string }[] }[]; decoys: string[] } {
  const pool = names(7, Math.ceil(GLOSSARY_SIZE * 1.25) + GLOSSARY_SIZE * 1.25);
  const take = Math.ceil(GLOSSARY_SIZE * 1.25);
  const real = pool.slice(0, take);
  const decoys = pool.slice(take);
  let a = GLOSSARY_SIZE;
  const entities = Array.from({ length: GLOSSARY_SIZE }, (_, i) => ({
    name: real[i]!,
    type: TYPES[i % TYPES.length]!,
    aliases: i % 4 === 0 && a < real.length ? [{ text: real[a++]! }] : [],
  }));
  return { entities, decoys };
}

async function importGenerated(extensionPage: Page) {
  const g = generatedGlossary();
  const text = JSON.stringify({ format: 'news-context-reader/glossary', version: 1, entities: g.entities });
  const reply = await send(extensionPage, 'glossary.import', { text });
  expect(reply.ok, reply.error).toBe(true);
  // Suggestions off: discovery would only slow every rescan down (the attack works either way).
  expect((await send(extensionPage, 'settings.update', { patch: { suggestions: 'off' } })).ok).toBe(true);
  return g;
}

function shuffled<T>(items: T[], seed = 3): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// On main (1,000 entities, 1,250 names, 1,250 decoys): the page recovered 1,252 of 1,252 glossary
// names (the generated ones and the reader's secret aliases) with their types, 0 false positives,
// in about 6 s (batches of 400 candidates in an invisible box). See docs/security-review.md.
test('attack 4a: the page lists the whole glossary, with types, by swapping candidate names into an invisible box', async ({
  context,
  extensionPage,
  sites,
}) => {
  test.setTimeout(120_000);
  await importReaderData(extensionPage, sites);
  const g = await importGenerated(extensionPage);
  const glossaryNames = [...g.entities.flatMap((e) => [e.name, ...e.aliases.map((x) => x.text)]), SECRETS.rajaviAlias, SECRETS.mekAlias];
  const candidates = shuffled([...glossaryNames, ...g.decoys]);
  const page = await openHostile(context, extensionPage, sites);

  const result = await kit<{ found: { name: string; type: string }[]; batches: number; ms: number }>(page, 'enumerate', candidates, 400);
  const inGlossary = new Set(glossaryNames);
  const right = result.found.filter((f) => inGlossary.has(f.name));
  const typeOf = new Map(g.entities.flatMap((e) => [e.name, ...e.aliases.map((x) => x.text)].map((n) => [n, e.type] as const)));
  const typedRight = right.filter((f) => (typeOf.get(f.name) ?? f.type) === f.type).length;
  const summary = `recovered ${right.length} of ${glossaryNames.length} glossary names (${typedRight} with the right type), ${result.found.length - right.length} false positives, from ${candidates.length} candidates in ${result.batches} batches, ${(result.ms / 1000).toFixed(1)} s`;
  test.info().annotations.push({ type: 'extracted', description: summary });
  console.log(`attack 4a: ${summary}`);
  expect(right.map((f) => f.name), summary).toEqual([]);
});

// On main: with density "first per paragraph", paragraphs "Maryam Rajavi; <name>" left
// "Rajavi" and "Zorblax Quenteminor" unmarked — the page learned they name the same person —
// and likewise the alias of each generated entity asked about.
test('attack 4b: with density "first per paragraph" the page learns which names are aliases of one entity', async ({ context, extensionPage, sites }) => {
  await importReaderData(extensionPage, sites);
  const g = await importGenerated(extensionPage);
  expect((await send(extensionPage, 'settings.update', { patch: { markDensity: 'first-per-paragraph' } })).ok).toBe(true);
  const page = await openHostile(context, extensionPage, sites);
  // The names of persons the page already knows are in the glossary (attack 4a gives them all).
  const persons = g.entities.filter((e) => e.type === 'person');
  const personNames = [...persons.flatMap((e) => [e.name, ...e.aliases.map((x) => x.text)]), 'Rajavi', SECRETS.rajaviAlias];
  const withAlias = persons.filter((e) => e.aliases.length).slice(0, 3);

  const learned: Record<string, string[] | null> = {};
  for (const target of ['Maryam Rajavi', ...withAlias.map((e) => e.name)]) {
    learned[target] = await kit<string[] | null>(page, 'sameEntityAs', target, personNames.filter((n) => n !== target));
  }
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(learned) });
  for (const [target, same] of Object.entries(learned)) {
    expect(same ?? [], `names the page learned are "${target}" too`).toEqual([]);
  }
});

// On main: the page measured the card's host element: 4 "also in" articles -> a card about
// 100 px taller than the same card with none (the host's size is the card's size).
test('attack 4c: the card’s size tells the page how many other articles the reader read about an entity', async ({
  context,
  extensionPage,
  extensionId,
  sites,
}) => {
  await importReaderData(extensionPage, sites);
  const page = await openHostile(context, extensionPage, sites);
  const sizes: Record<string, { width: number; height: number }[]> = {};
  // Same name length, aliases and note length; Maryam Rajavi has 4 other articles, Hadrian Volkov none.
  for (const [name, marker] of [
    ['Maryam Rajavi', SECRETS.otherTitles[0]!],
    ['Hadrian Volkov', 'No other article'],
  ] as const) {
    await hoverMention(page, extensionId, name, marker);
    const boxes = await kit<{ width: number; height: number; visible: string }[]>(page, 'foreignBoxes');
    sizes[name] = boxes.filter((b) => b.visible === 'visible' && b.height > 0).map(({ width, height }) => ({ width, height }));
    await page.mouse.move(5, 5);
    await expect.poll(() => extensionUiText(page, extensionId)).not.toContain(marker);
  }
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(sizes) });
  expect(sizes['Maryam Rajavi']!.length, 'the page sees an element of the extension').toBeGreaterThan(0);
  expect(sizes['Maryam Rajavi'], 'what the page measures with 4 other articles vs none').toEqual(sizes['Hadrian Volkov']);
});

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
  // And the card on another site still shows the real title.
  const card = await send(extensionPage, 'entity.card', { entityId: 'rajavi', pageUrl: sites.url('evil.test', 'x.html'), canonicalHref: null });
  expect(card.value.alsoIn.map((a: { title: string }) => a.title)).not.toContain(ATTACKER_TITLE);
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
    await flood.evaluate(([i, site]) => (window as any).plant(i, site), [i, i === FLOOD - 1 ? 'Reuters\u202E' : 'Reuters'] as const);
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

// ------------------------------------------------------------------------------------------------
// 9. The smaller ones (the full disk's words: tests/unit/security/attacks.test.ts).

async function openOptions(context: import('@playwright/test').BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
  await expect(page.getByText('Loading the glossary…')).toHaveCount(0);
  return page;
}

// On main: two options pages edit Maryam Rajavi's notes; the second "Save changes" silently
// overwrote the first (stored notes: "Edited in the second window."), no "changed elsewhere".
test('attack 9a: two options pages edit the same entity: the second save silently overwrites the first', async ({ context, extensionId, extensionPage, sites }) => {
  await importReaderData(extensionPage, sites);
  const [a, b] = [await openOptions(context, extensionId), await openOptions(context, extensionId)];
  const edit = async (page: Page) => {
    await page.bringToFront();
    const row = page.getByTestId('entity-row').filter({ has: page.getByTestId('entity-name').getByText('Maryam Rajavi', { exact: true }) });
    await row.getByRole('button', { name: 'Edit' }).click();
    return page.getByRole('form', { name: 'Edit Maryam Rajavi' });
  };
  const formA = await edit(a);
  const formB = await edit(b);
  await a.bringToFront();
  await formA.getByLabel('Notes', { exact: true }).fill('Edited in the first window.');
  await formA.getByRole('button', { name: 'Save changes' }).click();
  await expect(formA).toHaveCount(0);
  await b.bringToFront();
  await formB.getByLabel('Notes', { exact: true }).fill('Edited in the second window.');
  await formB.getByRole('button', { name: 'Save changes' }).click();

  // The second page is told, and nothing was overwritten.
  await expect.poll(async () => (await b.locator('body').innerText()).match(/changed elsewhere|changed in another/i) !== null || (await formB.count()) === 0).toBe(true);
  const stored = ((await send(extensionPage, 'entity.list', {})).value as { id: string; notes: string }[]).find((e) => e.id === 'rajavi')!;
  test.info().annotations.push({ type: 'extracted', description: `stored notes: ${stored.notes}` });
  expect(stored.notes).toBe('Edited in the first window.');
  await expect(b.getByText(/changed elsewhere|changed in another/i).first()).toBeVisible();
});

// On main: a 24-million-character file of CJK text (72 MB of UTF-8) passes the options page's
// 60-million-character check and fails in the browser's messaging (64 MiB) with
// the browser's own error, not a message that says the file is too large.
test('attack 9b: the import size limit counts characters, not the UTF-8 bytes messaging carries', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  const page = await openOptions(context, extensionId);
  const dir = await mkdtemp(join(tmpdir(), 'ncr-big-'));
  const path = join(dir, 'glossary.json');
  const notes = '\u6f22'.repeat(24_000_000);
  await writeFile(path, JSON.stringify({ format: 'news-context-reader/glossary', version: 1, entities: [{ name: 'Big', type: 'other', notes }] }));
  await page.getByLabel('Import glossary file').setInputFiles(path);
  const shown = page.getByRole('alert').or(page.getByTestId('import-error')).or(page.getByText(/too large|could not|failed|error/i)).first();
  await expect(shown).toBeVisible({ timeout: 60_000 });
  const said = await page.locator('body').innerText();
  test.info().annotations.push({ type: 'extracted', description: said.slice(0, 2000) });
  expect(said).not.toMatch(/Error in invocation|exceeded maximum allowed size/);
  expect(said).toMatch(/too large|at most/i);
  expect(said).toMatch(/MB|MiB|bytes/);
});

// On main: "Lone \uD800 surrogate" exported as CSV came back as "Lone \uFFFD surrogate".
test('attack 9c: a name with a lone surrogate does not survive a CSV export and import', async ({ context, extensionId, extensionPage }) => {
  const name = 'Lone \uD800 surrogate';
  const created = await send(extensionPage, 'entity.create', { input: { name, type: 'person' } });
  expect(created.ok, created.error).toBe(true);
  const page = await openOptions(context, extensionId);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /CSV/ }).click()]);
  const text = await readFile(await download.path(), 'utf8');
  // Import the file back into an empty glossary: the same name.
  expect((await send(extensionPage, 'entity.delete', { id: created.value.id })).ok).toBe(true);
  const preview = await send(extensionPage, 'import.preview', { text });
  expect(preview.value?.valid, JSON.stringify(preview)).toBe(true);
  expect((await send(extensionPage, 'import.commit', { token: preview.value.token, choices: { default: 'keep' } })).ok).toBe(true);
  const back = ((await send(extensionPage, 'entity.list', {})).value as { name: string }[]).map((e) => e.name);
  test.info().annotations.push({ type: 'extracted', description: JSON.stringify(back) });
  expect(back).toEqual([name]);
});
