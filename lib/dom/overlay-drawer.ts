/**
 * Draws the overlay's marks (lib/dom/overlay.ts): each range's `getClientRects()` as boxes inside
 * a CLOSED shadow root. The page sees one host element that never changes (fixed,
 * viewport-sized, `contain: strict`, `pointer-events: none`: no size, no scroll overflow, no hit
 * test reveals a box) and cannot enter the root; its text, layout, selection and clicks are
 * untouched. Built as its own small file (entrypoints/overlay.ts), loaded when the extension
 * starts working on a page, so the content script's core stays within its budget.
 *
 * Cost: nothing is read in the scan's hot path; changes only schedule one draw (a task of its
 * own when marks change or come near, an animation frame when the page moves). Only
 * marks whose element is near the viewport (an IntersectionObserver, half a viewport around it)
 * are measured, so a huge page costs what its visible part does; asking the page what shows at
 * each box (`elementFromPoint`) is cached until the page moves and bounded per draw
 * (HIT_BUDGET_MS). Boxes are drawn again on scroll
 * (the page's and any scrolling container's), resize, font and image loads, transitions, size
 * changes of the document, and the page's DOM changes (the page reader calls `update()`).
 */
import type { Drawer } from './overlay';

/** Looks drawn as a line under the text, with their thickness; the others fill the text's box. */
const LINES: Record<string, number> = { underline: 2, dotted: 2, suggestion: 1 };
/** Distance from the alphabetic baseline to the line (the highlights' text-underline-offset). */
const LINE_OFFSET = 3;

/** Colours by entity type: rgb, then the line's and the fill's alpha; as the highlights had them. */
const TYPES: [string, string, string, string][] = [
  ['person', '37,99,235', '.75', '.16'],
  ['organization', '180,83,9', '.8', '.16'],
  ['event', '5,150,105', '.8', '.16'],
  ['place', '126,34,206', '.75', '.14'],
  ['other', '107,114,128', '.8', '.16'],
];

/**
 * The looks. The host blends with `multiply`: over a light background a box tints it exactly as
 * the highlight's translucent colour did, and dark text under a box stays as dark as the
 * highlight (painted under the text) left it. Measured (docs/in-page-performance.md, "Huge pages
 * and the blend"): without the blend the fill styles lighten the text under them (mark-look's
 * background cases 0 % -> 22 % of their pixels off); the blend's cost is the frame that first
 * shows the host (wikipedia-2 ~20 ms of main-thread CPU with it, ~12 ms without), not the draws.
 */
function sheet(): string {
  let css = 'div{position:absolute}';
  for (const [type, rgb, line, fill] of TYPES) css += `.${type}{--c:rgba(${rgb},${line});--b:rgba(${rgb},${fill})}`;
  const dots = (c: string, w: number) => `background:repeating-linear-gradient(90deg,${c} 0 ${w}px,#0000 0 ${2 * w}px)`;
  return (
    css +
    `.underline{background:var(--c)}.background{background:var(--b)}.dotted{${dots('var(--c)', 2)}}` +
    `.suggestion{${dots('rgba(107,114,128,.7)', 1)}}.quote{background:rgba(250,204,21,.32)}.focus{background:rgba(250,204,21,.7)}`
  );
}

/**
 * Time a draw may spend asking the page what shows at a point (ms). One `elementFromPoint` costs
 * what hit-testing the page's layout there does: ~0.01 ms on an article, 0.3-0.7 ms over a
 * block of 100,000 inline elements or a 2 MB text node (bench:stress), where a hundred visible
 * boxes made a 100 ms task. Past this, the boxes not yet checked wait for the next task's draw.
 */
const HIT_BUDGET_MS = 6;

/** A draw's measure of the page: the viewport and each box with the point that says whether it shows. */
interface Measured {
  width: number;
  height: number;
  boxes: { look: string; css: string; el: Element; x: number; y: number }[];
}

/** Events of the page after which text may have moved: draw again. */
const MOVES = ['scroll', 'load', 'transitionend', 'animationend'];

export function createDrawer(doc: Document, marks: ReadonlyMap<Range, string>): Drawer {
  return new OverlayDrawer(doc, marks);
}

