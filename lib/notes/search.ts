/**
 * Full-text search over saved notes (minisearch): the quote, the comment, the tags, the names
 * of the linked entities and the page's title and site. Pure: the background keeps one index in
 * memory and updates it on every write (lib/background/note-handlers.ts).
 *
 * Matching: every word of the query must match (AND). Words of 3+ letters, and the word being
 * typed (the last) from 2 letters, also match as prefixes ("khame" finds "Khamenei"); words of
 * 5+ letters tolerate one typo. Case, accents and apostrophe styles are ignored; one-letter
 * words and the commonest English words ("the", "of"…) are not indexed, so they neither match
 * nor narrow. Results are listed newest first, like the unfiltered list: every result contains
 * every word, so date order is what readers scan by.
 *
 * Building the index for 10,000 notes takes about a second, so it is built in slices
 * (`build()`, yielding between them) while the list itself — newest first, filters — needs no
 * index at all. Text queries wait for the build (`ready`).
 */
import MiniSearch from 'minisearch';
import { tagKey } from '../model/entity';
import type { Note } from '../model/note';

export interface NotesFilter {
  /** Free text; empty lists every note. */
  query: string;
  entityId?: string | null;
  /** Compared case-blind. */
  tag?: string | null;
  site?: string | null;
}

export interface NotesFacets {
  entities: { id: string; count: number }[];
  tags: { tag: string; count: number }[];
  sites: { site: string; count: number }[];
}

interface Doc {
  id: string;
  quote: string;
  comment: string;
  tags: string;
  entities: string;
  title: string;
}

/** Words too common to search by (they are in nearly every quote). */
const STOP_WORDS = new Set(
  'a an and are as at be been but by for from had has have he her his i in is it its of on or she that the their them they this to was were which will with'.split(' '),
);

/** Lower-case, accents removed, one apostrophe: what both the index and the query go through. */
export function foldTerm(term: string): string | null {
  const t = term
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/^'+|'+$/g, '');
  return t.length < 2 || STOP_WORDS.has(t) ? null : t;
}

/** Words: runs of letters, digits and inner apostrophes (any script). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['\u2019][\p{L}\p{N}\p{M}]+)*/gu;
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The words of a query that search: folded, without stop words and one-letter words. */
export function queryTerms(text: string): string[] {
  return tokenize(text).flatMap((w) => foldTerm(w) ?? []);
}

/** Building yields after this long (ms), so that other messages are answered meanwhile. */
const BUILD_SLICE_MS = 8;

export class NotesIndex {
  private readonly search = new MiniSearch<Doc>({
    idField: 'id',
    fields: ['quote', 'comment', 'tags', 'entities', 'title'],
    storeFields: [],
    tokenize,
    processTerm: foldTerm,
    searchOptions: {
      combineWith: 'AND',
      processTerm: (t) => t,
      tokenize: queryTerms,
      prefix: (term, i, terms) => term.length >= 3 || (i === terms.length - 1 && term.length >= 2),
      fuzzy: (term) => (term.length >= 5 ? 1 : false),
      boost: { comment: 1.5, quote: 1.2 },
    },
  });
  private readonly notes = new Map<string, Note>();
  /** Notes in the search index (all of them once built). */
  private readonly indexed = new Set<string>();
  private complete = false;
  private building: Promise<void> | null = null;
  /** Newest first; rebuilt lazily after a change. */
  private sorted: Note[] | null = null;
  private facetCache: NotesFacets | null = null;

  constructor(
    notes: Iterable<Note> = [],
    /** The name of a linked entity (names are searched too); undefined for an unknown id. */
    private readonly entityName: (id: string) => string | undefined = () => undefined,
    /** Build the whole search index at once (tests, the benchmark); else call build(). */
    options: { eager?: boolean } = { eager: true },
  ) {
    for (const n of notes) this.notes.set(n.id, n);
    if (options.eager) this.finish();
  }

  get size(): number {
    return this.notes.size;
  }

  get ready(): boolean {
    return this.complete;
  }

  get(id: string): Note | undefined {
    return this.notes.get(id);
  }

