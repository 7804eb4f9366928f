/**
 * The entity card: when the pointer rests on a mark (hover intent, one document-level listener
 * hit-testing once per animation frame) or the keyboard steps to one, load the card's code (the
 * in-page UI) and its data, show it next to the mark, and close it on Escape, returning focus
 * where the reader was. The tooltip host (lib/inpage/ui/tooltip-host.ts) owns the card's place
 * in the page; this decides when it opens, with what, and where focus goes.
 */
import type { Mark } from '../../dom/mark-store';
import type { PageMetadata } from '../../dom/page-metadata';
import type { PageAsk } from '../../messaging/page-client';
import type { TooltipHost } from '../ui/tooltip-host';
import type { InpageUi } from '../ui/ui';
import type { CardState } from './card-state';
import type { MarkLayer } from './mark-layer';
import { HoverIntent } from './hover-intent';
import { loadInpageUi } from './ui-loader';
import { debug } from './extension-api';

export interface CardPage {
  readonly doc: Document;
  readonly win: Window;
  readonly ask: PageAsk;
  readonly marks: MarkLayer;
  metadata(): PageMetadata;
}

export class CardController {
  readonly #hover: HoverIntent<Mark>;
  /** The lazily loaded tooltip host: null until first needed. */
  #tooltip: TooltipHost | null = null;
  #tooltipLoading: Promise<TooltipHost> | null = null;
  /** Each entity's card, asked once (until the glossary changes or a request fails). */
  readonly #cards = new Map<string, Promise<CardState>>();
  /** Where focus was before the keyboard opened the card (Escape returns it there). */
  #focusBeforeCard: Element | null = null;
  #focusNextCard = false;
  #lastPointer: { x: number; y: number } | null = null;
  #pointerFrame = 0;
  #disposed = false;
  readonly #page: CardPage;
  readonly #loadUi: () => Promise<InpageUi>;

