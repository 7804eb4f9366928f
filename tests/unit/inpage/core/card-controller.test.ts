// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { CardController } from '../../../../lib/inpage/core/card-controller';
import { MarkLayer } from '../../../../lib/inpage/core/mark-layer';
import type { CardState } from '../../../../lib/inpage/core/card-state';
import type { InpageUi } from '../../../../lib/inpage/ui/ui';
import type { TooltipEvents } from '../../../../lib/inpage/ui/tooltip-host';
import type { Mark } from '../../../../lib/dom/mark-store';
import type { PageAsk } from '../../../../lib/messaging/page-client';
import type { PageMetadata } from '../../../../lib/dom/page-metadata';
import { markOn, settle } from './fake-page';

/** The tooltip host's part the controller drives; the real one renders the card in a shadow root. */
class FakeTooltip {
  static last: FakeTooltip | null = null;
  readonly element: HTMLElement;
  shown: { name: string; focus: boolean } | null = null;
  states: CardState[] = [];
  pinned = false;
  constructor(
    doc: Document,
    readonly events: TooltipEvents,
  ) {
    this.element = doc.createElement('div');
    this.element.tabIndex = -1;
    doc.documentElement.append(this.element);
    FakeTooltip.last = this;
  }
  whenUnpinned() {
    return Promise.resolve();
  }
  isOpen() {
    return this.shown !== null;
  }
  show(range: Range, state: CardState, focus: boolean) {
    this.shown = { name: range.toString(), focus };
    this.states = [state];
    if (focus) this.element.focus();
  }
  update(state: CardState) {
    this.states.push(state);
  }
  hide() {
    this.shown = null;
  }
  destroy() {
    this.element.remove();
  }
}

const scrolled: string[] = [];
const ui = {
  TooltipHost: FakeTooltip,
  fetchCard: async (_meta: PageMetadata, entityId: string) => ({
    state: { status: 'error', name: '', message: `card of ${entityId}` } as CardState,
    retry: false,
  }),
  stepTarget: (marks: readonly Mark[], current: number, direction: 'next' | 'previous') =>
    (current + (direction === 'next' ? 1 : current === -1 ? 0 : -1) + marks.length) % marks.length,
  firstMark: (marks: readonly Mark[], entityId: string) => marks.find((m) => m.entityId === entityId),
  scrollRangeIntoView: (_win: Window, range: Range) => void scrolled.push(range.toString()),
} as unknown as InpageUi;

function setup() {
  document.body.innerHTML = '<button id="before">before</button><p>Maryam Rajavi met the MEK. Rajavi left.</p>';
  const marks = new MarkLayer();
  marks.add([markOn('Rajavi', 'e0', 0), markOn('MEK', 'e1'), markOn('Rajavi', 'e0', 1)]);
  const card = new CardController(
    { doc: document, win: window, ask: (() => Promise.reject(new Error('no background'))) as unknown as PageAsk, marks, metadata: () => ({}) as PageMetadata },
    async () => ui,
  );
  return { card, marks };
}

const escape = { isTrusted: true, key: 'Escape' } as KeyboardEvent;

describe('CardController', () => {
  beforeEach(() => {
    FakeTooltip.last = null;
    scrolled.length = 0;
  });

  it('a keyboard step opens the card of the next mark in document order, focused, with its data', async () => {
    const { card } = setup();
    expect(card.step('next', ui)).toBe(true);
    await settle();
    const tooltip = FakeTooltip.last!;
    expect(tooltip.shown).toEqual({ name: 'Rajavi', focus: true });
    expect(scrolled).toEqual(['Rajavi']);
    // Shown loading at once, then the entity's card (the name under the mark kept when the card has none).
    expect(tooltip.states[0]).toMatchObject({ status: 'loading', name: 'Rajavi' });
    expect(tooltip.states.at(-1)).toEqual({ status: 'error', name: 'Rajavi', message: 'card of e0' });
    expect(card.step('next', ui)).toBe(true);
    await settle();
    expect(tooltip.shown).toEqual({ name: 'MEK', focus: true });
  });

  it('Escape closes the card and gives focus back where it was before the first step', async () => {
    const { card } = setup();
    const before = document.getElementById('before')!;
    before.focus();
    card.step('next', ui);
    await settle();
    expect(document.activeElement).toBe(FakeTooltip.last!.element);
    // A second step while the card has focus: focus still goes back to the button, not the card.
    card.step('next', ui);
    await settle();
    card.onKeyDown(escape);
    expect(FakeTooltip.last!.shown).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('the card itself asking to close (Escape inside it) returns focus too', async () => {
    const { card } = setup();
    const before = document.getElementById('before')!;
    before.focus();
    card.reveal('e1', ui);
    await settle();
    expect(FakeTooltip.last!.shown?.name).toBe('MEK');
    FakeTooltip.last!.events.escape();
    expect(FakeTooltip.last!.shown).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('events the page synthesises never close the card', async () => {
    const { card } = setup();
    card.step('next', ui);
    await settle();
    card.onKeyDown({ isTrusted: false, key: 'Escape' } as KeyboardEvent);
    expect(FakeTooltip.last!.shown).not.toBeNull();
  });

  it('a card shown for a mark that left the page closes; one for another mark stays', async () => {
    const { card, marks } = setup();
    card.step('next', ui);
    await settle();
    const [first, second] = [...marks.all()];
    card.removed([second!]);
    expect(FakeTooltip.last!.shown).not.toBeNull();
    card.removed([first!]);
    expect(FakeTooltip.last!.shown).toBeNull();
  });

  it('with nothing drawn, a step or a reveal opens nothing', async () => {
    const { card, marks } = setup();
    marks.clear();
    expect(card.step('next', ui)).toBe(false);
    expect(card.reveal('e0', ui)).toBe(false);
    await settle();
    expect(FakeTooltip.last).toBeNull();
  });
});
