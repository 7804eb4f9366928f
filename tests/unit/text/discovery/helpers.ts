import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { discoverEntities, type Candidate, type DiscoveryOptions, type EntityType } from '../../../../lib/text/discovery/index';
import type { TextChunk } from '../../../../lib/text/types';
import type { BlockContext, CueRule } from '../../../../lib/text/discovery/block-context';
import { CUE_RULES } from '../../../../lib/text/discovery/cues';
import { detectPage } from '../../../../lib/text/discovery/detect';
import { collectForms, FormTable, type Form, type JoinPass, type PageEvidence } from '../../../../lib/text/discovery/forms';
import { getLexicon } from '../../../../lib/text/discovery/lexicon';
import { E_SHAPE, K_ACRONYM, K_EVENT, K_ORG, K_PERSON, K_PROPER, type RawMention } from '../../../../lib/text/discovery/raw-mention';
import { lowerWordsOf, readBlocks } from '../../../../lib/text/discovery/tokenize';

/** One block a line, like the evaluation set. */
export function chunksOf(text: string): TextChunk[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((line) => ({ text: `${line}\n`, blockStart: true }));
}

export function discover(text: string, options?: DiscoveryOptions): Candidate[] {
  return discoverEntities(chunksOf(text), options);
}

/** The candidate whose name or one of whose aliases is `name` (exact), or undefined. */
export function find(cands: Candidate[], name: string): Candidate | undefined {
  return cands.find((c) => c.name === name || c.aliases.includes(name));
}

/** Names of the candidates of one type. */
export function names(cands: Candidate[], type?: EntityType): string[] {
  return cands.filter((c) => !type || c.type === type).map((c) => c.name);
}

/** Every name and alias of every candidate. */
export function allForms(cands: Candidate[]): string[] {
  return cands.flatMap((c) => [c.name, ...c.aliases]);
}

export const SEED_ARTICLE = readFileSync(fileURLToPath(new URL('../../../fixtures/seed-article.txt', import.meta.url)), 'utf8');

/** The text of a mention, read back from the chunks with its offsets. */
export function textAt(chunks: readonly TextChunk[], m: Candidate['mentions'][number]): string {
  if (m.start.chunk === m.end.chunk) return chunks[m.start.chunk]!.text.slice(m.start.offset, m.end.offset);
  let t = chunks[m.start.chunk]!.text.slice(m.start.offset);
  for (let k = m.start.chunk + 1; k < m.end.chunk; k++) t += chunks[k]!.text;
  return t + chunks[m.end.chunk]!.text.slice(0, m.end.offset);
}

// ---- One pass alone -------------------------------------------------------------------------

/** One block's detection state, to run one step of pass 1 alone. `lower`: the page's lower-case words (default: this block's). */
export function blockOf(text: string, lower?: Set<string>, cueRules: readonly CueRule[] = CUE_RULES): BlockContext {
  const docs = readBlocks([{ text, blockStart: true }]);
  const { block, tokens } = docs[0]!;
  return { lex: getLexicon(), lower: lower ?? lowerWordsOf(docs), out: [], blockIndex: 0, block, tokens, flagCache: new Map(), cueRules };
}

/** The token range [a, b) of the first place `words` is written in the block. */
export function span(ctx: BlockContext, words: string): [number, number] {
  const at = ctx.block.text.indexOf(words);
  if (at < 0) throw new Error(`"${words}" is not in the block`);
  const a = ctx.tokens.findIndex((t) => t.s >= at);
  let b = a;
  while (b < ctx.tokens.length && ctx.tokens[b]!.e <= at + words.length) b++;
  return [a, b];
}

const KIND_NAMES: Record<number, string> = { [K_PERSON]: 'person', [K_ORG]: 'organization', [K_EVENT]: 'event', [K_PROPER]: 'proper', [K_ACRONYM]: 'acronym' };

/** What pass 1 recorded in the block, as "surface: kind". */
export function emitted(ctx: BlockContext): string[] {
  return ctx.out.map((m) => `${m.surface}: ${KIND_NAMES[m.kind]}`);
}

/** The recorded name with this surface. */
export function mentionOf(ctx: BlockContext, surface: string): RawMention | undefined {
  return ctx.out.find((m) => m.surface === surface);
}

/** A page after pass 1, as resolution reads it, with its forms collected (no join yet). */
export function pageOf(text: string): { page: PageEvidence; forms: FormTable; mentions: RawMention[] } {
  const docs = readBlocks(chunksOf(text));
  const lower = lowerWordsOf(docs);
  const { mentions, definitions } = detectPage(docs, lower);
  return { page: { docs, definitions, lower, lex: getLexicon() }, forms: collectForms(mentions), mentions };
}

/** A mention made by hand (a one-word name of unknown type in block 0 unless told). */
export function mention(key: string, fields: Partial<RawMention> = {}): RawMention {
  return { block: 0, s: 0, e: key.length, key, surface: key, tokens: key.split(' ').length, kind: K_PROPER, evidence: E_SHAPE, weak: false, headline: false, orgCue: 0, personCue: 0, placeCue: 0, order: 0, upper: false, ...fields };
}

/** A page with no text: for passes given forms made by hand. */
export function emptyPage(): PageEvidence {
  return { docs: [], definitions: [], lower: new Set(), lex: getLexicon() };
}

/** A form made by hand, with the fields a test needs. */
export function formWith(forms: FormTable, key: string, fields: Partial<Form> = {}): Form {
  return Object.assign(forms.add(key), fields);
}

/** A form table made by hand: each key with the fields a test needs. */
export function tableOf(spec: Record<string, Partial<Form>>): FormTable {
  const forms = new FormTable();
  for (const [key, fields] of Object.entries(spec)) formWith(forms, key, fields);
  return forms;
}

/** Whether `pass` joins keys a and b of the text's forms (they must be apart before it runs). */
export function joinedBy(pass: JoinPass, text: string, a: string, b: string): boolean {
  const { page, forms } = pageOf(text);
  if (joined(forms, a, b)) throw new Error(`"${a}" and "${b}" are one entity before the pass`);
  pass(forms, page);
  return joined(forms, a, b);
}

/** Whether two keys of the table name one entity. */
export function joined(forms: FormTable, a: string, b: string): boolean {
  const fa = forms.get(a);
  const fb = forms.get(b);
  if (!fa || !fb) throw new Error(`no form "${fa ? b : a}"`);
  return forms.rootOf(fa) === forms.rootOf(fb);
}
