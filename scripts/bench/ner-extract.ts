/**
 * One-off helper that (re)creates the evaluation texts of tests/fixtures/ner/ from the saved
 * pages of ../shared/corpus/pages: the article's text extracted with linkedom (script, style,
 * nav, aside, footer, forms and similar chrome dropped), one block (paragraph, heading, list
 * item...) a line.
 *
 *   node --import tsx scripts/bench/ner-extract.ts [name ...]   # default: the set below
 *
 * The extracted .txt files are committed, so the evaluation runs without ../shared. Re-running
 * this overwrites them: the annotations (tests/fixtures/ner/*.json) refer to surface forms, not
 * offsets, so they survive small extraction changes, but check them after any change here.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = process.env.BENCH_CORPUS ?? resolve(root, '../shared/corpus/pages');
const outDir = join(root, 'tests/fixtures/ner');

/** The corpus pages of the evaluation set, with the CSS selector of their article body. */
export const NER_PAGES: Record<string, string> = {
  'bbc-1': 'h1, .story-body__inner',
  'nytimes-1': 'h1, #story .story-body',
  'nytimes-2': 'h1, #story .story-body',
  'nytimes-4': 'h1, section[name="articleBody"]',
  telegraph: 'h1, article[itemprop="articleBody"]',
  'wapo-1': 'h1, #article-body',
  'wapo-2': 'h1, #article-body',
  'schema-org-context-object': 'h1, .article-body',
  'herald-sun-1': 'h1, #story .story-intro, #story .story-body',
  cnet: 'h1, .article-main-body',
  'citylab-1': 'h1, article section.s-article__section',
};

const DROP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'ASIDE', 'FOOTER', 'FORM', 'BUTTON', 'SVG', 'IFRAME', 'OBJECT',
  'SELECT', 'TEXTAREA', 'FIGURE', 'HEAD',
]);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'BLOCKQUOTE', 'BODY', 'BR', 'CAPTION', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'H1', 'H2',
  'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL', 'PRE',
]);

interface MiniNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<MiniNode>;
}

export function extractArticle(html: string, selector: string): string {
  const { document } = parseHTML(html);
  // Sponsored-link widgets inside some article bodies.
  for (const el of [...document.querySelectorAll('[class*="taboola"], [id*="taboola"], .ad, [class*="advert"]')]) el.remove();
  const found = [...document.querySelectorAll(selector)] as unknown as (MiniNode & { contains(n: unknown): boolean })[];
  // Outermost matches only, in document order.
  const roots = found.filter((el) => !found.some((o) => o !== el && o.contains(el)));
  if (roots.length === 0) roots.push(document.body as unknown as MiniNode & { contains(n: unknown): boolean });
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const line = cur.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    cur = '';
  };
  const walk = (node: MiniNode): void => {
    if (node.nodeType === 3) {
      cur += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (DROP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!);
    if (block) flush();
  };
  for (const r of roots) {
    walk(r);
    flush();
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(corpusDir)) {
    console.error(`no corpus at ${corpusDir}`);
    process.exit(1);
  }
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(NER_PAGES);
  for (const name of names) {
    const html = readFileSync(join(corpusDir, `${name}.html`), 'utf8');
    const text = extractArticle(html, NER_PAGES[name] ?? 'article');
    writeFileSync(join(outDir, `${name}.txt`), text);
    console.log(`${name}: ${text.length} chars, ${text.split('\n').length - 1} lines`);
  }
}
