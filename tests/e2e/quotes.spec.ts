/**
 * Saved quotes, content-script side: a selection becomes a quote selector with the entities it
 * mentions; the quote is found again and marked on the page, also after the text changed a
 * little; a quote whose paragraph is gone is reported missing.
 */
import { test, expect, importSampleGlossary, selectText, send, tabIdOf, waitForMarks } from './fixtures';
import { sendToTab } from './messages';
import { overlayTexts } from './content-world';

const QUOTE = 'The uprising and the rising popularity of the MEK and the National Council of Resistance of Iran are a major threat';

test('a selection is captured as a quote and found again, even after an edit', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('seed-article.html'));
  await waitForMarks(page);
  await selectText(page, QUOTE);
  const tabId = await tabIdOf(extensionPage, page);

  const captured = await sendToTab(extensionPage, tabId, 'selection.capture', {});
  expect(captured.ok).toBe(true);
  const { selection, page: meta } = captured.value;
  if (!selection) throw new Error('no selection captured');
  expect(selection.selector.exact).toBe(QUOTE);
  expect(selection.selector.prefix.length).toBeGreaterThan(10);
  expect(meta.title).toContain('Why Khamenei Finally Broke');
  // Both organisations named in the quote are linked to it.
  const names = (await send(extensionPage, 'entity.get', { ids: selection.entityIds })).value.map((e: { name: string }) => e.name).sort();
  expect(names).toEqual(['National Council of Resistance of Iran', "People's Mojahedin Organization of Iran"]);

  // Found and marked as is.
  await page.evaluate(() => getSelection()!.removeAllRanges());
  const shown = await sendToTab(extensionPage, tabId, 'quotes.show', { quotes: [{ id: 'n1', selector: selection.selector }] });
  expect(shown.value).toEqual({ found: ['n1'], missing: [] });
  const marked = async () => (await overlayTexts(page, /^quote$/)).quote ?? [];
  expect(await marked()).toEqual([QUOTE]);

  // The article changed a little: a word edited, a paragraph added above.
  await page.evaluate(() => {
    const p = [...document.querySelectorAll('p')].find((p) => p.textContent!.includes('rising popularity'))!;
    p.textContent = p.textContent!.replace('rising popularity', 'growing popularity');
    document.querySelector('article')!.insertAdjacentHTML('afterbegin', '<p>Update: this article was revised.</p>');
  });
  const again = await sendToTab(extensionPage, tabId, 'quotes.show', { quotes: [{ id: 'n1', selector: selection.selector }] });
  expect(again.value).toEqual({ found: ['n1'], missing: [] });
  expect((await marked())[0]).toContain('growing popularity of the MEK');
  expect((await sendToTab(extensionPage, tabId, 'quote.reveal', { id: 'n1' })).value).toEqual({ found: true });

  // The paragraph is gone: the quote is reported missing, nothing is marked in its place.
  await page.evaluate(() => [...document.querySelectorAll('p')].find((p) => p.textContent!.includes('are a major threat'))!.remove());
  const gone = await sendToTab(extensionPage, tabId, 'quotes.show', { quotes: [{ id: 'n1', selector: selection.selector }] });
  expect(gone.value).toEqual({ found: [], missing: ['n1'] });
});

test('nothing selected captures nothing', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('seed-article.html'));
  await waitForMarks(page);
  const tabId = await tabIdOf(extensionPage, page);
  const captured = await sendToTab(extensionPage, tabId, 'selection.capture', {});
  expect(captured.value.selection).toBeNull();
});
