/**
 * Glossary compilation: aliases -> normalised keys -> a trie in breadth-first order, packed
 * into a few strings (lib/text/compiled.ts; one segment is built by segment-build.ts). Runs in
 * the background, which also decodes it (lib/text/segment.ts) and matches pages for the tabs.
 *
 * Incremental strategy (GlossaryCompiler): a big immutable BASE segment plus a small DELTA
 * segment. Changing an entity (add, edit, remove an alias, delete it) suppresses the entity in
 * the base (the matcher ignores its base aliases) and rebuilds only the delta, which holds the
 * current aliases of every entity changed since the base was built. The normalised key of
 * every alias is cached, so even a full rebuild does not normalise again. The base is rebuilt
 * (and the delta emptied) when the delta grows past max(minDelta, base/rebuildRatio) aliases
 * or a quarter of the base is suppressed. The matcher keeps decoded segments by id, so a new
 * revision that only changed the delta costs the decode of the delta.
 */
import type { GlossaryTerm } from './types';
import {
  COMPILED_FORMAT,
  COMPILED_VERSION,
  FLAG_COMMON,
  FLAG_DIACRITIC_SENSITIVE,
  FLAG_MONTH,
  FLAG_TITLE_OK,
  MODE_ACRONYM,
  MODE_CAPS,
  MODE_EXACT,
  MODE_FOLD,
  type CompiledGlossary,
  type CompiledSegment,
} from './compiled';
import { isLowerCaseLetter, isUpperCaseLetter, normalizeText } from './normalize';
import { isCommonWord, isMonthName } from './common-words';
import { buildSegment, type PreparedTerm } from './segment-build';

export type { PreparedTerm } from './segment-build';

/** Longest alias we compile (characters). Longer ones are ignored: a name, not a document. */
export const MAX_ALIAS_LENGTH = 1000;

/** Replace lone surrogates: an alias is text, and half a character would not survive a UTF-8 round trip (a backup file). */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Flags of an alias: its case mode, diacritic sensitivity, and whether it is a common word or
 * a month name (docs/matching.md, "Names, not words"):
 *  - exact case: exactly the alias's capitalisation;
 *  - all capitals (MEK, WHO): capitals, or Title-Case in a headline (3+ letters);
 *  - written with a capital (Theresa May, iPhone): each capital must be a capital in the text,
 *    the other letters may be either ("THERESA MAY" matches, "theresa may" does not), unless
 *    the reader chose "any case" (`anyCase`);
 *  - all lower case (or "any case"): any capitalisation.
 * A one-word alias written with a capital that is also a common word gets FLAG_COMMON; a
 * month name (any mode but all capitals) FLAG_MONTH.
 */
export function aliasFlags(term: Pick<GlossaryTerm, 'text' | 'exactCase' | 'anyCase' | 'diacriticSensitive'>): number {
  let upper = 0;
  let lower = 0;
  const text = term.text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) upper++;
      else if (c >= 97 && c <= 122) lower++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (cp > 0xffff) i++;
    if (isUpperCaseLetter(ch)) upper++;
    else if (isLowerCaseLetter(ch)) lower++;
  }
  let flags = MODE_FOLD;
  if (term.exactCase) flags = MODE_EXACT;
  else if (upper > 0 && lower === 0) flags = MODE_ACRONYM | (upper >= 3 ? FLAG_TITLE_OK : 0);
  else if (upper > 0 && !term.anyCase) flags = MODE_CAPS;
  if (term.diacriticSensitive) flags |= FLAG_DIACRITIC_SENSITIVE;
  const mode = flags & 3;
  // Both lists hold single words: most aliases (full names) need no look-up.
  if (!/\s/.test(text.trim())) {
    if ((mode === MODE_CAPS || mode === MODE_EXACT) && upper > 0 && isCommonWord(text)) flags |= FLAG_COMMON;
    if (mode !== MODE_ACRONYM && isMonthName(text)) flags |= FLAG_MONTH;
  }
  return flags;
}

function rankOf(flags: number): number {
  const mode = flags & 3;
  const strictness = mode === MODE_EXACT ? 0 : mode === MODE_ACRONYM ? 1 : mode === MODE_CAPS ? 2 : 3;
  return strictness * 2 + (flags & FLAG_DIACRITIC_SENSITIVE ? 0 : 1);
}

/** Normalise one term. Null when nothing is left to match (empty, only punctuation-free ignorables, too long). */
export function prepareTerm(term: GlossaryTerm, order: number): PreparedTerm | null {
  if (typeof term.text !== 'string' || typeof term.entityId !== 'string') return null;
  const text = wellFormed(term.text.trim());
  if (text.length === 0 || text.length > MAX_ALIAS_LENGTH) return null;
  const key = normalizeText(text);
  if (key.length === 0) return null;
  const flags = aliasFlags({ text, exactCase: term.exactCase, anyCase: term.anyCase, diacriticSensitive: term.diacriticSensitive });
  return { entityId: wellFormed(term.entityId), text, key, flags, rank: rankOf(flags), order };
}

function glossaryOf(segments: CompiledSegment[], suppressed: string[]): CompiledGlossary {
  return { format: COMPILED_FORMAT, version: COMPILED_VERSION, segments, suppressed };
}

