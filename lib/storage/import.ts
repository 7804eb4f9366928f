/**
 * Importing a file in two steps: preview (what is new, what duplicates what is already
 * stored) and commit (with the reader's choice per duplicate: merge, skip or keep both).
 * The commit is one transaction over every store: all of the file or nothing.
 *
 * A duplicate is an entry whose id is a stored entity's id, or whose name or an alias equals a
 * stored entity's name or alias (normalizeName: case, spacing and apostrophe style ignored).
 * An entry identical to the stored entity with its id is not a question: it is left as is.
 *
 * Choices:
 *  - merge: the stored entity absorbs the entry (mergeEntityFields: its aliases, tags and links
 *    added, notes appended; the stored name, type and id stay). The entry's reading rows attach
 *    to the stored entity.
 *  - skip: the stored entity is left as it is; the entry's reading rows (backup files) still
 *    attach to it: the reading happened.
 *  - keep: the entry is added as a separate entity (with a new id when its id is taken).
 * Reading index: an article already stored keeps the earliest firstSeen and the latest
 * lastSeen (title and site of the later visit); a mention row already stored keeps the higher
 * count (the same reading recorded twice is not two readings). Saved notes are matched by id;
 * one already stored is left alone. Settings are replaced only when asked (restoreSettings).
 */
import { canonicalEntity, type Entity } from '../model/entity';
import type { Article } from '../model/article';
import type { ImportBundle, ImportKind } from '../model/import-file';
import { MergeTooLargeError, mergeEntityFields, sameEntityContent } from '../model/merge';
import { Settings } from '../model/settings';
import { Note } from '../model/note';
import { putAllRaw, requestAll, runTransaction, type Database } from './db';
import { ValidationError } from './errors';
import { bumpRevision, checkedEntity, fromStored, newEntityId, toStored } from './entities';
import { aliasKeysOf, normalizeName } from './keys';
import { fromStoredReadings, toStoredReadings, type EntityStats, type ReadingRow, type Readings, type StoredArticle, type StoredEntity, type StoredReadings } from './schema';
import { sortRows, toStoredArticle } from './reading';
import { StatsEditor } from './stats';
import { META_SETTINGS, readSettings } from './settings-record';

export type DuplicateChoice = 'merge' | 'skip' | 'keep';

export interface DuplicateMatch {
  id: string;
  name: string;
  type: Entity['type'];
  /** How it matched: the same id, the same name, or a shared name/alias (`text`). */
  by: 'id' | 'name' | 'alias';
  text: string;
}

export interface Duplicate {
  /** Position of the entry in the file's entities. */
  index: number;
  name: string;
  type: Entity['type'];
  matches: DuplicateMatch[];
}

export interface ImportPreview {
  kind: ImportKind;
  counts: { entities: number; articles: number; mentions: number; notes: number; settings: boolean };
  /** Entries that will be added without a question. */
  newEntities: number;
  /** Entries identical to the stored entity with their id: left as they are. */
  unchanged: number;
  /** Entries that need a choice, in file order (at most `maxListed`). */
  duplicates: Duplicate[];
  /** How many entries need a choice in all. */
  duplicateCount: number;
  /** Added by the background: entries whose aliases need saying (lib/background/names-handlers.ts). */
  aliasNotes?: { index: number; name: string; reviews: import('../background/alias-review').AliasReview[] }[];
}

export interface ImportChoices {
  /** For every duplicate without its own choice. */
  default: DuplicateChoice;
  /** By the entry's index in the file. */
  choices?: Record<number, DuplicateChoice>;
  /** Replace the settings with the backup's (backup files only). */
  restoreSettings?: boolean;
}

export interface ImportOutcome {
  entities: { added: number; merged: number; skipped: number; unchanged: number };
  articles: { added: number; updated: number };
  mentions: number;
  notes: { added: number; skipped: number };
  settingsRestored: boolean;
}

interface Matched {
  idMatch: StoredEntity | undefined;
  identical: boolean;
  others: { entity: StoredEntity; key: string }[];
}

function indexGlossary(existing: StoredEntity[]) {
  const byId = new Map(existing.map((e) => [e.id, e]));
  const byKey = new Map<string, StoredEntity[]>();
  for (const e of existing) {
    for (const k of aliasKeysOf(e)) {
      const list = byKey.get(k);
      if (list) list.push(e);
      else byKey.set(k, [e]);
    }
  }
  // Oldest first: the one a merge goes to when several match.
  for (const list of byKey.values()) list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return { byId, byKey };
}

