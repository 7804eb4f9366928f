/**
 * Names, not words, on real pages: a realistic glossary whose aliases are also common words
 * (May, Apple, Bush, Reading, Turkey, Cook, Gates, Will, Sun, Green, Nice, Target, Shell, ...)
 * with their full names, matched on every ../shared/corpus page the way page.match does (the
 * matcher, then the page's evidence: lib/background/page-matching.ts). Prints every mark of a
 * word-like alias, before and after, each with a verdict:
 *   - word: the text is the ordinary word (lower case, a month next to a day or year, inside a
 *     web address, or listed as a word in scripts/bench/words-labels.json after reading it);
 *   - name: listed there as the entity.
 * The verdicts of capitalised marks were given by reading each one (words-labels.json: page @
 * text:offset -> name | word; "word" means "not this entity": "Herald Sun" is not The Sun,
 * "Cook Islands" not Tim Cook). A mark nobody judged is counted as "not judged".
 * `NCR_BEFORE=/path/to/an/older/worktree` also runs that worktree's text core (e.g. main) for
 * the "before" figures. Run: `npm run bench:words` (needs ../shared/corpus).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTexts } from './texts';
import { glossaryTerms } from '../../lib/background/glossary-cache';
import { matchPageText } from '../../lib/background/page-matching';
import { compileGlossary } from '../../lib/text/compile';
import { createMatcher } from '../../lib/text/matcher';
import { glossaryKey, type Entity } from '../../lib/model/entity';
import { isMonthUse, inWebAddress } from '../../lib/text/context';
import { isCommonWord, isMonthName } from '../../lib/text/common-words';
import type { TextChunk } from '../../lib/text/types';

const root = resolve(import.meta.dirname, '../..');
const corpus = resolve(root, '../shared/corpus/pages');
if (!existsSync(corpus)) {
  console.log('bench:words needs ../shared/corpus/pages: skipped');
  process.exit(0);
}

/** [name, type, aliases]: people, organisations and places whose short names are words. */
const GLOSSARY: [string, Entity['type'], string[]][] = [
  ['Theresa May', 'person', ['May', 'Mrs May']],
  ['Apple Inc.', 'organization', ['Apple']],
  ['George W. Bush', 'person', ['Bush', 'George Bush']],
  ['Reading, Berkshire', 'place', ['Reading']],
  ['Turkey', 'place', ['Türkiye']],
  ['Tim Cook', 'person', ['Cook']],
  ['Bill Gates', 'person', ['Gates']],
  ['Will Smith', 'person', ['Will']],
  ['The Sun (newspaper)', 'organization', ['The Sun', 'Sun']],
  ['The Times (newspaper)', 'organization', ['The Times', 'Times']],
  ['The Washington Post', 'organization', ['Washington Post', 'Post']],
  ['Green Party', 'organization', ['Greens', 'Green']],
  ['Labour Party', 'organization', ['Labour']],
  ['Nice, France', 'place', ['Nice']],
  ['Bath, Somerset', 'place', ['Bath']],
  ['Target Corporation', 'organization', ['Target']],
  ['Shell plc', 'organization', ['Shell']],
  ['JPMorgan Chase', 'organization', ['Chase']],
  ['Microsoft Windows', 'other', ['Windows']],
  ['Sky Group', 'organization', ['Sky']],
];
/** Normalised short names that are words: the marks judged. */
const WORDLIKE = new Set(GLOSSARY.flatMap(([name, , aliases]) => [name, ...aliases]).filter((a) => isCommonWord(a) || isMonthName(a) || a === 'Turkey').map((a) => a.toLowerCase()));

const entities: Entity[] = GLOSSARY.map(([name, type, aliases], i) => ({
  id: `e${i}`,
  name,
  type,
  aliases: aliases.map((text) => ({ text })),
  notes: '',
  createdAt: i,
  updatedAt: i,
}));
const nameOf = new Map(entities.map((e) => [glossaryKey(e.type, e.id), e.name]));
const labelsFile = join(import.meta.dirname, 'words-labels.json');
const labels: Record<string, 'name' | 'word'> = existsSync(labelsFile) ? JSON.parse(readFileSync(labelsFile, 'utf8')) : {};

interface Mark {
  page: string;
  entity: string;
  text: string;
  context: string;
  key: string;
  verdict: 'name' | 'word' | '?';
}

function texts(chunks: TextChunk[]) {
  const t = chunks.map((c) => c.text);
  const breaks = chunks.flatMap((c, i) => (c.blockStart ? [i] : []));
  return { t, breaks };
}

