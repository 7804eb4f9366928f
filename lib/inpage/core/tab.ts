/**
 * One tab's content script, wired together: the page reader, this page's saved quotes, and the
 * handlers for the extension's messages (content-handlers.ts). The quotes follow the reader:
 * marked when the extension works here, cleared when the site is switched off or the app moves
 * to another article.
 */
import type { PageAsk } from '../../messaging/page-client';
import type { Reply } from '../../messaging/envelope';
import { PageReader } from './page-reader';
import { SavedQuotes } from './saved-quotes';
import { Lifetime } from './lifetime';
import { loadInpageUi } from './ui-loader';
import { answerContentRequest, type ContentHandlers } from './content-handlers';
import { debug } from './extension-api';

export class Tab {
  readonly reader: PageReader;
  readonly #saved: SavedQuotes;
  readonly #handlers: ContentHandlers;

  constructor(doc: Document, win: Window, ask: PageAsk, startedAt: number, lifetime: Lifetime) {
    this.reader = new PageReader(doc, win, ask, startedAt, lifetime);
    // Saved notes: this page's quotes marked on arrival.
    this.#saved = new SavedQuotes(ask, this.reader, this.reader.notes, (ms, signal) => lifetime.sleep(ms, signal));
    this.#handlers = this.#createHandlers();
  }

  /** Ask the background what to do here, then mark this page's saved quotes. */
  start(): void {
    this.reader.refresh().then(this.#loadQuotes, debug);
  }

  /** Single-page apps: a new URL is a new article. */
  navigated(): void {
    this.#saved.clear();
    void this.reader.navigated().then(this.#loadQuotes, () => {});
  }

  answer(raw: unknown): Promise<Reply> {
    return answerContentRequest(raw, this.#handlers, loadInpageUi);
  }

  dispose(): void {
    this.reader.dispose();
  }

  #loadQuotes = (): void => void this.#saved.load().catch(debug);

  /** The glossary or the settings changed (page.refresh). */
  #refresh(): void {
    const { reader } = this;
    const wasActive = reader.active;
    void reader.refresh().then(() => {
      // Switched on or off for this site (the popup's switch): the quotes follow.
      if (reader.active === wasActive) return;
      if (reader.active) this.#loadQuotes();
      else {
        this.#saved.clear();
        reader.notes.closeComposer();
      }
    }, () => {});
  }

  #createHandlers(): ContentHandlers {
    const { reader } = this;
    const saved = this.#saved;
    return {
      'page.refresh': () => {
        this.#refresh();
        return { ok: true };
      },
      'page.found': () => ({
        mentions: [...reader.marks.counts()].map(([entityId, count]) => ({ entityId, count })),
        site: reader.site,
        suggestions: reader.suggestions(),
      }),
      'page.stats': () => reader.pageStats(),
      'page.identify': () => {
        const { pageUrl, canonicalHref, ogUrl } = reader.pageMetadata();
        return { pageUrl, canonicalHref, ogUrl };
      },
      'quotes.status': () => saved.status(),
      'mention.step': async ({ direction }, { ui }) => ({ moved: reader.card.step(direction, await ui()) }),
      'mention.reveal': async ({ entityId }, { ui }) => ({ found: reader.card.reveal(entityId, await ui()) }),
      'selection.capture': async () => ({ selection: await reader.notes.captureSelection(), page: reader.pageMetadata() }),
      'quotes.show': ({ quotes }) => reader.notes.showQuotes(quotes),
      'quote.reveal': ({ id }) => ({ found: reader.notes.revealQuote(id) }),
      'composer.show': async (request) => {
        if (request.kind === 'saved') void saved.add(request.noteId, request.selector);
        return { shown: await reader.notes.showComposer(request) };
      },
    };
  }
}
