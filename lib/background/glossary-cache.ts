/**
 * The compiled glossary, kept in the background and rebuilt only when the glossary revision
 * (bumped by every glossary write, in the same transaction) moves. Tabs receive the compact
 * compiled form once per revision and keep it; a tab that already has the current revision
 * gets `compiled: null` back.
 */
import { effectiveOptions, glossaryKey, surfaceForms, type Entity, type MatchDefaults } from '../model/entity';
import { compileGlossary } from '../text/compile';
import type { CompiledGlossary } from '../text/compiled';
import type { GlossaryTerm } from '../text/types';

export interface GlossarySnapshot {
  revision: number;
  /** Terms keyed by glossaryKey(type, id): a match tells the tab both. */
  compiled: CompiledGlossary;
  /** For the background's own use (names for search); never sent to tabs. */
  entities: { id: string; name: string; type: Entity['type'] }[];
}

/**
 * The matcher's terms: every name and alias of every entity, with its options, keyed by
 * glossaryKey(type, id). Options an
 * alias leaves open take the reader's defaults (Settings.defaultExactCase and
 * defaultDiacriticSensitive); the same text with the same effective options is sent once.
 */
export function glossaryTerms(entities: readonly Entity[], defaults?: MatchDefaults): GlossaryTerm[] {
  const terms: GlossaryTerm[] = [];
  for (const e of entities) {
    const seen = new Set<string>();
    for (const a of surfaceForms(e)) {
      const o = effectiveOptions(a, defaults);
      const key = `${o.exactCase ? 1 : 0}${o.diacriticSensitive ? 1 : 0}${a.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push({
        entityId: glossaryKey(e.type, e.id),
        text: a.text,
        ...(o.exactCase ? { exactCase: true } : {}),
        ...(o.diacriticSensitive ? { diacriticSensitive: true } : {}),
      });
    }
  }
  return terms;
}

export function buildSnapshot(revision: number, entities: readonly Entity[], defaults?: MatchDefaults): GlossarySnapshot {
  return {
    revision,
    compiled: compileGlossary(glossaryTerms(entities, defaults)),
    entities: entities.map((e) => ({ id: e.id, name: e.name, type: e.type })),
  };
}

export class GlossaryCache {
  private snapshot: GlossarySnapshot | null = null;
  private building: Promise<GlossarySnapshot> | null = null;

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
        const { revision: rev, entities, defaults } = await this.readSnapshot();
        const snap = buildSnapshot(rev, entities, defaults);
        this.snapshot = snap;
        return snap;
      })().finally(() => {
        this.building = null;
      });
    }
    return this.building;
  }
}
