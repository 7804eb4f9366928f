/**
 * Owns the tooltip's place in the page: a host element created on first use, a closed shadow
 * root (page scripts get no handle on it, page CSS cannot style inside it), and placement next
 * to the hovered mark with @floating-ui/dom (flip and shift keep it in the viewport; autoUpdate
 * follows scrolling and resizing). The Preact component only renders.
 */
import { h, render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { EntityCard, type CardActions, type CardState } from '../../components/tooltip/EntityCard';
import { mountShadowHost } from './shadow-host';
import cardCss from '../../components/tooltip/tooltip.css?inline';

export interface TooltipEvents {
  pointerOnCard(on: boolean): void;
  escape(): void;
  /** The card's "Add note" (absent: the card offers none). */
  addNote?: CardActions['addNote'];
}

export class TooltipHost {
  private host: HTMLElement | null = null;
  private container: HTMLElement | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  /** While the reader writes a note in the card, it stays open (hover rules pause). */
  private pinnedNow = false;
  private unpinned: (() => void)[] = [];
  private readonly actions: CardActions | undefined;

  constructor(
    private readonly doc: Document,
    private readonly events: TooltipEvents,
  ) {
    this.actions = events.addNote ? { addNote: events.addNote, pin: (on) => this.setPinned(on) } : undefined;
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
        middleware: [offset(6), flip({ padding: 8 }), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        if (!this.host) return;
        this.host.style.setProperty('transform', `translate(${Math.round(x)}px, ${Math.round(y)}px)`, 'important');
      });
    };
    this.stopAutoUpdate = autoUpdate(reference, this.host!, update);
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
