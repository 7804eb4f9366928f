/**
 * The suggestions discovery makes on the ../shared/corpus pages in some languages, for the
 * false positives no gold counts (issue 17): every candidate of every page whose text is in one
 * of the languages asked (the engine's own guess: some pages declare another, liberation-1 says
 * "en"), most mentioned first.
 * Run it before and after a change and compare. Pages whose blind article is in the held-out
 * third (isHeldOutThird: heise, lemonde-1) are left out, as `--verbose` leaves out their errors.
 *   node --import tsx scripts/bench/ner-corpus.ts fr de        (BENCH_CORPUS=/path/to/pages)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLanguage, discoverEntities } from '../../lib/text/discovery/index';
import { readBlocks } from '../../lib/text/discovery/tokenize';
import { isHeldOutThird } from './ner-blind';
import { loadTexts } from './texts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = process.env.BENCH_CORPUS ?? resolve(root, '../shared/corpus/pages');
const wanted = new Set(process.argv.slice(2));
if (!existsSync(corpusDir)) {
  console.log(`no corpus at ${corpusDir}`);
  process.exit(0);
}
const blindNames = readdirSync(join(root, 'tests/fixtures/ner-blind'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''));
const heldOut = (page: string) => blindNames.some((b) => b.replace(/^[a-z]{2}-/, '') === page && isHeldOutThird(b, blindNames));
for (const page of loadTexts(root, corpusDir)) {
  if (page.name.startsWith('fixture:') || heldOut(page.name)) continue;
  const file = join(corpusDir, `${page.name}.html`);
  const tag = existsSync(file) ? /<html[^>]*\slang=["']?([\w-]+)/i.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
  const lang = detectLanguage(readBlocks(page.chunks));
  if (!lang || !wanted.has(lang)) continue;
  const candidates = discoverEntities(page.chunks, { lang });
  console.log(`\n${page.name} (${lang}; declared ${tag ? `lang="${tag}"` : 'none'}): ${candidates.length} suggestions`);
  for (const c of candidates) console.log(`  ${c.type.padEnd(12)} ×${String(c.count).padEnd(3)} ${c.name}`);
}
