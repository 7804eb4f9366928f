/**
 * Attacks 1–4 of issue 15: the page reads the open card, what the reader selects, copies and types there, hijacks its links, and lists the glossary through the marks.
 *
 * Each test performs the attack as the adversarial review ran it (docs/security-review.md) against
 * the built extension in a real Chromium, on site names resolved to the local fixture server
 * (tests/e2e/attack-sites.ts), and asserts the SAFE outcome. Harness: tests/e2e/attack-harness.ts.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  send,
  importReaderData,
  hoverMention,
  waitForCard,
  extensionUiText,
  uiTextRects,
  scrollUiTextIntoView,
  tabIdOf,
  SECRETS,
  leaked,
  CARD_SECRETS,
  kit,
  openHostile,
} from './attack-harness';

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

  await scrollUiTextIntoView(page, extensionId, SECRETS.otherTitles[0]!);
  const [link] = await uiTextRects(page, extensionId, SECRETS.otherTitles[0]!);
  const destination = sites.url('news.test', 'reading/0.html');
  const before = sites.requests.length;
  // The reader's pointer travels onto the card (it stays open) and clicks the link.
  await page.mouse.move(link!.x + 4, link!.y + link!.height / 2, { steps: 5 });
  await page.mouse.click(link!.x + 4, link!.y + link!.height / 2);

  // Either the article opens (in this tab or another, through the extension) or the phishing
  // page is requested: wait for whichever comes first.
  const phished = () => sites.requests.slice(before).filter((r) => r.includes('/phish.html'));
  const arrived = () => context.pages().some((p) => p.url() === destination);
  await expect
    .poll(() => phished().length > 0 || arrived(), { message: `the click led somewhere (link at ${JSON.stringify(link)}; requests after: ${JSON.stringify(sites.requests.slice(before))}; tabs: ${JSON.stringify(context.pages().map((p) => p.url()))})` })
    .toBe(true);
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
