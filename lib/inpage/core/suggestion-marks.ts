/**
 * Suggestions on the page: the people, organisations and events it names that the glossary
 * does not hold. The text the glossary scan read (no second walk) is sent to the background,
 * where discovery runs (never on the page's main thread); the answer is marked with a quiet
 * dotted underline, or only listed in the popup, as the reader chose.
 */
import type { Overlay } from '../../dom/overlay';
import type { PageMetadata } from '../../dom/page-metadata';
import { processSliced, type CostMeter } from '../../dom/time-slicer';
import type { Piece, ReadText } from '../../dom/text-reader';
import { selectChunks } from '../../text/parts';
import type { SuggestionMode } from '../../model/settings';
import type { Suggestion } from '../../messaging/discovery';

/** The overlay's look for a suggested name (lib/dom/overlay.ts). */
export const SUGGESTION_LOOK = 'suggestion';
/**
 * At most this many suggested mentions are drawn on one page (the popup lists them all): each is
 * a live range the browser keeps up to date on every change of the page, and past a thousand
 * dotted hints a page is a list, not an article.
 */
const MAX_PAINTED = 1_000;
/** Past this much text a page is not an article (a book, a log): no suggestions. */
const MAX_CHARS = 1_500_000;

type Ask = import('../../messaging/page-client').PageAsk;

/**
 * The part of `read` that lies in the article (`inArticle` of each text's piece), for discovery:
 * on an article page the menus, share bars, rails, comments and footer name the site, its
 * sections and social networks, not the story's people, and discovery records what it finds
 * (issue 13 §2: furniture is neither marked nor recorded). Named as runs of the scan's texts
 * (the background kept the whole scan: nothing is sent again, and no chunk is built here unless
 * the background lost it). A text after a dropped one starts a block, so words on either side
 * of a dropped link are never joined.
 */
export function articleTextOf(read: ReadText, inArticle: (piece: Piece) => boolean): ReadText {
  const only: number[] = [];
  const pieces: ReadText['pieces'] = [];
  let runStart = -1;
  read.pieces.forEach((piece, i) => {
    if (inArticle(piece)) {
      if (runStart < 0) runStart = i;
      pieces.push(piece);
    } else if (runStart >= 0) {
      only.push(runStart, i - runStart);
      runStart = -1;
    }
  });
  if (runStart >= 0) only.push(runStart, read.pieces.length - runStart);
  // All of it is the article: the text as read.
  if (pieces.length === read.pieces.length) return read;
  // `chars` stays the whole text's: the size limit is about the page (and counting the
  // article's would build the chunks this avoids).
  return { scan: read.scan, only, pieces, chars: read.chars, chunks: () => selectChunks(read.chunks(), only) ?? [] };
}

export class SuggestionMarks {
  #list: Suggestion[] = [];
  #ranges: Range[] = [];
  readonly #ask: Ask;
  readonly #metadata: () => PageMetadata;
  readonly #overlay: Overlay;

  constructor(ask: Ask, metadata: () => PageMetadata, overlay: Overlay) {
    this.#ask = ask;
    this.#metadata = metadata;
    this.#overlay = overlay;
  }

  /** The suggestions of the last run, most named first. */
  get suggestions(): Suggestion[] {
    return this.#list;
  }

  /**
   * Ask for the suggestions of the page's text, mark them (mode 'underline') except where `skip`
   * says (a glossary mark is there, the text is hidden). An aborted `signal` stops a stale run.
   */
  async run(
    mode: SuggestionMode,
    text: ReadText,
    skip: (r: Range) => boolean,
    meter: CostMeter,
    signal: AbortSignal,
  ): Promise<void> {
    const cancelled = () => signal.aborted;
    // The previous suggestions stay until the new ones arrive (the popup never sees a gap).
    if (mode === 'off' || text.pieces.length === 0 || text.chars > MAX_CHARS) return this.clear();
    const { pageUrl, canonicalHref, ogUrl } = this.#metadata();
    const page = { pageUrl, canonicalHref, ogUrl, lang: document.documentElement.lang.slice(0, 35) || undefined };
    // The background kept the scan's text (page.match): name it rather than send it again.
    let reply = text.scan ? await this.#ask('discover.page', { ...page, scan: text.scan, ...(text.only && { only: text.only }) }) : null;
    if (cancelled()) return;
    if (!reply || !reply.textKept) {
      reply = await this.#ask('discover.page', { ...page, chunks: text.chunks() });
      if (cancelled()) return;
    }
    this.clear();
    this.#list = reply.suggestions.map(({ mentions: _m, ...s }) => s);
    if (mode !== 'underline') return;
    // Painted a few milliseconds at a time: a long page can name thousands of them.
    const mentions = reply.suggestions.flatMap((s) => s.mentions).slice(0, MAX_PAINTED);
    const ranges = this.#ranges;
    await processSliced(
      mentions,
      (m) => {
        const a = text.pieces[m.start.chunk];
        const b = text.pieces[m.end.chunk];
        if (!a || !b) return;
        const range = a.node.ownerDocument.createRange();
        try {
          range.setStart(a.node, a.base + m.start.offset);
          range.setEnd(b.node, b.base + m.end.offset);
        } catch {
          return; // the text changed meanwhile
        }
        if (skip(range)) return;
        ranges.push(range);
        this.#overlay.add(range, SUGGESTION_LOOK);
      },
      meter,
      cancelled,
    );
    if (cancelled()) for (const r of ranges) this.#overlay.delete(r);
  }

  clear(): void {
    this.#list = [];
    for (const r of this.#ranges) this.#overlay.delete(r);
    this.#ranges = [];
  }
}
