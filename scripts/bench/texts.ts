/**
 * Benchmark texts: the visible text of ../shared/corpus/pages/*.html (when that folder exists),
 * extracted with linkedom into chunks (one per text node, blockStart at block elements), plus
 * the project's own fixtures (tests/fixtures/*.txt, one block per line).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { TextChunk } from '../../lib/text/types';

export interface BenchText {
  name: string;
  chunks: TextChunk[];
  /** Total characters (UTF-16 units). */
  chars: number;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'TEXTAREA', 'SELECT', 'OPTION']);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
  'LEGEND', 'MENU', 'IMG', 'PRE',
]);

interface MiniNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<MiniNode>;
}

/** Visible text of an HTML page as chunks. */
export function htmlChunks(html: string): TextChunk[] {
  const { document } = parseHTML(html);
  const chunks: TextChunk[] = [];
  let pendingBlock = true;
  const walk = (node: MiniNode): void => {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      if (text.length === 0) return;
      if (!/\S/.test(text)) {
        // Like the content script, blank nodes carry no text; one inside a block still
        // separates words ("<em>Maryam</em> <em>Rajavi</em>"): keep it as one space.
        if (!pendingBlock) chunks.push({ text: ' ', blockStart: false });
        return;
      }
      chunks.push({ text, blockStart: pendingBlock });
      pendingBlock = false;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) pendingBlock = true;
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!);
    if (block) pendingBlock = true;
  };
  const body = (document.body ?? document.documentElement) as unknown as MiniNode | null;
  if (body) walk(body);
  return chunks;
}

/** Plain text: one block per line. */
export function textChunks(text: string): TextChunk[] {
  return text.split('\n').map((line) => ({ text: `${line}\n`, blockStart: true }));
}

export function loadTexts(root: string, corpusDir: string): BenchText[] {
  const texts: BenchText[] = [];
  const add = (name: string, chunks: TextChunk[]) => {
    let chars = 0;
    for (const c of chunks) chars += c.text.length;
    texts.push({ name, chunks, chars });
  };
  if (existsSync(corpusDir)) {
    for (const f of readdirSync(corpusDir).filter((f) => f.endsWith('.html')).sort()) {
      add(f.replace(/\.html$/, ''), htmlChunks(readFileSync(join(corpusDir, f), 'utf8')));
    }
  }
  const fixtures = join(root, 'tests/fixtures');
  for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.txt')).sort()) {
    add(`fixture:${f}`, textChunks(readFileSync(join(fixtures, f), 'utf8')));
  }
  return texts;
}
