// @vitest-environment happy-dom
/**
 * The drawer's questions to the page (lib/dom/overlay-drawer.ts). happy-dom lays nothing out, so
 * the layout the drawer reads is given here: each mark one box, the viewport 1000×800, and
 * `elementFromPoint` costing 1 ms of a clock the test drives (over a huge page one costs 0.3-0.7
 * ms: bench:stress). What is checked is the drawer's own logic: how many hit tests a draw makes,
 * that they are not repeated while the page has not moved, and which boxes end up drawn.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDrawer } from '../../../lib/dom/overlay-drawer';
import type { Drawer } from '../../../lib/dom/overlay';

const MARKS = 20;
/** Marks whose text a banner of the page covers. */
const COVERED = new Set([3, 11]);

let clock = 0;
let hitTests = 0;
let observerCallback: IntersectionObserverCallback | null = null;
let root: ShadowRoot | null = null;
let drawer: Drawer | null = null;

const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise((r) => setTimeout(r, 1));
};

beforeEach(() => {
  clock = 0;
  hitTests = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(cb: IntersectionObserverCallback) {
        observerCallback = cb;
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    return (root = attach.call(this, init));
  });
  Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(document.documentElement, 'clientHeight', { configurable: true, get: () => 800 });
  // happy-dom computes no `overflow-x`/`-y`: nothing clips here.
  vi.stubGlobal('getComputedStyle', () => ({ overflowX: 'visible', overflowY: 'visible' }));
  document.body.innerHTML = Array.from({ length: MARKS }, (_, i) => `<p><span id="m${i}">Name ${i}</span></p><div id="banner${i}"></div>`).join('');
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    const i = Number((this.startContainer.parentElement as HTMLElement).id.slice(1));
    return [new DOMRect(10, 20 + i * 30, 80, 18)] as unknown as DOMRectList;
  });
  vi.spyOn(document, 'elementFromPoint').mockImplementation((_x, y) => {
    clock += 1;
    hitTests++;
    const i = Math.floor((y - 20) / 30);
    return document.getElementById(COVERED.has(i) ? `banner${i}` : `m${i}`);
  });
});

afterEach(() => {
  drawer?.dispose();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A drawer with one mark per span (a fill, so no font metrics are needed), every span near the viewport. */
async function drawn(): Promise<void> {
  const marks = new Map<Range, string>();
  for (let i = 0; i < MARKS; i++) {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById(`m${i}`)!.firstChild!);
    marks.set(range, 'background person');
  }
  drawer = createDrawer(document, marks);
  drawer.update(null);
  await Promise.resolve();
  const targets = [...document.querySelectorAll('span')];
  observerCallback!(targets.map((target) => ({ target, isIntersecting: true }) as unknown as IntersectionObserverEntry), {} as IntersectionObserver);
}

const boxes = () => root!.querySelectorAll('div').length;

describe('overlay drawer hit tests', () => {
  it('asks the page at most ~6 ms worth a draw, and draws the rest in later tasks', async () => {
    await drawn();
    await new Promise((r) => setTimeout(r, 0));
    // Without the budget, the first draw asked for all 20 boxes in one task.
    expect(hitTests).toBe(6);
    // Only the checked boxes are drawn: marks 0-5, the covered mark 3 left out.
    expect(boxes()).toBe(5);
    await settle();
    // Every box checked once, the covered ones left out.
    expect(hitTests).toBe(MARKS);
    expect(boxes()).toBe(MARKS - COVERED.size);
  });

  it('does not ask again for boxes it checked while the page has not moved, and asks again once it moved', async () => {
    await drawn();
    await settle();
    expect(hitTests).toBe(MARKS);
    // A mark changed (a scan's next part): a new draw, no new question for the same boxes.
    drawer!.update(null);
    await settle();
    expect(hitTests).toBe(MARKS);
    // The page scrolled: what covers the text may have changed.
    drawer!.moved();
    await settle();
    expect(hitTests).toBe(2 * MARKS);
    expect(boxes()).toBe(MARKS - COVERED.size);
  });
});
