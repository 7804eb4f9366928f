/**
 * Owns the tooltip's place in the page: a host element created on first use, a closed shadow
 * root (page scripts get no handle on it, page CSS cannot style inside it), and placement next
 * to the hovered mark with @floating-ui/dom: flip picks the side with room, size fits the card's
 * height to it (cardMaxHeight, lib/inpage/ui/card-fit.ts), shift keeps it in the viewport, over the
 * mark if need be; autoUpdate follows scrolling, resizing and the card's own changes. The Preact
 * component only renders.
 */
import { h, render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { EntityCard, type CardActions } from '../../../components/tooltip/EntityCard';
import type { CardState } from '../core/card-state';
import { mountShadowHost } from './shadow-host';
import { CARD_VIEWPORT_MARGIN, cardMaxHeight } from './card-fit';
import cardCss from '../../../components/tooltip/tooltip.css?inline';

export interface TooltipEvents {
  pointerOnCard(on: boolean): void;
  escape(): void;
  /** The card's "Add note" (absent: the card offers none). */
  addNote?: CardActions['addNote'];
  /** The card's "Never match this alias on this site". */
  excludeAlias?: CardActions['excludeAlias'];
}

export class TooltipHost {
  private host: HTMLElement | null = null;
  private container: HTMLElement | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  /** While the reader writes a note in the card, it stays open (hover rules pause). */
  private pinnedNow = false;
  private unpinned: (() => void)[] = [];
  private readonly actions: CardActions | undefined;
  /**
   * The card's body, watched for size changes: when the note form opens under a card already at
   * its height limit, the card keeps its size (so autoUpdate, which watches the host, sees
   * nothing) while the body shrinks; the card's height is then worked out again.
   */
  private bodyObserver: ResizeObserver | null = null;
  private observedBody: Element | null = null;
  private reposition: (() => void) | null = null;

  constructor(
    private readonly doc: Document,
    private readonly events: TooltipEvents,
  ) {
    this.actions = events.addNote ? { addNote: events.addNote, pin: (on) => this.setPinned(on), excludeAlias: events.excludeAlias } : undefined;
  }

  get pinned(): boolean {
    return this.pinnedNow;
  }

  private setPinned(on: boolean) {
    this.pinnedNow = on;
    if (!on) for (const resolve of this.unpinned.splice(0)) resolve();
  }

  /** Resolves once the reader is no longer writing in the card. */
  whenUnpinned(): Promise<void> {
    return this.pinnedNow ? new Promise((resolve) => this.unpinned.push(resolve)) : Promise.resolve();
  }

  /** The host element, so the text collector can leave it out. */
  get element(): Element | null {
    return this.host;
  }

  isOpen(): boolean {
    return this.stopAutoUpdate !== null;
  }

  show(anchor: Range, state: CardState, focus = false): void {
    this.ensureMounted();
    // Follow the text's direction: on a right-to-left page the card aligns to the right of the
    // mention (floating-ui mirrors "-start" placements when the floating element is RTL).
    const anchorEl = anchor.startContainer.parentElement;
    const dir = anchorEl ? getComputedStyle(anchorEl).direction : 'ltr';
    this.host!.style.setProperty('direction', dir === 'rtl' ? 'rtl' : 'ltr', 'important');
    // The card's own text runs in its own direction (English notes on an Arabic page stay
    // left-to-right); only the placement mirrors.
    this.container!.setAttribute('dir', 'auto');
    render(h(EntityCard, { state, actions: this.actions }), this.container!);
    this.host!.style.setProperty('visibility', 'visible', 'important');
    if (focus) this.container!.focus({ preventScroll: true });
    this.stopAutoUpdate?.();
    const reference = {
      getBoundingClientRect: () => {
        // Anchor on the first line of a mark that wraps, like a native tooltip would.
        const rects = anchor.getClientRects();
        return rects.length ? rects[0]! : anchor.getBoundingClientRect();
      },
      getClientRects: () => anchor.getClientRects(),
      contextElement: anchor.startContainer.parentElement ?? undefined,
    };
    const update = () => {
      void computePosition(reference, this.host!, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          flip({ padding: CARD_VIEWPORT_MARGIN }),
          size({ padding: CARD_VIEWPORT_MARGIN, apply: ({ availableHeight }) => this.fitHeight(availableHeight) }),
          shift({ padding: CARD_VIEWPORT_MARGIN, crossAxis: true }),
        ],
      }).then(({ x, y }) => {
        if (!this.host) return;
        this.host.style.setProperty('transform', `translate(${Math.round(x)}px, ${Math.round(y)}px)`, 'important');
      });
    };
    this.reposition = update;
    const stop = autoUpdate(reference, this.host!, update);
    this.stopAutoUpdate = () => {
      stop();
      this.watchBody(null);
      this.reposition = null;
    };
  }

  private watchBody(body: Element | null): void {
    if (body === this.observedBody) return;
    // Next frame, not inside the observer's callback: a resize caused there would make the
    // browser report a ResizeObserver loop error to the page.
    this.bodyObserver ??= new ResizeObserver(() => requestAnimationFrame(() => this.reposition?.()));
    this.bodyObserver.disconnect();
    if (body) this.bodyObserver.observe(body);
    this.observedBody = body;
  }

  /** Give the card the height it may have on the side of the mark it is placed on. */
  private fitHeight(availableHeight: number): void {
    const card = this.container?.firstElementChild as HTMLElement | null;
    if (!card) return;
    const body = card.querySelector<HTMLElement>('.card-body');
    // What does not scroll, measured even while the card is too short for it: the card's content
    // (scrollHeight, with padding) and borders, less the body as it is laid out now.
    const fixedHeight = card.scrollHeight + (card.offsetHeight - card.clientHeight) - (body?.offsetHeight ?? 0);
    const maxHeight = cardMaxHeight({
      availableHeight,
      viewportHeight: this.doc.documentElement.clientHeight,
      fixedHeight,
      bodyHeight: body?.scrollHeight ?? 0,
    });
    this.container!.style.setProperty('--card-max-height', `${maxHeight}px`);
    this.watchBody(body);
  }

  /** Re-render in place (data arrived for the card already shown). */
  update(state: CardState): void {
    if (this.container && this.isOpen()) render(h(EntityCard, { state, actions: this.actions }), this.container);
  }

  hide(): void {
    this.setPinned(false);
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    if (this.container) render(null, this.container);
    this.host?.style.setProperty('visibility', 'hidden', 'important');
  }

  destroy(): void {
    this.hide();
    this.host?.remove();
    this.host = this.container = null;
  }

  private ensureMounted() {
    if (this.host && this.host.isConnected) return;
    const { host, container } = mountShadowHost(this.doc, cardCss, 'top: 0; left: 0', () => this.events.escape());
    // Announced by screen readers when its content changes; focusable for keyboard users.
    container.setAttribute('aria-live', 'polite');
    container.setAttribute('tabindex', '-1');
    container.style.outline = 'none';
    host.addEventListener('pointerenter', (e) => e.isTrusted && this.events.pointerOnCard(true));
    host.addEventListener('pointerleave', (e) => e.isTrusted && !this.pinnedNow && this.events.pointerOnCard(false));
    this.host = host;
    this.container = container;
  }

}
