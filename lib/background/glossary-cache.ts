/**
 * The compiled glossary, kept in the background and rebuilt only when the glossary revision
 * (bumped by every glossary write, in the same transaction) moves, with the matcher decoded
 * from it: tabs send their text (page.match) and the background finds the mentions, so the
 * glossary is compiled and decoded once, here, never per tab.
 */
import { effectiveOptions, glossaryKey, surfaceForms, type Entity, type MatchDefaults } from '../model/entity';
import { GlossaryCompiler } from '../text/compile';
import type { CompiledGlossary } from '../text/compiled';
import { createMatcher, type Matcher } from '../text/matcher';
import type { GlossaryTerm } from '../text/types';
import { timingMeasure, timingNow } from './timings';

export interface GlossarySnapshot {
  revision: number;
  /** Terms keyed by glossaryKey(type, id): a match tells both. */
  compiled: CompiledGlossary;
  /** Decoded from `compiled`; null when the glossary has no alias to match. */
  matcher: Matcher | null;
  /** For the background's own use (names for search); never sent to tabs. */
  entities: { id: string; name: string; type: Entity['type'] }[];
  /** When an entity (by its glossary key) was added: a shared alias goes to the oldest (page-evidence.ts). */
  createdAt?: (entityKey: string) => number;
}

/**
 * The matcher's terms: every name and alias of every entity, with its options, keyed by
 * glossaryKey(type, id). Options an
 * alias leaves open take the reader's defaults (Settings.defaultExactCase and
 * defaultDiacriticSensitive); the same text with the same effective options is sent once.
 * An alias the reader set to "any case" (exactCase: false) matches any capitalisation; one
 * that follows the default matches capitals with capitals (lib/text/compile.ts aliasFlags).
 */
export function glossaryTerms(entities: readonly Entity[], defaults?: MatchDefaults): GlossaryTerm[] {
  const terms: GlossaryTerm[] = [];
  for (const e of entities) {
    const seen = new Set<string>();
    for (const a of surfaceForms(e)) {
      const o = effectiveOptions(a, defaults);
      const anyCase = !o.exactCase && a.exactCase === false;
      const key = `${o.exactCase ? 1 : anyCase ? 2 : 0}${o.diacriticSensitive ? 1 : 0}${a.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push({
        entityId: glossaryKey(e.type, e.id),
        text: a.text,
        ...(o.exactCase ? { exactCase: true } : {}),
        ...(anyCase ? { anyCase: true } : {}),
        ...(o.diacriticSensitive ? { diacriticSensitive: true } : {}),
      });
    }
  }
  return terms;
}

/**
 * Compiles successive versions of the glossary incrementally: an entity whose terms did not
 * change is not touched, so adding or editing one entity compiles a small delta segment (and
 * tabs, which cache decoded segments, decode only that) instead of the whole glossary.
 */
export class IncrementalGlossary {
  private readonly compiler = new GlossaryCompiler();
  /** Entity id -> its key in the compiled glossary and a signature of its terms. */
  private readonly known = new Map<string, { key: string; signature: string }>();

  compile(entities: readonly Entity[], defaults?: MatchDefaults): CompiledGlossary {
    const seen = new Set<string>();
    for (const e of entities) {
      seen.add(e.id);
      const key = glossaryKey(e.type, e.id);
      const terms = glossaryTerms([e], defaults).map(({ entityId: _key, ...options }) => options);
      const signature = JSON.stringify(terms);
      const old = this.known.get(e.id);
      if (old && old.key === key && old.signature === signature) continue;
      if (old && old.key !== key) this.compiler.removeEntity(old.key);
      this.compiler.setEntity(key, terms);
      this.known.set(e.id, { key, signature });
    }
    for (const [id, old] of this.known) {
      if (seen.has(id)) continue;
      this.compiler.removeEntity(old.key);
      this.known.delete(id);
    }
    return this.compiler.compile();
  }
}

function createdAtOf(entities: readonly Entity[]): (entityKey: string) => number {
  const at = new Map(entities.map((e) => [glossaryKey(e.type, e.id), e.createdAt]));
  return (key) => at.get(key) ?? Number.MAX_SAFE_INTEGER;
}

export class GlossaryCache {
  private snapshot: GlossarySnapshot | null = null;
  private building: Promise<GlossarySnapshot> | null = null;
  private readonly incremental = new IncrementalGlossary();

  constructor(
    private readonly readRevision: () => Promise<number>,
    /** Revision and entities read in one transaction, so they always agree. */
    private readonly readSnapshot: () => Promise<{ revision: number; entities: Entity[]; defaults?: MatchDefaults }>,
  ) {}

  async current(): Promise<GlossarySnapshot> {
    const revision = await this.readRevision();
    if (this.snapshot && this.snapshot.revision === revision) return this.snapshot;
    // Concurrent tabs asking at once share one build.
    if (!this.building) {
      this.building = (async () => {
        const start = timingNow();
        const { revision: rev, entities, defaults } = await this.readSnapshot();
        const compiled = this.incremental.compile(entities, defaults);
        // Decoding is linear in the compiled size; segments already decoded (the big base of an
        // incremental compile) are reused by id, so a small edit decodes only its delta.
        const matcher = createMatcher(compiled);
        const snap: GlossarySnapshot = {
          revision: rev,
          compiled,
          matcher: matcher.aliasCount > 0 ? matcher : null,
          entities: entities.map((e) => ({ id: e.id, name: e.name, type: e.type })),
          createdAt: createdAtOf(entities),
        };
        this.snapshot = snap;
        timingMeasure('ncr:glossary-load', start, { source: 'compiled', revision: rev, aliases: matcher.aliasCount });
        return snap;
      })().finally(() => {
        this.building = null;
      });
    }
    return this.building;
  }
}