/** The page's text as one string per block and the mark's offsets in it. */
function verdictOf(chunks: TextChunk[], sc: number, so: number, ec: number, eo: number, entity: string, key: string): Pick<Mark, 'text' | 'context' | 'verdict'> {
  let b = sc;
  while (b > 0 && !chunks[b]!.blockStart) b--;
  let e = sc + 1;
  while (e < chunks.length && !chunks[e]!.blockStart) e++;
  let block = '';
  let start = 0;
  let end = 0;
  for (let k = b; k < e; k++) {
    if (k === sc) start = block.length + so;
    if (k === ec) end = block.length + eo;
    block += chunks[k]!.text;
  }
  const text = block.slice(start, end);
  const context = `${block.slice(Math.max(0, start - 40), start)}[${text}]${block.slice(end, end + 40)}`.replace(/\s+/g, ' ');
  let verdict: Mark['verdict'] = labels[key] ?? '?';
  if (verdict === '?') {
    const e = entities.find((x) => x.name === entity)!;
    const forms = [e.name, ...e.aliases.map((a) => a.text)];
    const exact = forms.find((f) => f.toLowerCase() === text.toLowerCase().replace(/\s+/g, ' '));
    if (exact && exact !== text && text === text.toLowerCase()) verdict = 'word'; // "may", "apple"
    else if (forms.some(isMonthName) && isMonthUse(block, 0, block.length, start, end)) verdict = 'word';
    else if (inWebAddress(block, 0, block.length, start, end) && !text.includes('.')) verdict = 'word';
  }
  return { text, context, verdict };
}

type MatchFn = (t: string[], breaks: number[], page: string) => { entities: { id: string; type: Entity['type'] }[]; matches: number[] };

async function loadBefore(dir: string): Promise<MatchFn> {
  const imp = (p: string) => import(pathToFileURL(join(dir, p)).href);
  const [{ glossaryTerms: gt }, { matchPageText: mpt }, { compileGlossary: cg }, { createMatcher: cm }] = await Promise.all([
    imp('lib/background/glossary-cache.ts'),
    imp('lib/background/page-matching.ts'),
    imp('lib/text/compile.ts'),
    imp('lib/text/matcher.ts'),
  ]);
  const matcher = cm(cg(gt(entities)));
  return (t, breaks) => mpt(matcher, t, breaks);
}

function afterFn(): MatchFn {
  const matcher = createMatcher(compileGlossary(glossaryTerms(entities)));
  return (t, breaks) => matchPageText(matcher, t, breaks, { named: new Map(), part: 0, createdAt: (k) => Number(k.slice(2)) });
}

function run(fn: MatchFn, pages: { name: string; chunks: TextChunk[] }[]): Mark[] {
  const out: Mark[] = [];
  for (const p of pages) {
    const { t, breaks } = texts(p.chunks);
    const r = fn(t, breaks, p.name);
    for (let i = 0; i + 4 < r.matches.length; i += 5) {
      const [ei, sc, so, ec, eo] = r.matches.slice(i, i + 5) as [number, number, number, number, number];
      const ent = r.entities[ei]!;
      const entity = nameOf.get(glossaryKey(ent.type, ent.id))!;
      const key = `${p.name}@${sc}:${so}`;
      const v = verdictOf(p.chunks, sc, so, ec, eo, entity, key);
      // Full names ("Theresa May") are not what this measures: only the word-like short names.
      if (!WORDLIKE.has(v.text.toLowerCase())) continue;
      out.push({ page: p.name, entity, key, ...v });
    }
  }
  return out;
}

function summary(label: string, marks: Mark[], reference?: Mark[]) {
  const word = marks.filter((m) => m.verdict === 'word');
  const right = marks.filter((m) => m.verdict === 'name');
  const unknown = marks.filter((m) => m.verdict === '?');
  const pages = new Set(word.map((m) => m.page));
  const keys = new Set(marks.map((m) => m.key));
  const lost = reference ? reference.filter((m) => m.verdict === 'name' && !keys.has(m.key)) : [];
  console.log(
    `${label.padEnd(7)} marks of word-like aliases ${String(marks.length).padStart(4)}: false (not the entity) ${String(word.length).padStart(4)} on ${String(pages.size).padStart(2)} pages, right ${String(right.length).padStart(3)}` +
      (reference ? ` (${lost.length} right ones of before lost)` : '') +
      (unknown.length ? `, not judged ${unknown.length}` : ''),
  );
  const byEntity = new Map<string, [number, number]>();
  for (const m of marks) {
    const c = byEntity.get(m.entity) ?? [0, 0];
    c[m.verdict === 'word' ? 1 : 0]++;
    byEntity.set(m.entity, c);
  }
  console.log(`        ${[...byEntity].map(([e, [ok, bad]]) => `${e} ${ok + bad} (${bad} false)`).join('; ')}`);
  return lost;
}

const pages = loadTexts(root, corpus).filter((p) => !p.name.startsWith('fixture:'));
console.log(`${pages.length} corpus pages; glossary: ${entities.length} entities whose short names are words, with their full names`);
const after = run(afterFn(), pages);
const beforeDir = process.env.NCR_BEFORE;
const before = beforeDir ? run(await loadBefore(resolve(beforeDir)), pages) : null;
if (before) summary('before', before);
const lost = summary('after', after, before ?? undefined);
for (const m of lost) console.log(`  lost: ${m.key} ${m.entity}: ${m.context}`);
if (process.argv.includes('--list')) {
  const afterKeys = new Set(after.map((m) => m.key));
  for (const m of before ?? after) {
    if (m.verdict !== '?' && !process.argv.includes('--all')) continue;
    console.log(`${afterKeys.has(m.key) ? 'kept   ' : 'dropped'} ${m.verdict.padEnd(4)} ${m.key.padEnd(28)} ${m.entity.padEnd(20)} ${m.context}`);
  }
}