function matchEntry(entry: ImportBundle['entities'][number], index: ReturnType<typeof indexGlossary>): Matched {
  // Into an empty glossary (a backup restored to a new profile) nothing can match.
  if (index.byId.size === 0) return { idMatch: undefined, identical: false, others: [] };
  const idMatch = entry.id !== undefined ? index.byId.get(entry.id) : undefined;
  const others: Matched['others'] = [];
  const seen = new Set<string>(idMatch ? [idMatch.id] : []);
  for (const key of aliasKeysOf(entry)) {
    for (const e of index.byKey.get(key) ?? []) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      others.push({ entity: e, key });
    }
  }
  // Identical to the entity with its id, or (without an id match) to the one entity it
  // matches: nothing to ask, nothing to write (a file imported twice).
  const content = canonicalEntity(entry);
  const identical = idMatch
    ? sameEntityContent(fromStored(idMatch), content)
    : others.length === 1 && sameEntityContent(fromStored(others[0]!.entity), content);
  return { idMatch, identical, others };
}

function describeMatches(entry: ImportBundle['entities'][number], m: Matched): DuplicateMatch[] {
  const out: DuplicateMatch[] = [];
  if (m.idMatch) out.push({ id: m.idMatch.id, name: m.idMatch.name, type: m.idMatch.type, by: 'id', text: m.idMatch.id });
  const nameKey = normalizeName(entry.name);
  for (const { entity, key } of m.others.slice(0, 5)) {
    const text = [entry.name, ...entry.aliases.map((a) => a.text)].find((t) => normalizeName(t) === key) ?? key;
    out.push({ id: entity.id, name: entity.name, type: entity.type, by: key === nameKey && entity.nameKey === key ? 'name' : 'alias', text });
  }
  return out;
}

/** What importing this bundle would do, and which entries need a choice. Reads only. */
export async function previewImport(db: Database, bundle: ImportBundle, maxListed = 1000): Promise<ImportPreview> {
  const existing = await db.getAll('entities');
  const index = indexGlossary(existing);
  const duplicates: Duplicate[] = [];
  let duplicateCount = 0;
  let unchanged = 0;
  let newEntities = 0;
  bundle.entities.forEach((entry, i) => {
    const m = matchEntry(entry, index);
    if (m.identical) unchanged++;
    else if (!m.idMatch && m.others.length === 0) newEntities++;
    else {
      duplicateCount++;
      if (duplicates.length < maxListed) duplicates.push({ index: i, name: entry.name, type: entry.type, matches: describeMatches(entry, m) });
    }
  });
  return {
    kind: bundle.kind,
    counts: {
      entities: bundle.entities.length,
      articles: bundle.articles.length,
      mentions: bundle.mentions.length,
      notes: bundle.notes.length,
      settings: bundle.settings !== null,
    },
    newEntities,
    unchanged,
    duplicates,
    duplicateCount,
  };
}

const MAX_COUNT = 1_000_000;

