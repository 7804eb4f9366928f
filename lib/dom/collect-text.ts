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

/**
 * Walks the visible, scannable text nodes under `root` in document order, one at a time, so a
 * caller can stop after a time budget and resume later (see lib/inpage/scanner.ts).
 */
export class VisibleTextWalker {
  private readonly walker: TreeWalker;
  private readonly visibility = new Map<Element, boolean>();
  private readonly blockOf = new Map<Element, Element | null>();
  private pendingBreak = true;
  private lastBlock: Element | null | undefined = undefined;

  constructor(root: Node, private readonly options: CollectOptions = {}) {
    const doc = root.ownerDocument ?? (root as Document);
    const exclude = options.exclude;
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          return skipSubtree(node as Element, exclude) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
  }

  next(): VisibleText | null {
    for (let node = this.walker.nextNode(); node; node = this.walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (BLOCK_TAGS.has((node as Element).tagName.toUpperCase())) this.pendingBreak = true;
        continue;
      }
      const text = node as Text;
      const data = text.data;
      if (data.length === 0) continue;
      const parent = text.parentElement;
      if (!parent) continue;
      if (!/\S/.test(data)) {
        // White space between two inline elements ("<em>Maryam</em> <em>Rajavi</em>") separates
        // words; white space between blocks (indentation) is skipped.
        if (this.pendingBreak || this.lastBlock === undefined || this.nearestBlock(parent) !== this.lastBlock) continue;
        if (!this.visible(parent)) continue;
        return { node: text, block: this.lastBlock, blockStart: false };
      }
      if (!this.visible(parent)) continue;
      const block = this.nearestBlock(parent);
      const blockStart = this.pendingBreak || block !== this.lastBlock;
      this.pendingBreak = false;
      this.lastBlock = block;
      return { node: text, block, blockStart };
    }
    return null;
  }

  private nearestBlock(el: Element | null): Element | null {
    const path: Element[] = [];
    let found: Element | null = null;
    while (el) {
      const cached = this.blockOf.get(el);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      path.push(el);
      if (BLOCK_TAGS.has(el.tagName.toUpperCase())) {
        found = el;
        break;
      }
      el = el.parentElement;
    }
    for (const p of path) this.blockOf.set(p, found);
    return found;
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