class OverlayDrawer implements Drawer {
  readonly #doc: Document;
  readonly #marks: ReadonlyMap<Range, string>;
  /** The element each range started in when first seen (live ranges move with the page's text). */
  readonly #elementOf = new WeakMap<Range, Element>();
  /** Observed elements (those marks start in), and those near the viewport. */
  #watched = new Set<Element>();
  readonly #near = new Set<Element>();
  readonly #host: HTMLElement;
  readonly #root: ShadowRoot;
  readonly #io: IntersectionObserver;
  readonly #resized: ResizeObserver;
  readonly #listen: (add: boolean) => void;
  readonly #boxes: HTMLElement[] = [];
  readonly #drawn: string[] = [];
  #frame = 0;
  #task = 0;
  #watchQueued = false;
  /** Marks added or restyled, and whether one was removed, since the last watch. */
  #changed: Range[] = [];
  #removed = false;
  #ascents = new WeakMap<Element, number | undefined>();
  /**
   * What the page shows at a box's centre, by element and point, since the page last moved: the
   * draws that follow a scan's parts check only their new boxes.
   */
  #hits = new WeakMap<Element, Map<number, boolean>>();
  /** The last draw's measure, kept while neither the page nor the marks nor what is near changed. */
  #measured: Measured | null = null;
  readonly #clippers = new WeakMap<Element, Element[]>();
  readonly #clips = new WeakMap<Element, boolean>();
  #ctx: OffscreenCanvasRenderingContext2D | null = null;

  constructor(doc: Document, marks: ReadonlyMap<Range, string>) {
    this.#doc = doc;
    this.#marks = marks;
    const win = doc.defaultView!;
    const host = (this.#host = doc.createElement('div'));
    host.setAttribute(
      'style',
      'all:initial!important;display:block!important;position:fixed!important;inset:0!important;overflow:hidden!important;' +
        'contain:strict!important;pointer-events:none!important;z-index:2147483646!important;mix-blend-mode:multiply!important',
    );
    const root = (this.#root = host.attachShadow({ mode: 'closed' }));
    const style = doc.createElement('style');
    style.textContent = sheet();
    root.append(style);
    doc.documentElement.append(host);
    // Put back if the page removes it (at once, marks or not: its presence says nothing).
    let again = 20;
    new MutationObserver(() => {
      if (!host.isConnected && again-- > 0) doc.documentElement.append(host);
    }).observe(doc.documentElement, { childList: true });
    this.#io = new IntersectionObserver(
      (entries) => {
        // Only a change of what is near the viewport needs a frame (the first callback after
        // observe() reports every element, most of them unchanged when nothing is near).
        let changed = false;
        for (const e of entries) {
          const was = this.#near.has(e.target);
          if (e.isIntersecting) this.#near.add(e.target);
          else this.#near.delete(e.target);
          changed ||= was !== e.isIntersecting;
        }
        // Reported in a task after the frame that computed it: nothing has scrolled since, so
        // the boxes are measured now and show with the next frame.
        if (changed) {
          this.#measured = null;
          this.#soon();
        }
      },
      { rootMargin: '50%' },
    );
    // The page moved or changed: only boxes drawn or marks near the viewport can have moved.
    const update = () => this.moved();
    const fonts = () => {
      this.#ascents = new WeakMap();
      update();
    };
    this.#listen = (add) => {
      for (const type of MOVES) {
        if (add) doc.addEventListener(type, update, { capture: true, passive: true });
        else doc.removeEventListener(type, update, { capture: true });
      }
      if (add) {
        win.addEventListener('resize', update);
        doc.fonts?.addEventListener('loadingdone', fonts);
      } else {
        win.removeEventListener('resize', update);
        doc.fonts?.removeEventListener('loadingdone', fonts);
      }
    };
    this.#listen(true);
    this.#resized = new ResizeObserver(update);
    this.#resized.observe(doc.documentElement);
    if (doc.body) this.#resized.observe(doc.body);
  }

