/**
 * The annotator's tool for the blind set (tests/fixtures/ner-blind). It never runs the engine.
 *
 *   node --import tsx scripts/bench/ner-annotate.ts extract <page> <css selector> <out.ann>
 *        a corpus page's text (../shared/corpus/pages/<page>.html, the article container, one
 *        block a line, like scripts/bench/ner-extract.ts) as a new annotation source
 *   node --import tsx scripts/bench/ner-annotate.ts mark <file.ann> "Surface=key" ...
 *        marks every whole-word occurrence of each surface not yet marked (longest first);
 *        a draft aid: the annotator then reads every line and corrects
 *   node --import tsx scripts/bench/ner-annotate.ts build <file.ann> ...
 *        writes <name>.txt and <name>.json into tests/fixtures/ner-blind and validates them
 *   node --import tsx scripts/bench/ner-annotate.ts render <name>
 *        prints the annotation source of a committed article (to review or edit it)
 *   node --import tsx scripts/bench/ner-annotate.ts check
 *        validates the whole set and prints its counts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractArticle } from './ner-extract';
import { annText, formatGold, loadGoldSet, parseAnn, renderAnn, validateGold, type GoldArticle } from './ner-gold';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = process.env.BENCH_CORPUS ?? resolve(root, '../shared/corpus/pages');
export const BLIND_DIR = join(root, 'tests/fixtures/ner-blind');

function summary(as: GoldArticle[]): void {
  const rows = new Map<string, { n: number; chars: number; p: number; o: number; e: number; opt: number }>();
  for (const a of as) {
    const r = rows.get(a.lang) ?? { n: 0, chars: 0, p: 0, o: 0, e: 0, opt: 0 };
    r.n++;
    r.chars += a.body.length;
    for (const m of a.mentions) {
      const e = a.entities.find((x) => x.key === m.entity)!;
      if (m.optional || e.optional) r.opt++;
      else r[e.type[0] as 'p' | 'o' | 'e']++;
    }
    rows.set(a.lang, r);
  }
  console.log('lang  articles  chars    person  org  event  (optional)');
  for (const [l, r] of rows) console.log(`${l.padEnd(6)}${String(r.n).padEnd(10)}${String(r.chars).padEnd(9)}${String(r.p).padEnd(8)}${String(r.o).padEnd(5)}${String(r.e).padEnd(7)}(${r.opt})`);
}

function markAll(src: string, rules: { surface: string; key: string }[]): string {
  const [head, ...rest] = src.split(/^---$/m);
  let body = rest.join('---');
  rules.sort((a, b) => b.surface.length - a.surface.length);
  for (const { surface, key } of rules) {
    // Split the body into marked and unmarked stretches; only touch the unmarked ones.
    const parts = body.split(/(⟦[^⟦⟧]*⟧|⟪[a-z]+⟫)/u);
    const esc = surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?<![\\p{L}\\p{M}])${esc}(?![\\p{L}\\p{M}])`, 'gu');
    body = parts.map((p) => (p.startsWith('⟦') || p.startsWith('⟪') ? p : p.replace(re, `⟦${surface}|${key}⟧`))).join('');
  }
  return `${head}---${body}`;
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'extract') {
  const [page, selector, out] = args;
  if (!page || !selector || !out) throw new Error('extract <page> <selector> <out.ann>');
  if (existsSync(out)) throw new Error(`${out} exists`);
  const text = extractArticle(readFileSync(join(corpusDir, `${page}.html`), 'utf8'), selector);
  writeFileSync(out, `# lang: \n# title: \n# source: ../shared/corpus/pages/${page}.html (selector ${selector})\n# licence: \n# tags: corpus\n---\n${text}`);
  console.log(`${out}: ${text.length} chars, ${text.split('\n').length - 1} lines`);
} else if (cmd === 'mark') {
  const [file, ...rules] = args;
  const parsed = rules.map((r) => {
    const i = r.lastIndexOf('=');
    return { surface: r.slice(0, i), key: r.slice(i + 1) };
  });
  writeFileSync(file!, markAll(readFileSync(file!, 'utf8'), parsed));
} else if (cmd === 'build') {
  let bad = 0;
  for (const file of args) {
    const name = basename(file).replace(/\.ann$/, '');
    const src = readFileSync(file, 'utf8');
    const gold = parseAnn(src, name);
    writeFileSync(join(BLIND_DIR, `${name}.txt`), annText(src));
    writeFileSync(join(BLIND_DIR, `${name}.json`), formatGold(gold));
    const a = loadGoldSet(BLIND_DIR).find((x) => x.name === name)!;
    const errs = validateGold(a);
    bad += errs.length;
    for (const e of errs) console.log(`  ${e}`);
    const req = a.mentions.filter((m) => !m.optional && !a.entities.find((e) => e.key === m.entity)!.optional);
    console.log(`${name}: ${a.body.length} chars, ${a.entities.length} entities, ${req.length} required + ${a.mentions.length - req.length} optional mentions${errs.length ? `, ${errs.length} problem(s)` : ''}`);
  }
  process.exitCode = bad ? 1 : 0;
} else if (cmd === 'render') {
  const a = loadGoldSet(BLIND_DIR).find((x) => x.name === args[0]);
  if (!a) throw new Error(`no article ${args[0]}`);
  process.stdout.write(renderAnn(a));
} else if (cmd === 'check') {
  const as = loadGoldSet(BLIND_DIR);
  const errs = as.flatMap(validateGold);
  for (const e of errs) console.log(e);
  summary(as);
  console.log(errs.length ? `${errs.length} problem(s)` : 'valid');
  process.exitCode = errs.length ? 1 : 0;
} else {
  console.log('usage: ner-annotate.ts extract|mark|build|render|check ...');
}