  private doc(n: Note): Doc {
    return {
      id: n.id,
      quote: n.quote,
      comment: n.comment,
      tags: n.tags.join(' \u2022 '),
      entities: n.entityIds.map((id) => this.entityName(id) ?? '').join(' \u2022 '),
      title: `${n.title} \u2022 ${n.site}`,
    };
  }

  private addToSearch(id: string) {
    const n = this.notes.get(id);
    if (!n || this.indexed.has(id)) return;
    this.search.add(this.doc(n));
    this.indexed.add(id);
  }

  /** Index everything not indexed yet, now. */
  private finish() {
    for (const id of this.notes.keys()) this.addToSearch(id);
    this.complete = true;
  }

  /** Build the search index in slices, yielding in between (other messages get answered). */
  build(yieldNow: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0))): Promise<void> {
    if (this.complete) return Promise.resolve();
    this.building ??= (async () => {
      let n = 0;
      let sliceStart = performance.now();
      for (const id of [...this.notes.keys()]) {
        this.addToSearch(id);
        if (++n % 16 === 0 && performance.now() - sliceStart >= BUILD_SLICE_MS) {
          await yieldNow();
          sliceStart = performance.now();
        }
      }
      this.finish();
    })();
    return this.building;
  }

  /** Add a note, or replace the one with its id. */
  put(note: Note): void {
    const known = this.notes.has(note.id);
    this.notes.set(note.id, note);
    if (this.indexed.has(note.id)) this.search.replace(this.doc(note));
    // A note the build has not reached yet is indexed (in its latest version) when it does.
    else if (!known || this.complete) this.addToSearch(note.id);
    this.changed();
  }

  remove(id: string): void {
    if (!this.notes.has(id)) return;
    if (this.indexed.delete(id)) this.search.discard(id);
    this.notes.delete(id);
    this.changed();
  }

  private changed() {
    this.sorted = null;
    this.facetCache = null;
  }

  private newestFirst(): Note[] {
    this.sorted ??= [...this.notes.values()].sort(byNewest);
    return this.sorted;
  }

  /** The notes matching, newest first. A text query finishes the index first if it must. */
  query(filter: NotesFilter): Note[] {
    const { entityId, site } = filter;
    const tag = filter.tag ? tagKey(filter.tag) : null;
    const keep = (n: Note) =>
      (!entityId || n.entityIds.includes(entityId)) &&
      (!site || n.site === site) &&
      (!tag || n.tags.some((t) => tagKey(t) === tag));
    const text = filter.query.trim();
    if (!queryTerms(text).length) {
      const all = this.newestFirst();
      return entityId || site || tag ? all.filter(keep) : all;
    }
    if (!this.complete) this.finish();
    const hits = this.search.search(text);
    const out: Note[] = [];
    for (const h of hits) {
      const n = this.notes.get(h.id as string);
      if (n && keep(n)) out.push(n);
    }
    return out.sort(byNewest);
  }

  /** What the filters can choose from, with how many notes each has (over every note). */
  facets(): NotesFacets {
    if (this.facetCache) return this.facetCache;
    const entities = new Map<string, number>();
    const tags = new Map<string, { tag: string; count: number }>();
    const sites = new Map<string, number>();
    for (const n of this.notes.values()) {
      for (const id of n.entityIds) entities.set(id, (entities.get(id) ?? 0) + 1);
      for (const t of n.tags) {
        const k = tagKey(t);
        const e = tags.get(k);
        if (e) e.count++;
        else tags.set(k, { tag: t, count: 1 });
      }
      if (n.site) sites.set(n.site, (sites.get(n.site) ?? 0) + 1);
    }
    const byCount = <T extends { count: number }>(a: T, b: T, ka: string, kb: string) => b.count - a.count || ka.localeCompare(kb);
    this.facetCache = {
      entities: [...entities].map(([id, count]) => ({ id, count })).sort((a, b) => byCount(a, b, a.id, b.id)),
      tags: [...tags.values()].sort((a, b) => byCount(a, b, a.tag, b.tag)),
      sites: [...sites].map(([site, count]) => ({ site, count })).sort((a, b) => byCount(a, b, a.site, b.site)),
    };
    return this.facetCache;
  }
}

function byNewest(a: Note, b: Note): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