  constructor(
    page: CardPage,
    loadUi: () => Promise<InpageUi> = loadInpageUi,
  ) {
    this.#page = page;
    this.#loadUi = loadUi;
    this.#hover = new HoverIntent<Mark>({
      prepare: (mark) => {
        void this.#card(mark.entityId);
        // The card's code arrives while the reader is still deciding (the show delay).
        this.#ensureTooltip().catch(() => {});
      },
      show: (mark) => this.#showCard(mark),
      hide: () => this.#tooltip?.hide(),
    });
  }

  /** Our element in the page (the tooltip host), which is never read or watched. */
  get element(): Element | null {
    return this.#tooltip?.element ?? null;
  }

  /** Resolves once the reader is no longer writing a note in the card. */
  whenUnpinned(): Promise<void> {
    return this.#tooltip?.whenUnpinned() ?? Promise.resolve();
  }

  hideNow(): void {
    this.#hover.hideNow();
  }

  /** Marks left the page: a card shown for one of them closes. */
  removed(marks: readonly Mark[]): void {
    if (this.#hover.visible && marks.includes(this.#hover.visible)) this.#hover.hideNow();
  }

  /** Cards are asked anew (the glossary changed, or the page is another article). */
  forget(entityId?: string): void {
    if (entityId === undefined) this.#cards.clear();
    else this.#cards.delete(entityId);
  }

  /** Keyboard: move to the next or previous drawn mention, scroll it into view, open its card. */
  step(direction: 'next' | 'previous', ui: InpageUi): boolean {
    const mark = this.#page.marks.step(this.#hover.visible, direction, ui.stepTarget);
    if (!mark) return false;
    this.#openByKeyboard(mark, ui);
    return true;
  }

  /** Scroll to the first drawn mention of an entity and open its card (from the popup). */
  reveal(entityId: string, ui: InpageUi): boolean {
    const mark = ui.firstMark(this.#page.marks.drawnMarks(), entityId);
    if (!mark) return false;
    this.#openByKeyboard(mark, ui);
    return true;
  }

  /** One document-level listener resolves hovers by hit-testing, once per animation frame. */
  onPointerMove = (e: MouseEvent): void => {
    // Events the page synthesises (isTrusted false) never open anything.
    if (!e.isTrusted || this.#disposed) return;
    // The reader is writing a note in the open card: it stays, whatever the pointer crosses.
    if (this.#tooltip?.pinned) return;
    if (!this.#page.marks.hasDrawn && !this.#hover.visible) return;
    this.#lastPointer = { x: e.clientX, y: e.clientY };
    if (this.#pointerFrame) return;
    this.#pointerFrame = this.#page.win.requestAnimationFrame(() => {
      this.#pointerFrame = 0;
      const p = this.#lastPointer;
      if (!p) return;
      // Over the card itself: its own enter/leave events decide.
      const own = this.element;
      if (own && this.#page.doc.elementFromPoint(p.x, p.y) === own) return;
      this.#hover.pointerOver(this.#page.marks.at(this.#page.doc, p.x, p.y));
    });
  };

  onKeyDown = (e: KeyboardEvent): void => {
    if (!e.isTrusted) return;
    if (e.key === 'Escape' && this.#hover.visible) this.close();
  };

  dispose(): void {
    this.#disposed = true;
    if (this.#pointerFrame) this.#page.win.cancelAnimationFrame(this.#pointerFrame);
    this.#pointerFrame = 0;
    this.#hover.dispose();
    this.#tooltip?.destroy();
  }

  /** Close the card; focus goes back where it was before the keyboard opened it. */
  close(): void {
    this.#hover.hideNow();
    const back = this.#focusBeforeCard;
    this.#focusBeforeCard = null;
    if (back && back.isConnected && typeof (back as HTMLElement).focus === 'function') {
      (back as HTMLElement).focus({ preventScroll: true });
    }
  }

  #openByKeyboard(mark: Mark, ui: InpageUi) {
    const active = this.#page.doc.activeElement;
    if (!this.#tooltip?.isOpen() && active && active !== this.#tooltip?.element) this.#focusBeforeCard = active;
    ui.scrollRangeIntoView(this.#page.win, mark.range);
    this.#hover.hideNow();
    // The card takes focus, so Tab reaches its links and Escape returns focus here.
    this.#focusNextCard = true;
    this.#hover.showNow(mark);
  }

  #ensureTooltip(): Promise<TooltipHost> {
    if (!this.#tooltipLoading) {
      this.#tooltipLoading = this.#loadUi().then((ui) => {
        this.#tooltip ??= new ui.TooltipHost(this.#page.doc, {
          pointerOnCard: (on) => this.#hover.pointerOnCard(on),
          escape: () => this.close(),
          addNote: (entityId, comment, tags, appendToEntity, entityVersion) => this.#addEntityNote(entityId, comment, tags, appendToEntity, entityVersion),
          excludeAlias: (entityId, alias) => this.#page.ask('alias.exclude', { entityId, alias }).then((r) => r.site),
        });
        return this.#tooltip;
      });
      this.#tooltipLoading.catch((err) => {
        debug('the card could not load', err);
        this.#tooltipLoading = null;
      });
    }
    return this.#tooltipLoading;
  }

  #card(entityId: string, shownAs = ''): Promise<CardState> {
    let p = this.#cards.get(entityId);
    if (!p) {
      // Asked by the in-page UI, which the card needs anyway (loading since the hover began).
      p = this.#loadUi()
        .then((ui) => ui.fetchCard(this.#page.metadata(), entityId, shownAs))
        .then(({ state, retry }) => {
          // A failed request is asked again next time; "no longer in your glossary" is kept.
          if (retry) this.#cards.delete(entityId);
          return state;
        });
      this.#cards.set(entityId, p);
    }
    return p;
  }

  #showCard(mark: Mark) {
    const focus = this.#focusNextCard;
    this.#focusNextCard = false;
    void this.#ensureTooltip().then(
      (tooltip) => {
        // The pointer may have moved on while the card's code loaded.
        if (this.#hover.visible !== mark || this.#disposed) return;
        const name = mark.range.toString();
        tooltip.show(mark.range, { status: 'loading', name, type: mark.type }, focus);
        void this.#card(mark.entityId, name).then((state) => {
          if (this.#hover.visible !== mark) return;
          tooltip.update(state.status === 'error' && !state.name ? { ...state, name } : state.status === 'ready' && mark.why ? { ...state, why: mark.why } : state);
        });
      },
      () => {},
    );
  }

  /** The card's "Add note": a note about the entity on this page (lib/messaging/notes.ts). */
  async #addEntityNote(entityId: string, comment: string, tags: string[], appendToEntity: boolean, entityVersion?: number) {
    const reply = await (await this.#loadUi()).attachNote(this.#page.metadata(), entityId, comment, tags, appendToEntity, entityVersion);
    // The entity's notes changed: the next card shows them.
    if (reply.appended) this.#cards.delete(entityId);
    return reply;
  }
}
