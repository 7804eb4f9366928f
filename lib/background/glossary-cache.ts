/**
 * The compiled glossary, kept in the background and rebuilt only when the glossary revision
 * (bumped by every glossary write, in the same transaction) moves, with the matcher decoded
 * from it: tabs send their text (page.match) and the background finds the mentions, so the
 * glossary is compiled and decoded once, here, never per tab.
 *
 * A service worker is stopped when idle and started again by the next page. So that it can
 * answer that page without reading and compiling every entity first, each compiled glossary
 * is also kept in IndexedDB as an image (glossary-image.ts), written a moment after the
 * compile, off every answer's path; a worker that starts loads it in one read and only
 * decodes it, when it is whole and of the current revision and versions. Otherwise it compiles
 * as before (and writes a new image).
 */
import { effectiveOptions, glossaryKey, surfaceForms, type Entity, type MatchDefaults } from '../model/entity';
import { GlossaryCompiler } from '../text/compile';
import type { CompiledGlossary } from '../text/compiled';
import { createMatcher, type Matcher } from '../text/matcher';
import type { GlossaryTerm } from '../text/types';
import { imageOf, readImage } from './glossary-image';
import { timingMeasure, timingNow } from './timings';
import { errorText } from '../model/error-text';

export interface EntityName {
  id: string;
  name: string;
  type: Entity['type'];
}

export interface GlossarySnapshot {
  revision: number;
  /** Terms keyed by glossaryKey(type, id): a match tells both. */
  compiled: CompiledGlossary;
  /** Decoded from `compiled`; null when the glossary has no alias to match. */
  matcher: Matcher | null;
  /**
   * For the background's own use (names for search); never sent to tabs. Read from the
   * database on first use when the snapshot was loaded from the stored image (which holds
   * no names), then kept.
   */
  entities(): Promise<EntityName[]>;
  /** When an entity (by its glossary key) was added: a shared alias goes to the oldest (page-evidence.ts). */
  createdAt?: (entityKey: string) => number;
}

/** Where the compiled glossary is kept between the background's lives (lib/storage/glossary-image.ts). */
export interface GlossaryImageStore {
  /** The glossary revision and the stored image, read together. */
  load(): Promise<{ revision: number; head: unknown; parts: unknown[] }>;
  /** Keep an image of `revision`, unless the glossary moved on meanwhile. */
  save(image: { revision: number; head: unknown; parts: { id: string; value: unknown }[] }): Promise<'saved' | 'stale'>;
  /** The database schema version, which an image must have been written under. */
  dbVersion: number;
  /** The browser and its version (navigator.userAgent): an image compiled in another is not used. */
  engine: string;
}

export interface GlossaryCacheOptions {
  /** Without it, nothing is kept between lives (tests of other handlers). */
  images?: GlossaryImageStore;
  /** How long after a compile its image is written (default SAVE_DELAY_MS). */
  saveDelayMs?: number;
  log?: (msg: string) => void;
}

/**
 * The image is written this long after a compile: not in the task that answers, and not while
 * the tabs that were waiting send their first page.match (a write of the image holds the
 * `meta` store, which every answer reads settings from, for a few milliseconds, tens for a
 * 100,000-entity base). A worker stopped before that writes nothing: the next one compiles.
 */