/** Import the bundle with these choices: one transaction, all or nothing. */
export async function commitImport(db: Database, bundle: ImportBundle, choices: ImportChoices, now: number): Promise<ImportOutcome> {
  if (!Number.isSafeInteger(now) || now < 0) throw new ValidationError('import', [`now: not a valid time (${now})`]);
  const choiceOf = (i: number): DuplicateChoice => {
    const c = choices.choices?.[i] ?? choices.default;
    return c === 'merge' || c === 'skip' || c === 'keep' ? c : 'merge';
  };

  return runTransaction(db, ['entities', 'articles', 'readings', 'notes', 'meta', 'statBuckets'], 'readwrite', async (tx) => {
    const entityStore = tx.objectStore('entities');
    const articleStore = tx.objectStore('articles');
    const readingsStore = tx.objectStore('readings');
    const noteStore = tx.objectStore('notes');
    const meta = tx.objectStore('meta');
    // ---- Every read first: requests run in order, so a read issued after the first write
    // would wait for the writes before it. Then each part is written as soon as it is built,
    // and the database works on it while the next part is built. (Into an empty store, the
    // per-record reads are skipped.)
    const [existing, articleCount, noteCount, currentSettings] = await Promise.all([
      entityStore.getAll(),
      articleStore.count(),
      noteStore.count(),
      meta.get(META_SETTINGS),
    ]);
    const urls = articleCount ? bundle.articles.map((a) => a.url) : [];
    const stats = new StatsEditor(tx.objectStore('statBuckets'));
    const [previousArticles, previousReadings, noteExists] = await Promise.all([
      requestAll(urls, (u) => articleStore.get(u)),
      requestAll(urls, (u) => readingsStore.get(u)),
      noteCount ? requestAll(bundle.notes, (n) => noteStore.getKey(n.id)) : [],
      stats.loadAll(),
    ]);
    const writes: Promise<void>[] = [];
    const write = (w: Promise<void>) => {
      w.catch(() => {});
      writes.push(w);
    };
    const index = indexGlossary(existing);
    const outcome: ImportOutcome = {
      entities: { added: 0, merged: 0, skipped: 0, unchanged: 0 },
      articles: { added: 0, updated: 0 },
      mentions: 0,
      notes: { added: 0, skipped: 0 },
      settingsRestored: false,
    };

    // ---- Entities: every record built and validated before the first write.
    const idMap = new Map<string, string>();
    const written = new Map<string, Entity>();
    const added: Entity[] = [];
    const takenIds = new Set(existing.map((e) => e.id));
    const problems: string[] = [];
    bundle.entities.forEach((entry, i) => {
      const m = matchEntry(entry, index);
      const fields = canonicalEntity({ name: entry.name, type: entry.type, aliases: entry.aliases, notes: entry.notes, tags: entry.tags, links: entry.links });
      const target = m.idMatch ?? m.others[0]?.entity;
      const choice = m.identical ? 'unchanged' : target ? choiceOf(i) : 'new';
      const fileId = entry.id;
      if (choice === 'unchanged' || choice === 'skip') {
        if (choice === 'unchanged') outcome.entities.unchanged++;
        else outcome.entities.skipped++;
        if (fileId !== undefined) idMap.set(fileId, target!.id);
        return;
      }
      if (choice === 'merge') {
        const current = written.get(target!.id) ?? fromStored(target!);
        let changed = false;
        try {
          const merged = mergeEntityFields(current, fields);
          if (!sameEntityContent(current, merged)) {
            changed = true;
            written.set(target!.id, checkedEntity({ ...merged, id: current.id, createdAt: current.createdAt, updatedAt: now }, 'import', ['entities', i]));
          }
        } catch (err) {
          if (err instanceof MergeTooLargeError) problems.push(`entities[${i}] (${entry.name}): cannot merge into “${current.name}”: ${err.message}`);
          else if (err instanceof ValidationError) problems.push(...err.problems);
          else throw err;
        }
        // Merging what is already there changes nothing: counted as unchanged.
        if (changed) outcome.entities.merged++;
        else outcome.entities.unchanged++;
        if (fileId !== undefined) idMap.set(fileId, target!.id);
        return;
      }
      // New, or "keep both".
      const id = fileId !== undefined && !takenIds.has(fileId) ? fileId : newEntityId();
      takenIds.add(id);
      const createdAt = entry.createdAt ?? entry.updatedAt ?? now;
      try {
        added.push(checkedEntity({ ...fields, id, createdAt, updatedAt: entry.updatedAt ?? createdAt }, 'import', ['entities', i]));
      } catch (err) {
        if (err instanceof ValidationError) problems.push(...err.problems);
        else throw err;
      }
      outcome.entities.added++;
      if (fileId !== undefined) idMap.set(fileId, id);
    });
    if (problems.length) throw new ValidationError('import', problems.slice(0, 50));
    // `add` for new entities: should an id exist after all, the import aborts.
    write(putAllRaw(entityStore, added.map(toStored), 'add'));
    write(putAllRaw(entityStore, [...written.values()].map(toStored)));

    // ---- Settings.
    let defaultsChanged = false;
    if (choices.restoreSettings && bundle.settings) {
      const next = Settings.parse(bundle.settings);
      const current = readSettings(currentSettings);
      defaultsChanged = next.defaultExactCase !== current.defaultExactCase || next.defaultDiacriticSensitive !== current.defaultDiacriticSensitive;
      write(meta.put(next, META_SETTINGS).then(() => undefined));
      outcome.settingsRestored = true;
    }

    // ---- Articles.
    const articles: Article[] = bundle.articles.map((a, i) => {
      const prev = previousArticles[i];
      if (!prev) {
        outcome.articles.added++;
        return a;
      }
      const later = a.lastSeen >= prev.lastSeen ? a : prev;
      const out: Article = {
        url: a.url,
        title: later.title || prev.title || a.title,
        site: later.site || prev.site || a.site,
        firstSeen: Math.min(a.firstSeen, prev.firstSeen),
        lastSeen: Math.max(a.lastSeen, prev.lastSeen),
      };
      const publishedAt = prev.publishedAt ?? a.publishedAt;
      if (publishedAt !== undefined) out.publishedAt = publishedAt;
      outcome.articles.updated++;
      return out;
    });

    // ---- Mention rows: file rows mapped to the entity they now belong to, by article.
    const incoming = new Map<string, Map<string, ReadingRow>>();
    for (const m of bundle.mentions) {
      const entityId = idMap.get(m.entityId);
      if (entityId === undefined) continue;
      let ofUrl = incoming.get(m.url);
      if (!ofUrl) incoming.set(m.url, (ofUrl = new Map()));
      const prev = ofUrl.get(entityId);
      if (prev) {
        // Two entries of the file became one entity: their mentions add up.
        prev.count = Math.min(MAX_COUNT, prev.count + m.count);
        prev.snippet ||= m.snippet;
        prev.lastSeen = Math.max(prev.lastSeen, m.lastSeen);
      } else {
        ofUrl.set(entityId, { entityId, count: m.count, snippet: m.snippet, lastSeen: m.lastSeen });
      }
    }
    // Rows already stored can only exist for articles already stored.
    const storedReadings = new Map<string, Readings>();
    for (const r of previousReadings) if (r) storedReadings.set(r.url, fromStoredReadings(r));
    const storedArticles: StoredArticle[] = [];
    const readings: StoredReadings[] = [];
    const statDelta = new Map<string, EntityStats>();
    articles.forEach((article, i) => {
      const stored = storedReadings.get(article.url);
      const rows = new Map((stored?.rows ?? []).map((r) => [r.entityId, r]));
      let changed = !previousArticles[i];
      for (const m of incoming.get(article.url)?.values() ?? []) {
        const prev = rows.get(m.entityId);
        const row = prev
          ? { ...prev, count: Math.max(prev.count, m.count), snippet: prev.snippet || m.snippet, lastSeen: Math.max(prev.lastSeen, m.lastSeen) }
          : m;
        if (prev && prev.count === row.count && prev.snippet === row.snippet && prev.lastSeen === row.lastSeen) continue;
        rows.set(row.entityId, row);
        changed = true;
        outcome.mentions++;
        const d = statDelta.get(row.entityId) ?? { entityId: row.entityId, articles: 0, mentions: 0, lastSeen: 0 };
        d.articles += prev ? 0 : 1;
        d.mentions += row.count - (prev?.count ?? 0);
        d.lastSeen = Math.max(d.lastSeen, row.lastSeen);
        statDelta.set(row.entityId, d);
      }
      const sorted = sortRows([...rows.values()]);
      storedArticles.push(toStoredArticle(article, sorted));
      if (changed) readings.push(toStoredReadings(article.url, sorted));
    });

    write(putAllRaw(articleStore, storedArticles));
    write(putAllRaw(readingsStore, readings));

    // ---- Notes (saved quotes), by id.
    // A note's entity links follow its entities (merged into a stored one, or given a new id).
    const notes = bundle.notes
      .filter((_, i) => noteExists[i] === undefined)
      .map((n) => Note.parse({ ...n, entityIds: [...new Set((n.entityIds ?? []).map((id) => idMap.get(id) ?? id))] }));
    outcome.notes.added = notes.length;
    outcome.notes.skipped = bundle.notes.length - notes.length;

    write(putAllRaw(noteStore, notes, 'add'));

    // ---- Statistics of the entities whose rows changed (at most 256 bucket records).
    for (const [id, d] of statDelta) {
      const o = stats.get(id);
      stats.set(id, o ? { entityId: id, articles: o.articles + d.articles, mentions: o.mentions + d.mentions, lastSeen: Math.max(o.lastSeen, d.lastSeen) } : d);
    }

    write(stats.flush());
    for (const w of writes) await w;
    if (added.length + written.size > 0 || defaultsChanged) await bumpRevision(meta);
    return outcome;
  });
}
