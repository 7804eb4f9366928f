/**
 * The foundation path, end to end in Chromium with the built extension: a glossary, an article
 * with its mentions marked, a hover that shows the reader's note, and "also in" links to the
 * other articles read.
 */
import { test, expect, importSampleGlossary, markedTexts, paintedMarks, pointOfText, send, waitForMarks } from './fixtures';
import { tooltipLinks, tooltipText } from './shadow';
import { sendRaw } from './messages';
import { envelope } from '../../lib/messaging/envelope';

test('marks every mention on the sample article and leaves the page untouched', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('seed-article.html'));
  await waitForMarks(page);

  const texts = await markedTexts(page);
  const orgs = texts['organization'] ?? [];
  // The organisation under all its names, in headline, prose and possessive forms.
  expect(orgs).toContain('Mek');
  expect(orgs).toContain('Pmoi');
  expect(orgs).toContain('People’s Mojahedin Organization of Iran');
  expect(orgs).toContain('Mujahedin-e Khalq');
  // Every upper-case "MEK" word of the page (counted independently, by a plain regex) is marked.
  const mekWords = await page.evaluate(() => document.body.innerText.match(/(?<![\p{L}\p{N}])MEK(?![\p{L}\p{N}])/gu)?.length ?? 0);
  expect(mekWords).toBe(57);
  expect(orgs.filter((t) => t === 'MEK').length).toBe(mekWords);
  expect(orgs).not.toContain('MEKO');
  expect(orgs.some((t) => t.startsWith('MEKO'))).toBe(false);
  // People and events get their own style.
  expect(texts['person']).toContain('Maryam Rajavi');
  expect(texts['person']).toContain('Khamenei');
  expect(texts['event']).toContain('1988 massacre');
  // Longest match: the full corps name is one mark, not "Revolutionary Guard" inside it.
  expect(orgs).toContain('Islamic Revolutionary Guard Corps');
  expect(orgs).not.toContain('Revolutionary Guard Corps');

  // The page's own DOM is what the server sent: same text, same number of elements.
  const integrity = await page.evaluate(async () => {
    const original = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    return {
      sameText: original.body.textContent === document.body.textContent,
      live: document.getElementsByTagName('*').length,
      parsed: original.getElementsByTagName('*').length,
    };
  });
  expect(integrity.sameText).toBe(true);
  // One element more: the marks' overlay host under <html>, outside <body> (lib/dom/overlay-drawer.ts).
  expect(integrity.live).toBe(integrity.parsed + 1);
});

test('hovering a mention shows the note, aliases and the other articles that mention it', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);

  // First article: the sample. Visiting it records it in the reading index.
  const first = await context.newPage();
  await first.goto(server.url('seed-article.html'));
  await waitForMarks(first);
  const pRajavi = await pointOfText(first, 'Maryam Rajavi');
  await first.mouse.move(pRajavi.x, pRajavi.y);
  await expect.poll(() => tooltipText(first)).toContain('President-elect of the NCRI since 1993');
  const card = (await tooltipText(first))!;
  expect(card).toContain('Maryam Rajavi');
  expect(card).toContain('Person');
  expect(card).toContain('Mrs. Maryam Rajavi');
  // Nothing else read yet.
  expect(card).toContain('No other article you have read mentions it yet.');

  // Escape closes it.
  await first.keyboard.press('Escape');
  await expect.poll(() => tooltipText(first)).toBeNull();

  // Second article mentions the same organisation (spread over <em>, with a curly apostrophe).
  const second = await context.newPage();
  await second.goto(server.url('second-article.html'));
  await waitForMarks(second);
  const texts = await markedTexts(second);
  expect(texts['organization']).toContain('People’s Mojahedin Organization of Iran');
  // Both "<b>Maryam</b> Rajavi" and "<em>Maryam</em> <em>Rajavi</em>" (a name across elements).
  expect(texts['person']!.filter((t) => t === 'Maryam Rajavi')).toHaveLength(2);

  const pMek = await pointOfText(second, 'MEK');
  await second.mouse.move(pMek.x, pMek.y);
  await expect.poll(() => tooltipText(second)).toContain('Also in');
  await expect.poll(() => tooltipText(second)).toContain('Why Khamenei Finally Broke His Deadly Silence');
  const links = await tooltipLinks(second);
  const toFirst = links.find((l) => l.text.includes('Why Khamenei Finally Broke'));
  expect(toFirst?.href).toBe(server.url('seed-article.html'));
  expect(await tooltipText(second)).toContain('Iran Focus (sample)');

  // The pointer travels onto the card (it stays open) and follows the link.
  await second.mouse.move(toFirst!.x, toFirst!.y, { steps: 5 });
  await second.mouse.click(toFirst!.x, toFirst!.y);
  await second.waitForURL(server.url('seed-article.html'));
});

test('revisiting a page updates its reading-index entry instead of adding one', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const page = await context.newPage();
  for (let i = 0; i < 2; i++) {
    await page.goto(server.url(`second-article.html?utm_source=x&visit=${i}#section`));
    await waitForMarks(page);
  }
  // Ask the card of an entity from a third page: the second article appears once, canonical URL.
  const other = await context.newPage();
  await other.goto(server.url('seed-article.html'));
  await waitForMarks(other);
  const list = await send(extensionPage, 'entity.list', {});
  const mek = list.value.find((e: { name: string }) => e.name.startsWith('People'));
  const card = await send(extensionPage, 'entity.card', { entityId: mek!.id, pageUrl: server.url('seed-article.html'), canonicalHref: null });
  expect(card.ok).toBe(true);
  const urls = card.value!.alsoIn.map((a: { url: string }) => a.url);
  expect(urls).toEqual([server.url('second-article.html')]);
});

test('a page without mentions is not recorded and gets no marks', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('no-mentions.html'));
  // Give the content script time to scan; there must still be nothing.
  await page.waitForTimeout(500);
  expect(await paintedMarks(page)).toEqual({});
});

test('malformed and unknown messages get an error reply and change nothing', async ({ extensionPage }) => {
  await importSampleGlossary(extensionPage);
  const before = await send(extensionPage, 'entity.list', {});
  const bad = await Promise.all([
    send(extensionPage, 'entity.create', { input: { name: '', type: 'person' } }),
    sendRaw(extensionPage, envelope('entity.create', { input: { name: 'X', type: 'planet' } })),
    send(extensionPage, 'entity.delete', { id: 'no such id!' }),
    sendRaw(extensionPage, envelope('no.such.type', {})),
    sendRaw(extensionPage, { hello: 'world' }),
    sendRaw(extensionPage, envelope('entity.list', { extra: 1 })),
  ]);
  for (const reply of bad) {
    expect(reply.ok).toBe(false);
    expect(typeof reply.error).toBe('string');
  }
  const after = await send(extensionPage, 'entity.list', {});
  expect(after.value).toEqual(before.value);
});
