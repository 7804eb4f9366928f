/**
 * Reads the page's visible text as chunks (one per text node) for the text core, remembering
 * which node each chunk came from. Never writes to the page.
 */
import type { TextChunk } from '../text/types';

/** Subtrees that are never scanned: code, form controls, embedded documents, our own UI. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG', 'MATH', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'CODE',
]);

/** Elements that start a new block of text: a mention never runs across them. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
  'LEGEND', 'MENU', 'IMG',
]);

export interface CollectedText {
  chunks: TextChunk[];
  /** nodes[i] is the text node chunks[i] was read from. */
  nodes: Text[];
  /** blocks[i] is the nearest block element around nodes[i] (the unit of incremental rescans). */
  blocks: (Element | null)[];
  /** Total characters read. */
  characters: number;
}

export interface CollectOptions {
  /** An element of our own (the tooltip host) to leave out. */
  exclude?: Element | null;
}

function isEditable(el: Element): boolean {
  return (el as HTMLElement).isContentEditable === true;
}

/**
 * Whether an element's subtree is left out entirely. `hidden`, aria-hidden="true" boxes and
 * editable regions are skipped by attribute (cheap); CSS-hidden ones by checkVisibility.
 */
function skipSubtree(el: Element, exclude: Element | null | undefined): boolean {
  if (el === exclude) return true;
  const tag = el.tagName.toUpperCase();
  if (SKIPPED_TAGS.has(tag)) return true;
  if (el.hasAttribute('hidden')) return true;
  // Hidden from assistive technology: decorative duplicates, off-screen slides.
  if (el.getAttribute('aria-hidden') === 'true') return true;
  if (el.getAttribute('contenteditable') !== null && isEditable(el)) return true;
  return false;
}

/** The nearest block element around a node (the element itself when it is a block). */
export function blockAround(node: Node): Element | null {
  let el: Element | null = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && !BLOCK_TAGS.has(el.tagName.toUpperCase())) el = el.parentElement;
  return el;
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
  /** Nearest block element around the node. */
  block: Element | null;
  /** A block boundary separates this node from the previous one returned. */
  blockStart: boolean;
}

/** Elements that separate the text before them from the text after, without a block. */
const BREAK_TAGS = new Set(['BR', 'HR', 'IMG', 'WBR']);

interface ElementState {
  /** Text inside is never read (skipped tag, editable, hidden by attribute, our own UI). */
  skip: boolean;
  /** Nearest block element at or above. */
  block: Element | null;
}

/** What next() returns when it has walked its quota of nodes without finding text. */
export const PAUSED = 'paused' as const;

/**
 * Walks the visible, scannable text nodes under `root` in document order, one at a time, so a
 * caller can stop after a time budget and resume later (see lib/dom/scanner.ts).
 *
 * Only text nodes are visited (a native SHOW_TEXT walk, no script filter per node: the filter
 * call into JavaScript dominated the cost); what an element means for the text inside it
 * (skipped, its block) is worked out once per element and cached, from its parent's state.
 */
export class VisibleTextWalker {
  private readonly walker: TreeWalker;
  private readonly states = new Map<Element, ElementState>();
  private readonly visibility = new Map<Element, boolean>();
  private lastBlock: Element | null | undefined = undefined;
  private started = false;

  constructor(root: Node, private readonly options: CollectOptions = {}) {
    const doc = root.ownerDocument ?? (root as Document);
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  }

  /** The next visible text, null at the end. */
  next(): VisibleText | null {
    for (;;) {
      const r = this.nextWithin(Infinity);
      if (r !== PAUSED) return r;
    }
  }

  /**
   * Like next(), but gives up after looking at `quota` text nodes that are not returned
   * (hidden regions, white space), so a slice of work stays short on any page.
   */
  nextWithin(quota: number): VisibleText | null | typeof PAUSED {
    let looked = 0;
    for (let node = this.walker.nextNode(); node; node = this.walker.nextNode()) {
      if (looked++ >= quota) {
        this.walker.previousNode();
        return PAUSED;
      }
      const text = node as Text;
      const data = text.data;
      if (data.length === 0) continue;
      const parent = text.parentElement;
      if (!parent) continue;
      const state = this.stateOf(parent);
      if (state.skip) continue;
      const block = state.block;
      if (!/\S/.test(data)) {
        // White space between two inline elements ("<em>Maryam</em> <em>Rajavi</em>") separates
        // words; white space between blocks (indentation) is skipped.
        if (!this.started || block !== this.lastBlock || breaksBefore(text, block)) continue;
        if (!this.visible(parent)) continue;
        return { node: text, block, blockStart: false };
      }
      if (!this.visible(parent)) continue;
      const blockStart = !this.started || block !== this.lastBlock || breaksBefore(text, block);
      this.started = true;
      this.lastBlock = block;
      return { node: text, block, blockStart };
    }
    return null;
  }

  private stateOf(el: Element): ElementState {
    const cached = this.states.get(el);
    if (cached) return cached;
    // Work down from the nearest ancestor already known (iteratively: deep pages exist).
    const path: Element[] = [];
    let known: ElementState = { skip: false, block: null };
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = this.states.get(e);
      if (c) {
        known = c;
        break;
      }
      path.push(e);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const e = path[i]!;
      known = {
        skip: known.skip || skipSubtree(e, this.options.exclude),
        block: BLOCK_TAGS.has(e.tagName.toUpperCase()) ? e : known.block,
      };
      this.states.set(e, known);
    }
    return known;
  }

  private visible(el: Element): boolean {
    let v = this.visibility.get(el);
    if (v === undefined) {
      // checkVisibility covers display:none, content-visibility:hidden and visibility:hidden.
      const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
      v = check ? check.call(el, { visibilityProperty: true }) : true;
      this.visibility.set(el, v);
    }
    return v;
  }
}

/**
 * Whether a break element (<br>, <img>...) or a block stands right before `node` inside its
 * block: between it and the text before it, so the two are not one run of words.
 */
function breaksBefore(node: Node, block: Element | null): boolean {
  for (let n: Node | null = node; n && n !== block; n = n.parentNode) {
    let prev = n.previousSibling;
    // Comments and blank text do not count.
    while (prev && (prev.nodeType === Node.COMMENT_NODE || (prev.nodeType === Node.TEXT_NODE && !/\S/.test(prev.nodeValue ?? '')))) {
      prev = prev.previousSibling;
    }
    if (prev) {
      if (prev.nodeType !== Node.ELEMENT_NODE) return false;
      const tag = (prev as Element).tagName.toUpperCase();
      return BREAK_TAGS.has(tag) || BLOCK_TAGS.has(tag);
    }
  }
  return false;
}

/** All visible text under `root` at once (small roots, tests). */
export function collectText(root: Node, options: CollectOptions = {}): CollectedText {
  const walker = new VisibleTextWalker(root, options);
  const chunks: TextChunk[] = [];
  const nodes: Text[] = [];
  const blocks: (Element | null)[] = [];
  let characters = 0;
  for (let t = walker.next(); t; t = walker.next()) {
    chunks.push({ text: t.node.data, blockStart: t.blockStart });
    nodes.push(t.node);
    blocks.push(t.block);
    characters += t.node.data.length;
  }
  return { chunks, nodes, blocks, characters };
}