export const SAVE_DELAY_MS = 1000;

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
  /** The newest compiled snapshot not yet written as an image, and the timer that will write it. */
  private unsaved: GlossarySnapshot | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly readRevision: () => Promise<number>,
    /** Revision and entities read in one transaction, so they always agree. */
    private readonly readSnapshot: () => Promise<{ revision: number; entities: Entity[]; defaults?: MatchDefaults }>,
    private readonly options: GlossaryCacheOptions = {},
  ) {}

  async current(): Promise<GlossarySnapshot> {
    // A worker that holds no glossary yet goes straight to loading one (which reads the
    // revision with it): one read fewer on the way to a woken worker's first answer.
    if (this.snapshot) {
      const revision = await this.readRevision();
      if (this.snapshot && this.snapshot.revision === revision) return this.snapshot;
    }
    // Concurrent tabs asking at once share one build.
    this.building ??= this.build().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  /**
   * Start making the glossary ready when this worker holds none and is not already at it: a
   * page is about to ask (see entrypoints/background.ts). Costs nothing once it is loaded.
   */
  prefetch(): void {
    if (this.snapshot || this.building) return;
    this.current().catch((err: unknown) => this.log(`the glossary could not be loaded ahead (${errorText(err)})`));
  }

  /** Write the image of the last compile now rather than later (and wait for any write under way). */
  async flushImage(): Promise<void> {
    if (this.saveTimer !== null) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      this.startSave();
    }
    await this.saving;
  }

  private async build(): Promise<GlossarySnapshot> {
    const start = timingNow();
    if (!this.snapshot && this.options.images) {
      const stored = await this.fromImage(this.options.images);
      if (stored) {
        this.snapshot = stored.snap;
        timingMeasure('ncr:glossary-load', start, { source: 'stored', revision: stored.snap.revision, aliases: stored.snap.matcher?.aliasCount ?? 0, ...stored.steps });
        return stored.snap;
      }
    }
    const { revision, entities, defaults } = await this.readSnapshot();
    const compiled = this.incremental.compile(entities, defaults);
    // Decoding is linear in the compiled size; segments already decoded (the big base of an
    // incremental compile) are reused by id, so a small edit decodes only its delta.
    const matcher = createMatcher(compiled);
    const names = entities.map(nameOf);
    const snap: GlossarySnapshot = {
      revision,
      compiled,
      matcher: matcher.aliasCount > 0 ? matcher : null,
      entities: () => Promise.resolve(names),
      createdAt: createdAtOf(entities),
    };
    this.snapshot = snap;
    timingMeasure('ncr:glossary-load', start, { source: 'compiled', revision, aliases: matcher.aliasCount });
    this.scheduleSave(snap);
    return snap;
  }

  /**
   * The stored image as a snapshot, with how long each step took (ms: read, check, decode); or
   * null (missing, damaged, stale: said in the log but for "missing").
   */
  private async fromImage(images: GlossaryImageStore): Promise<{ snap: GlossarySnapshot; steps: Record<string, number> } | null> {
    try {
      const t0 = timingNow();
      const stored = await images.load();
      const t1 = timingNow();
      const verdict = readImage(stored.head, stored.parts, { revision: stored.revision, dbVersion: images.dbVersion, engine: images.engine });
      if (!verdict.ok) {
        if (stored.head !== undefined) this.log(`the stored glossary was not used (${verdict.reason}); compiling it again`);
        return null;
      }
      const t2 = timingNow();
      // The decoder checks the structure of every segment; a damaged one throws here.
      const matcher = createMatcher(verdict.compiled);
      const steps = { readMs: t1 - t0, checkMs: t2 - t1, decodeMs: timingNow() - t2 };
      let names: Promise<EntityName[]> | null = null;
      const snap: GlossarySnapshot = {
        revision: stored.revision,
        compiled: verdict.compiled,
        createdAt: verdict.createdAt,
        matcher: matcher.aliasCount > 0 ? matcher : null,
        entities: () =>
          (names ??= this.readSnapshot().then(
            (s) => s.entities.map(nameOf),
            (err: unknown) => {
              names = null;
              throw err;
            },
          )),
      };
      return { snap, steps };
    } catch (err) {
      this.log(`the stored glossary could not be loaded (${errorText(err)}); compiling it again`);
      return null;
    }
  }

  private scheduleSave(snap: GlossarySnapshot): void {
    if (!this.options.images) return;
    this.unsaved = snap;
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.startSave();
    }, this.options.saveDelayMs ?? SAVE_DELAY_MS);
  }

  private startSave(): void {
    const images = this.options.images;
    const snap = this.unsaved;
    this.unsaved = null;
    if (!images || !snap) return;
    this.saving = this.saving.then(async () => {
      const start = timingNow();
      try {
        const image = imageOf(snap.compiled, snap.revision, images, snap.createdAt ?? (() => Number.MAX_SAFE_INTEGER));
        const parts = [...image.segments.map((s) => ({ id: s.id, value: s as unknown })), { id: image.head.times.id, value: image.times }];
        const outcome = await images.save({ revision: snap.revision, head: image.head, parts });
        timingMeasure('ncr:glossary-save', start, { outcome, revision: snap.revision });
      } catch (err) {
        // Only a slower next start: the glossary is compiled then, as it always could be.
        this.log(`the compiled glossary could not be stored (${errorText(err)})`);
      }
    });
  }

  private log(msg: string): void {
    (this.options.log ?? ((m: string) => console.warn('[news-context-reader]', m)))(msg);
  }
}

function nameOf(e: Entity): EntityName {
  return { id: e.id, name: e.name, type: e.type };
}