  /**
   * The marks changed. The elements they start in are observed at the end of this task (once
   * for a whole part's marks); a draw is asked for only when what is drawn can change: a mark
   * removed while boxes are drawn, or a mark added or restyled in an element already near the
   * viewport. Marks in elements seen for the first time come near through the observer's first
   * report, which asks for the draw (one draw for a part's marks, not two).
   */
  update(range: Range | null): void {
    if (range) this.#changed.push(range);
    else this.#removed = true;
    if (this.#watchQueued) return;
    this.#watchQueued = true;
    queueMicrotask(() => {
      this.#watchQueued = false;
      const changed = this.#changed;
      const removed = this.#removed;
      this.#changed = [];
      this.#removed = false;
      if (this.#frame < 0) return;
      this.#measured = null;
      const before = new Set(this.#near);
      this.#watch();
      const el = (r: Range) => this.#elementOf.get(r);
      if ((removed && this.#boxes.length) || changed.some((r) => before.has(el(r)!))) this.#soon();
    });
  }

  /**
   * Draw at the start of the next frame: the page scrolled or changed, and the boxes must move
   * with its text in that very frame.
   */
  #frameNow(): void {
    if (!this.#frame) this.#frame = this.#doc.defaultView?.requestAnimationFrame(this.#draw) ?? 0;
  }

  /**
   * Draw in a task of its own, soon: the marks changed or came near the viewport, nothing moved.
   * The boxes show with the next frame, which the browser renders for them as it did for the
   * highlights; no animation frame of ours is needed (one would run inside the page's frame).
   */
  #soon(): void {
    if (this.#frame || this.#task) return;
    this.#task = this.#doc.defaultView?.setTimeout(this.#draw, 0) ?? 0;
  }

  /**
   * The page scrolled, resized, loaded an image or a font: draw again only when that can move
   * something. No frame is asked for while nothing is drawn and no mark is near the viewport (a
   * page without marks, or with all of them far away): an animation frame of ours is a frame the
   * page renders for us. The IntersectionObserver says when marks come near.
   */
  moved(): void {
    this.#hits = new WeakMap();
    this.#measured = null;
    if (this.#boxes.length || this.#near.size) this.#frameNow();
  }

  dispose(): void {
    if (this.#frame > 0) this.#doc.defaultView?.cancelAnimationFrame(this.#frame);
    if (this.#task) this.#doc.defaultView?.clearTimeout(this.#task);
    this.#frame = -1;
    this.#io.disconnect();
    this.#resized.disconnect();
    this.#listen(false);
    this.#host.remove();
  }

  /** Observe the elements the marks start in (only those near the viewport are measured). */
  #watch(): void {
    const watched = new Set<Element>();
    for (const range of this.#marks.keys()) {
      let el = this.#elementOf.get(range);
      if (!el) {
        const parent = range.startContainer.parentElement;
        if (!parent) continue;
        this.#elementOf.set(range, (el = parent));
      }
      if (!watched.has(el)) {
        watched.add(el);
        if (!this.#watched.has(el)) this.#io.observe(el);
      }
    }
    for (const el of this.#watched) {
      if (watched.has(el)) continue;
      this.#io.unobserve(el);
      this.#near.delete(el);
    }
    this.#watched = watched;
  }

  #draw = (): void => {
    if (this.#frame < 0) return;
    // Whichever came first (a frame, a task) draws; the other is not needed any more.
    if (this.#frame > 0) this.#doc.defaultView?.cancelAnimationFrame(this.#frame);
    if (this.#task) this.#doc.defaultView?.clearTimeout(this.#task);
    this.#frame = 0;
    this.#task = 0;
    const measured = (this.#measured ??= this.#measure());
    const boxes: [string, string][] = [];
    const hits = { ms: 0 };
    let unchecked = false;
    for (const { look, css, el, x, y } of measured.boxes) {
      const shows = this.#shows(el, x, y, measured.width, measured.height, hits);
      unchecked ||= shows === undefined;
      if (shows) boxes.push([look, css]);
    }
    const pool = this.#boxes;
    boxes.forEach(([look, css], i) => {
      let box = pool[i];
      if (!box) this.#root.append((pool[i] = box = this.#doc.createElement('div')));
      const key = look + css;
      if (this.#drawn[i] === key) return;
      this.#drawn[i] = key;
      box.className = look;
      box.style.cssText = css;
    });
    for (const box of pool.splice(boxes.length)) box.remove();
    this.#drawn.length = boxes.length;
    // Boxes left unchecked by the budget: the next task draws again from the same measure,
    // checking more of them (a huge page's ranges are not measured again for it).
    if (unchecked) this.#soon();
  };

  /** Where the boxes of the marks near the viewport go, before asking what the page shows there. */
  #measure(): Measured {
    this.#watch();
    const doc = this.#doc;
    const width = doc.documentElement.clientWidth;
    const height = doc.documentElement.clientHeight;
    const frameRects = new Map<Element, DOMRect>();
    const boxes: Measured['boxes'] = [];
    for (const [range, look] of this.#marks) {
      const el = this.#elementOf.get(range);
      if (!el || !this.#near.has(el) || range.collapsed) continue;
      const clip = this.#clipOf(el, frameRects, width, height);
      if (!clip) continue;
      const line = LINES[look.slice(0, look.indexOf(' ') >>> 0)];
      for (const r of range.getClientRects()) {
        if (!r.width || !r.height) continue;
        let top = r.top;
        let bottom = r.bottom;
        if (line) {
          top += (this.#ascent(el) ?? r.height * 0.8) + LINE_OFFSET;
          bottom = top + line;
        }
        const left = Math.max(r.left, clip[0]);
        const right = Math.min(r.right, clip[2]);
        const t = Math.max(top, clip[1]);
        const b = Math.min(bottom, clip[3]);
        if (right <= left || b <= t) continue;
        const css = `left:${left}px;top:${t}px;width:${right - left}px;height:${b - t}px`;
        boxes.push({ look, css, el, x: (left + right) / 2, y: (r.top + r.bottom) / 2 });
      }
    }
    return { width, height, boxes };
  }

  /**
   * Whether the text at (x, y) is what the page shows there, not under a header, a dialog or a
   * banner the page laid over it (the highlights were painted with the text, under them);
   * undefined when not known since the page last moved and this draw's time for asking (`spent`,
   * HIT_BUDGET_MS) is over: a draw asks at least once, so each draw checks more.
   */
  #shows(el: Element, x: number, y: number, width: number, height: number, spent: { ms: number }): boolean | undefined {
    if (el.getRootNode() !== this.#doc) return true;
    x = Math.min(Math.max(Math.round(x), 0), width - 1);
    y = Math.min(Math.max(Math.round(y), 0), height - 1);
    let known = this.#hits.get(el);
    if (!known) this.#hits.set(el, (known = new Map()));
    const key = x * 65536 + y;
    let shows = known.get(key);
    if (shows === undefined && spent.ms < HIT_BUDGET_MS) {
      const t = performance.now();
      const hit = this.#doc.elementFromPoint(x, y);
      spent.ms += performance.now() - t;
      known.set(key, (shows = !hit || hit === el || el.contains(hit) || hit.contains(el)));
    }
    return shows;
  }

  /** Where `el`'s text can show: the viewport cut by every clipping ancestor; null when nothing is left. */
  #clipOf(el: Element, frameRects: Map<Element, DOMRect>, width: number, height: number): [number, number, number, number] | null {
    let clippers = this.#clippers.get(el);
    if (!clippers) {
      clippers = [];
      for (let a: Element | null = el; a && a !== this.#doc.body && a !== this.#doc.documentElement; a = a.parentElement) {
        let clips = this.#clips.get(a);
        if (clips === undefined) {
          const s = getComputedStyle(a);
          this.#clips.set(a, (clips = s.overflowX !== 'visible' || s.overflowY !== 'visible'));
        }
        if (clips) clippers.push(a);
      }
      this.#clippers.set(el, clippers);
    }
    let [left, top, right, bottom] = [0, 0, width, height];
    for (const c of clippers) {
      let r = frameRects.get(c);
      if (!r) frameRects.set(c, (r = c.getBoundingClientRect()));
      left = Math.max(left, r.left);
      top = Math.max(top, r.top);
      right = Math.min(right, r.right);
      bottom = Math.min(bottom, r.bottom);
    }
    return right > left && bottom > top ? [left, top, right, bottom] : null;
  }

  /**
   * Where the alphabetic baseline sits below the top of a text box of `el`'s font: the font's
   * ascent, rounded to a pixel as the browser lays text out; undefined without a canvas.
   */
  #ascent(el: Element): number | undefined {
    let a = this.#ascents.get(el);
    if (a === undefined && !this.#ascents.has(el)) {
      const s = getComputedStyle(el);
      const ctx = (this.#ctx ??= new OffscreenCanvas(1, 1).getContext('2d'));
      let m: TextMetrics | undefined;
      if (ctx) {
        ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        m = ctx.measureText('x');
      }
      a = m && Math.round(m.fontBoundingBoxAscent);
      this.#ascents.set(el, a);
    }
    return a;
  }
}