/** Compile a whole glossary into one segment. Terms earlier in the list win exact ties. */
export function compileGlossary(terms: readonly GlossaryTerm[]): CompiledGlossary {
  const prepared: PreparedTerm[] = [];
  for (let i = 0; i < terms.length; i++) {
    const p = prepareTerm(terms[i]!, i);
    if (p) prepared.push(p);
  }
  return glossaryOf([buildSegment(prepared)], []);
}

export interface GlossaryCompilerOptions {
  /** The delta may hold at least this many aliases before the base is rebuilt. Default 2,000. */
  minDelta?: number;
  /** ... or base aliases / rebuildRatio, whichever is larger. Default 10. */
  rebuildRatio?: number;
}

type TermOptions = Omit<GlossaryTerm, 'entityId'>;

/**
 * Incremental compiler: keeps every entity's prepared aliases, a base segment and a delta.
 * `compile()` returns the current glossary, rebuilding as little as it can (see the file header).
 */
export class GlossaryCompiler {
  private readonly entities = new Map<string, PreparedTerm[]>();
  private seq = 0;
  private base: { segment: CompiledSegment; entities: Set<string>; aliasCount: number } | null = null;
  /** Entities changed since the base was built. */
  private readonly changed = new Set<string>();
  private delta: CompiledSegment | null = null;
  private deltaStale = true;
  private readonly minDelta: number;
  private readonly rebuildRatio: number;
  /** What the last compile() did, for tests and logs. */
  lastCompile: 'full' | 'delta' | 'cached' = 'full';

  constructor(terms: readonly GlossaryTerm[] = [], options: GlossaryCompilerOptions = {}) {
    this.minDelta = options.minDelta ?? 2000;
    this.rebuildRatio = options.rebuildRatio ?? 10;
    this.addTerms(terms);
  }

  private touch(entityId: string): void {
    this.changed.add(entityId);
    this.deltaStale = true;
  }

  /** Replace all the aliases of one entity (an empty list removes it). */
  setEntity(entityId: string, terms: readonly TermOptions[]): void {
    const prepared: PreparedTerm[] = [];
    for (const t of terms) {
      const p = prepareTerm({ ...t, entityId }, this.seq++);
      if (p) prepared.push(p);
    }
    if (prepared.length) this.entities.set(entityId, prepared);
    else this.entities.delete(entityId);
    this.touch(entityId);
  }

  removeEntity(entityId: string): void {
    if (!this.entities.has(entityId) && !this.base?.entities.has(entityId)) return;
    this.entities.delete(entityId);
    this.touch(entityId);
  }

  /** Add aliases (each to its entity's list). */
  addTerms(terms: readonly GlossaryTerm[]): void {
    for (const t of terms) {
      const p = prepareTerm(t, this.seq++);
      if (!p) continue;
      let list = this.entities.get(p.entityId);
      if (!list) this.entities.set(p.entityId, (list = []));
      list.push(p);
      this.touch(p.entityId);
    }
  }

  /** Remove aliases (same entity and same text). */
  removeTerms(terms: readonly Pick<GlossaryTerm, 'entityId' | 'text'>[]): void {
    for (const t of terms) {
      const list = this.entities.get(t.entityId);
      if (!list) continue;
      const text = t.text.trim();
      const left = list.filter((p) => p.text !== text);
      if (left.length === list.length) continue;
      if (left.length) this.entities.set(t.entityId, left);
      else this.entities.delete(t.entityId);
      this.touch(t.entityId);
    }
  }

  get entityCount(): number {
    return this.entities.size;
  }

  private deltaTerms(): PreparedTerm[] {
    const out: PreparedTerm[] = [];
    for (const id of this.changed) {
      const list = this.entities.get(id);
      if (list) out.push(...list);
    }
    return out;
  }

  /** Rebuild the base from every alias (the delta becomes empty). */
  rebuild(): CompiledGlossary {
    const all: PreparedTerm[] = [];
    for (const list of this.entities.values()) all.push(...list);
    const segment = buildSegment(all);
    this.base = { segment, entities: new Set(this.entities.keys()), aliasCount: segment.aliasCount };
    this.changed.clear();
    this.delta = null;
    this.deltaStale = false;
    this.lastCompile = 'full';
    return glossaryOf([segment], []);
  }

  compile(): CompiledGlossary {
    const base = this.base;
    if (!base) return this.rebuild();
    if (this.changed.size === 0) {
      this.lastCompile = 'cached';
      return glossaryOf([base.segment], []);
    }
    const suppressed = [...this.changed].filter((id) => base.entities.has(id));
    let suppressedAliases = 0;
    // Counting base aliases of suppressed entities needs their old lists: approximate with
    // the entity count share (cheap, and only decides when to rebuild).
    suppressedAliases = Math.round((suppressed.length / Math.max(1, base.entities.size)) * base.aliasCount);
    const terms = this.deltaStale ? this.deltaTerms() : null;
    const deltaSize = terms ? terms.length : (this.delta?.aliasCount ?? 0);
    if (
      deltaSize > Math.max(this.minDelta, base.aliasCount / this.rebuildRatio) ||
      suppressedAliases > Math.max(this.minDelta, base.aliasCount / 4)
    ) {
      return this.rebuild();
    }
    if (terms) {
      this.delta = buildSegment(terms);
      this.deltaStale = false;
      this.lastCompile = 'delta';
    } else {
      this.lastCompile = 'cached';
    }
    return glossaryOf([base.segment, this.delta!], suppressed);
  }
}
