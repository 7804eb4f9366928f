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
  if (el.getAttribute('contenteditable') !== null && isEditable(el)) return true;
  return false;
}

export function collectText(root: Node, options: CollectOptions = {}): CollectedText {
  const doc = root.ownerDocument ?? (root as Document);
  const chunks: TextChunk[] = [];
  const nodes: Text[] = [];
  const visibility = new Map<Element, boolean>();
  const blockOf = new Map<Element, Element | null>();

  const nearestBlock = (el: Element | null): Element | null => {
    const start = el;
    const path: Element[] = [];
    let found: Element | null = null;
    while (el) {
      const cached = blockOf.get(el);
      if (cached !== undefined) { found = cached; break; }
      path.push(el);
      if (BLOCK_TAGS.has(el.tagName.toUpperCase())) { found = el; break; }
      el = el.parentElement;
    }
    for (const p of path) blockOf.set(p, found);
    return start ? found : null;
  };

  const visible = (el: Element): boolean => {
    let v = visibility.get(el);
    if (v === undefined) {
      // checkVisibility covers display:none, content-visibility:hidden and visibility:hidden.
      const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
      v = check ? check.call(el, { visibilityProperty: true }) : true;
      visibility.set(el, v);
    }
    return v;
  };

  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        return skipSubtree(node as Element, options.exclude) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });

  let pendingBreak = true;
  let lastBlock: Element | null | undefined;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (BLOCK_TAGS.has((node as Element).tagName.toUpperCase())) pendingBreak = true;
      continue;
    }
    const text = node as Text;
    const data = text.data;
    if (data.length === 0 || !/\S/.test(data)) continue;
    const parent = text.parentElement;
    if (!parent || !visible(parent)) continue;
    const block = nearestBlock(parent);
    const blockStart = pendingBreak || block !== lastBlock;
    pendingBreak = false;
    lastBlock = block;
    chunks.push({ text: data, blockStart });
    nodes.push(text);
  }
  return { chunks, nodes };
}
