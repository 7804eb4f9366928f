/**
 * Saved notes on the page, through the lazily loaded in-page UI: the selection captured as a
 * quote (with the entities it mentions), quotes saved earlier marked again, and the note
 * composer shown after "Save note". Nothing here is loaded until the reader saves a note or
 * the page has saved quotes.
 */
import type { QuoteSelector } from '../../model/quote';
import type { RequestOf, ToContent } from '../../messaging/protocol';
import type { CostMeter } from '../../dom/time-slicer';
import type { QuoteMarks } from '../ui/quote-marks';
import type { NoteComposerHost } from '../ui/note-composer';
import type { MarkLayer } from './mark-layer';
import type { Overlay } from '../../dom/overlay';
import { loadInpageUi } from './ui-loader';

export class PageNotes {
  #quotes: QuoteMarks | null = null;
  #quotesLoading: Promise<QuoteMarks> | null = null;
  #composer: NoteComposerHost | null = null;
  readonly #doc: Document;
  readonly #win: Window;
  readonly #marks: MarkLayer;
  readonly #overlay: Overlay;
  readonly #meter: CostMeter;
  readonly #ownElement: () => Element | null;

  constructor(
    doc: Document,
    win: Window,
    marks: MarkLayer,
    overlay: Overlay,
    meter: CostMeter,
    /** Our element in the page (the tooltip host), left out of quote matching. */
    ownElement: () => Element | null,
  ) {
    this.#doc = doc;
    this.#win = win;
    this.#marks = marks;
    this.#overlay = overlay;
    this.#meter = meter;
    this.#ownElement = ownElement;
  }

  #ensureQuotes(): Promise<QuoteMarks> {
    if (!this.#quotesLoading) {
      this.#quotesLoading = loadInpageUi().then((ui) => (this.#quotes ??= new ui.QuoteMarks(this.#doc, this.#overlay, this.#ownElement)));
      this.#quotesLoading.catch(() => {
        this.#quotesLoading = null;
      });
    }
    return this.#quotesLoading;
  }

  /** The selection as a quote, with the entities whose drawn or found mentions it touches. */
  async captureSelection(): Promise<{ selector: QuoteSelector; entityIds: string[] } | null> {
    // In the in-page UI (lib/inpage/ui/ui.ts): saving a note loads it anyway.
    const [ui, quotes] = await Promise.all([loadInpageUi(), this.#ensureQuotes()]);
    return ui.captureMentions(quotes, this.#win.getSelection(), this.#marks.all());
  }

  async showQuotes(quotes: { id: string; selector: QuoteSelector }[]): Promise<{ found: string[]; missing: string[] }> {
    if (quotes.length === 0) return { found: [], missing: [] };
    const marks = await this.#ensureQuotes();
    return this.#meter.measure(() => marks.show(quotes));
  }

  revealQuote(id: string): boolean {
    return this.#quotes?.reveal(id) ?? false;
  }

  /** Remove the marks of saved quotes (the site was switched off, or the app moved on). */
  clearQuotes(): void {
    this.#quotes?.clear();
  }

  /** Show the note composer (after "Save note"). */
  async showComposer(request: RequestOf<ToContent, 'composer.show'>): Promise<boolean> {
    const ui = await loadInpageUi();
    this.#composer ??= new ui.NoteComposerHost(this.#doc, ui.ask);
    return this.#composer.show(request);
  }

  closeComposer(): void {
    this.#composer?.close();
  }
}
