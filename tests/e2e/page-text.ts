/**
 * Functions that run inside a page (passed to page.evaluate by Playwright or puppeteer), shared by
 * the tests, `npm start` and the Firefox smoke test. Each is self-contained: only its source
 * travels to the page.
 */

/** The centre of the first line of the nth occurrence of `text`, scrolled to mid-screen; null if absent. */
export function centreOfText([text, nth]: readonly [string, number]): { x: number; y: number } | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = (n as Text).data.indexOf(text); i !== -1; i = (n as Text).data.indexOf(text, i + 1)) {
      if (seen++ !== nth) continue;
      (n.parentElement as Element).scrollIntoView({ block: 'center' });
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + text.length);
      const rect = r.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
  }
  return null;
}

/** Select the first occurrence of `text` (within one text node); false if absent. */
export function selectTextInPage(text: string): boolean {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(text);
    if (i === -1) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + text.length);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(r);
    return true;
  }
  return false;
}
