/**
 * Reads the page's text for the text core, one text node at a time, remembering which node each
 * piece came from and where blocks begin. Never writes to the page.
 */

/** Subtrees that are never scanned: code, form controls, embedded documents, our own UI. */
const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button',
  'iframe', 'object', 'embed', 'canvas', 'svg', 'math', 'video', 'audio', 'head', 'title', 'code',
]);

/** Elements that start a new block of text: a mention never runs across them. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'li', 'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'legend', 'menu', 'img',
]);

/** Elements that separate the text before them from the text after, without a block. */
const BREAK_TAGS = new Set(['br', 'hr', 'img', 'wbr']);

export interface CollectOptions {
  /** An element of our own (the tooltip host) to leave out. */
  exclude?: Element | null;
  /**
   * Leave out text that CSS hides (display: none, visibility: hidden, content-visibility), with
   * checkVisibility per element holding text. The page reader leaves this to paint time instead,
   * for the few nodes that hold a mention (isVisibleText): checking every element of a page
   * costs more than reading it (measured: 6.7 → 21 ms on a long Wikipedia article).
   */
  checkVisibility?: boolean;
  /** Record the elements walked, for finding the article off the page (lib/article). */
  layout?: LayoutRecorder;
}

/**
 * The elements a walk went through, in document order, as the article detector needs them
 * (lib/article/layout.ts): four values each in `rows` — tag, parent (-1: the root), the
 * characters of text read before it (its place among the texts) and the attributes Readability
 * looks at. `els` stays in the tab, to map the detector's answer (element numbers) back.
 */
export interface LayoutRecorder {
  els: Element[];
  rows: (string | number)[];
  /** Characters of the texts returned so far. */
  chars: number;
}

/**
 * class, id and role: what Readability weighs elements by (and what names landmarks); and for a
 * link, whether it points inside the page ("#…": a permalink, a table of contents). Read as
 * properties and one or two attributes: reading every attribute Readability looks at (itemprop,
 * rel, every href) cost nytimes-1's walk 1.5-3 ms more, this 0.5 ms (measured in Chromium).
 */
function layoutAttrs(el: Element, tag: string, hasAttributes: boolean): string {
  if (!hasAttributes) return '';
  const cls = (el as HTMLElement).className;
  const role = el.getAttribute('role');
  const inPage = tag === 'a' && el.getAttribute('href')?.charCodeAt(0) === 35;
  return `${typeof cls === 'string' ? cls : ''}\x01${el.id}${role || inPage ? `\x01${role ?? ''}` : ''}${inPage ? '\x01\x01\x01#' : ''}`;
}

function isEditable(el: Element): boolean {
  return (el as HTMLElement).isContentEditable === true;
}

/**
 * Whether an element's subtree is left out entirely. `hidden`, aria-hidden="true" boxes and
 * editable regions are skipped by attribute (cheap); CSS-hidden ones by checkVisibility.
 */
function skipSubtree(el: Element, exclude: Element | null | undefined, tag = el.localName, hasAttributes?: boolean): boolean {
  if (el === exclude) return true;
  if (SKIPPED_TAGS.has(tag)) return true;
  // Most elements carry no attribute that could hide them: one call instead of three.
  if (!(hasAttributes ?? el.hasAttributes())) return false;
  if (el.hasAttribute('hidden')) return true;
  // Hidden from assistive technology: decorative duplicates, off-screen slides.
  if (el.getAttribute('aria-hidden') === 'true') return true;
  if (el.hasAttribute('contenteditable') && isEditable(el)) return true;
  return false;
}

/** The nearest block element around a node (the element itself when it is a block). */
export function blockAround(node: Node): Element | null {
  let el: Element | null = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && !BLOCK_TAGS.has(el.localName)) el = el.parentElement;
  return el;
}

/** Whether CSS shows the element's text (display, visibility, content-visibility). */
export function isVisibleElement(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return check ? check.call(el, { visibilityProperty: true }) : true;
}

/** Whether text inside `node` could be scanned at all (not inside a skipped or editable subtree). */
export function isScannable(node: Node, exclude?: Element | null): boolean {
  const start = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  // Inside an editable region (or a designMode document): the reader's own typing.
  if (start && isEditable(start)) return false;
  for (let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (skipSubtree(el, exclude)) return false;
  }
  return true;
}

export interface VisibleText {
  node: Text;
  /** The node's text as read (reading `data` again costs a call into the DOM). */
  data: string;
  /** Nearest block element around the node. */
  block: Element | null;
  /** A block boundary separates this node from the previous one returned. */
  blockStart: boolean;
  /** The number of the element holding the node in the layout (-1: the root, or none recorded). */
  owner: number;
}

/** What nextWithin() returns when it has walked its quota of nodes without finding text. */
export const PAUSED = 'paused' as const;

/** An element the walk is inside of. */
interface Frame {
  el: Element;
  /** Nearest block element at or above it. */
  block: Element | null;
  isBlock: boolean;
  /** checkVisibility of the element, once asked. */
  visible?: boolean;
  /** Its number in the layout (-1 when none is recorded). */
  id: number;
}

