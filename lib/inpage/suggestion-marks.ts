/**
 * Suggestions on the page: the people, organisations and events it names that the glossary
 * does not hold. The page's visible text is read a slice at a time and sent to the background,
 * where discovery runs (never on the page's main thread); the answer is marked with a quiet
 * dotted underline, or only listed in the popup, as the reader chose.
 */
import { VisibleTextWalker } from '../dom/collect-text';
import { highlightsSupported } from '../dom/highlights';
import { SLICE_BUDGET_MS, yieldToBrowser, type CostMeter } from '../dom/time-slicer';
import type { SuggestionMode } from '../model/settings';
import type { TextChunk } from '../text/types';
import type { Suggestion } from '../messaging/discovery';

/** Generic registry name: "a suggested name is here", nothing more. */
export const SUGGESTION_HIGHLIGHT = 'ncr-suggestion';
/** Past this much text a page is not an article (a book, a log): no suggestions. */
const MAX_CHARS = 1_500_000;

type Ask = typeof import('../messaging/client').ask;

export class SuggestionMarks {
  private list: Suggestion[] = [];
  private readonly highlight: Highlight | null = highlightsSupported() ? new Highlight() : null;

  constructor(
    private readonly doc: Document,
    private readonly ask: Ask,
    private readonly exclude: () => Element | null,
  ) {}

  /** The suggestions of the last run, most named first. */
  get suggestions(): Suggestion[] {
    return this.list;
  }

  /**
   * Read the page, ask for suggestions, mark them (mode 'underline') except where a glossary
   * mark already is. `cancelled` stops a run made stale by a newer scan.
   */
  async run(mode: SuggestionMode, isMarked: (r: Range) => boolean, meter: CostMeter, cancelled: () => boolean): Promise<void> {
    this.clear();
    if (mode === 'off' || !this.doc.body) return;
    const chunks: TextChunk[] = [];
    const nodes: Text[] = [];
    let chars = 0;
    const walker = new VisibleTextWalker(this.doc.body, { exclude: this.exclude() });
    for (let done = false; !done; ) {
      meter.beginSlice();
      while (meter.sliceElapsed() < SLICE_BUDGET_MS) {
        const t = walker.next();
        if (!t) {
          done = true;
          break;
        }
        chunks.push({ text: t.node.data, blockStart: t.blockStart });
        nodes.push(t.node);
        chars += t.node.data.length;
      }
      meter.endSlice();
      if (chars > MAX_CHARS) return;
      if (!done) {
        await yieldToBrowser();
        if (cancelled()) return;
      }
    }
    if (!chunks.length) return;
    const reply = await this.ask('discover.page', { chunks });
    if (cancelled()) return;
    this.list = reply.suggestions.map(({ mentions: _m, ...s }) => s);
    if (mode !== 'underline' || !this.highlight) return;
    meter.measure(() => {
      for (const s of reply.suggestions) {
        for (const m of s.mentions) {
          const a = nodes[m.start.chunk];
          const b = nodes[m.end.chunk];
          if (!a || !b || m.start.offset > a.length || m.end.offset > b.length) continue;
          const range = this.doc.createRange();
          range.setStart(a, m.start.offset);
          range.setEnd(b, m.end.offset);
          if (!isMarked(range)) this.highlight!.add(range);
        }
      }
      if (this.highlight!.size) CSS.highlights.set(SUGGESTION_HIGHLIGHT, this.highlight!);
    });
  }

  clear(): void {
    this.list = [];
    this.highlight?.clear();
    if (highlightsSupported()) CSS.highlights.delete(SUGGESTION_HIGHLIGHT);
  }
}