const NON_SPACE = /\S/;

/**
 * Walks the scannable text nodes under `root` in document order, one at a time, so a caller
 * can stop after a time budget and resume later (see lib/dom/text-reader.ts).
 *
 * One native walk over elements and text, no script filter (a filter call into JavaScript per
 * node costs more than the walk): an element that is never read (script, form control, hidden
 * by attribute, editable, our own UI) is stepped over whole; what an element means for the text
 * inside it — its block, whether entering or leaving it separates words — is kept on a stack of
 * the elements the walk is inside of, so a text node costs one parent comparison.
 */
export class VisibleTextWalker {
  readonly #walker: TreeWalker;
  readonly #frames: Frame[] = [];
  readonly #rootBlock: Element | null;
  #rootVisible: boolean | undefined;
  /** A block or a break element came since the last text returned. */
  #pendingBreak = true;
  #started = false;
  /** A node reached but not yet looked at (the quota ran out on it). */
  #pending: Node | null = null;
  #done = false;
  readonly #root: Node;
  readonly #options: CollectOptions;

  constructor(
    root: Node,
    options: CollectOptions = {},
  ) {
    this.#root = root;
    this.#options = options;
    const doc = root.ownerDocument ?? (root as Document);
    this.#walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    this.#rootBlock = root.nodeType === Node.ELEMENT_NODE || root.parentElement ? blockAround(root) : null;
  }

  /** The next visible text, null at the end. */
  next(): VisibleText | null {
    for (;;) {
      const r = this.nextWithin(Infinity);
      if (r !== PAUSED) return r;
    }
  }

  /**
   * Like next(), but gives up after looking at `quota` nodes that are not returned (elements,
   * hidden regions, white space), so a slice of work stays short on any page.
   */
  nextWithin(quota: number): VisibleText | null | typeof PAUSED {
    if (this.#done) return null;
    const frames = this.#frames;
    let looked = 0;
    let node = this.#pending ?? this.#walker.nextNode();
    this.#pending = null;
    while (node) {
      if (looked++ >= quota) {
        this.#pending = node;
        return PAUSED;
      }
      const parent = node.parentNode;
      // Leaving elements: leaving a block separates what was inside from what follows.
      while (frames.length && frames[frames.length - 1]!.el !== parent) {
        if (frames.pop()!.isBlock) this.#pendingBreak = true;
      }
      if (node.nodeType === Node.ELEMENT_NODE) {
        const el = node as Element;
        const tag = el.localName;
        const isBlock = BLOCK_TAGS.has(tag);
        if (isBlock || BREAK_TAGS.has(tag)) this.#pendingBreak = true;
        // Asked once for the element: the skip test and the layout both need it.
        const hasAttributes = el.hasAttributes();
        if (skipSubtree(el, this.#options.exclude, tag, hasAttributes)) {
          node = this.#afterSubtree();
          continue;
        }
        const top = frames[frames.length - 1];
        const rec = this.#options.layout;
        let id = -1;
        if (rec) {
          id = rec.els.push(el) - 1;
          rec.rows.push(tag, top ? top.id : -1, rec.chars, layoutAttrs(el, tag, hasAttributes));
        }
        frames.push({ el, block: isBlock ? el : top ? top.block : this.#rootBlock, isBlock, id });
        node = this.#walker.nextNode();
        continue;
      }
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node as Text;
        const data = text.data;
        const top = frames[frames.length - 1];
        if (data.length > 0 && (top || parent === this.#root)) {
          const block = top ? top.block : this.#rootBlock;
          if (!NON_SPACE.test(data)) {
            // White space between two inline elements ("<em>Maryam</em> <em>Rajavi</em>")
            // separates words; white space between blocks (indentation) is skipped.
            if (this.#started && !this.#pendingBreak && this.#visible(top)) return this.#text(text, data, block, false, top);
          } else if (this.#visible(top)) {
            const blockStart = !this.#started || this.#pendingBreak;
            this.#started = true;
            this.#pendingBreak = false;
            return this.#text(text, data, block, blockStart, top);
          }
        }
      }
      node = this.#walker.nextNode();
    }
    this.#done = true;
    return null;
  }

  #text(node: Text, data: string, block: Element | null, blockStart: boolean, top: Frame | undefined): VisibleText {
    if (this.#options.layout) this.#options.layout.chars += data.length;
    return { node, data, block, blockStart, owner: top ? top.id : -1 };
  }

  /** The node after the walker's current node and everything inside it (null at the end). */
  #afterSubtree(): Node | null {
    for (;;) {
      const sibling = this.#walker.nextSibling();
      if (sibling) return sibling;
      if (!this.#walker.parentNode()) return null;
    }
  }

  #visible(frame: Frame | undefined): boolean {
    if (!this.#options.checkVisibility) return true;
    if (!frame) return (this.#rootVisible ??= this.#root.nodeType === Node.ELEMENT_NODE ? isVisibleElement(this.#root as Element) : true);
    return (frame.visible ??= isVisibleElement(frame.el));
  }
}
