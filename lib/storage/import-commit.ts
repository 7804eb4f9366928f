/**
 * Step 2 of an import (import.ts says the policy): the file written with the reader's choices,
 * in one transaction over every store, all of the file or nothing. Every read is issued first
 * (requests run in order, so a read issued after the first write would wait for the writes
 * before it); then each part is built — entities, settings, articles, mention rows, notes,
 * statistics — and written as soon as it is built, while the next part is built.
 */
import { canonicalEntity, type Entity } from '../model/entity';
import { nextVersion } from '../model/version';
import type { Article } from '../model/article';
import type { ImportBundle } from '../model/import-file';
import type { DuplicateChoice, ImportChoices, ImportOutcome } from '../model/import-plan';
import { MergeTooLargeError, mergeEntityFields, sameEntityContent } from '../model/merge';
import { Settings } from '../model/settings';
import { Note } from '../model/note';
import { putAllRaw, requestAll, runTransaction, type Database, type Tx } from './db';
import { ValidationError } from './errors';
import { bumpRevision, checkedEntity, fromStored, newEntityId, toStored } from './entity-records';
import { fromStoredReadings, toStoredReadings, type EntityStats, type ReadingRow, type Readings, type StoredArticle, type StoredEntity, type StoredReadings } from './schema';
import { sortRows, toStoredArticle } from './reading-rows';
import { StatsEditor } from './stats';
import { META_SETTINGS, readSettings, readVersionedSettings } from './settings-record';
import { META_ALIAS_EXCLUSIONS, mergeExclusions, readExclusions } from './alias-exclusions';
import { indexGlossary, matchEntry } from './import-match';

const MAX_COUNT = 1_000_000;
const STORES = ['entities', 'articles', 'readings', 'notes', 'meta', 'statBuckets'] as const;
type ImportTx = Tx<('entities' | 'articles' | 'readings' | 'notes' | 'meta' | 'statBuckets')[], 'readwrite'>;

/** Import the bundle with these choices: one transaction, all or nothing. */
export async function commitImport(db: Database, bundle: ImportBundle, choices: ImportChoices, now: number): Promise<ImportOutcome> {
  if (!Number.isSafeInteger(now) || now < 0) throw new ValidationError('import', [`now: not a valid time (${now})`]);
  return runTransaction(db, [...STORES], 'readwrite', async (tx) => {
    const before = await readBefore(tx, bundle);
    const writes: Promise<void>[] = [];
    const write = (w: Promise<void>) => {
      w.catch(() => {});
      writes.push(w);
    };
    const outcome: ImportOutcome = {
      entities: { added: 0, merged: 0, skipped: 0, unchanged: 0 },
      articles: { added: 0, updated: 0 },
      mentions: 0,
      notes: { added: 0, skipped: 0 },
      settingsRestored: false,
    };
    const entityStore = tx.objectStore('entities');
    const meta = tx.objectStore('meta');

    const entities = planEntities(bundle, before.existing, choices, now, outcome);
    // `add` for new entities: should an id exist after all, the import aborts.
    write(putAllRaw(entityStore, entities.added.map(toStored), 'add'));
    write(putAllRaw(entityStore, [...entities.written.values()].map(toStored)));

    let defaultsChanged = false;
    if (choices.restoreSettings && bundle.settings) {
      const next = Settings.parse(bundle.settings);
      const current = readSettings(before.settings);
      defaultsChanged = next.defaultExactCase !== current.defaultExactCase || next.defaultDiacriticSensitive !== current.defaultDiacriticSensitive;
      write(meta.put({ ...next, version: nextVersion(readVersionedSettings(before.settings)) }, META_SETTINGS).then(() => undefined));
      outcome.settingsRestored = true;
      // The per-site alias switches come back with the settings, under the entities' ids here.
      const restored = bundle.aliasExclusions.map((x) => ({ ...x, entityId: entities.idMap.get(x.entityId) ?? x.entityId }));
      const exclusions = mergeExclusions(readExclusions(before.exclusions), restored);
      if (exclusions.length !== readExclusions(before.exclusions).length) {
        write(meta.put(exclusions, META_ALIAS_EXCLUSIONS).then(() => undefined));
        defaultsChanged = true;
      }
    }

    const articles = mergeArticles(bundle.articles, before.articles, outcome);
    const reading = planReadings(bundle, articles, before, entities.idMap, outcome);
    write(putAllRaw(tx.objectStore('articles'), reading.articles));
    write(putAllRaw(tx.objectStore('readings'), reading.readings));

    // Saved notes, by id; a note's entity links follow its entities (merged, or given a new id).
    const notes = bundle.notes
      .filter((_, i) => before.noteExists[i] === undefined)
      .map((n) => Note.parse({ ...n, version: 1, entityIds: [...new Set((n.entityIds ?? []).map((id) => entities.idMap.get(id) ?? id))] }));
    outcome.notes.added = notes.length;
    outcome.notes.skipped = bundle.notes.length - notes.length;
    write(putAllRaw(tx.objectStore('notes'), notes, 'add'));

    // Statistics of the entities whose rows changed (at most 256 bucket records).
    for (const [id, d] of reading.statDelta) {
      const o = before.stats.get(id);
      before.stats.set(id, o ? { entityId: id, articles: o.articles + d.articles, mentions: o.mentions + d.mentions, lastSeen: Math.max(o.lastSeen, d.lastSeen) } : d);
    }
    write(before.stats.flush());
    for (const w of writes) await w;
    if (entities.added.length + entities.written.size > 0 || defaultsChanged) await bumpRevision(meta);
    return outcome;
  });
}

/** Everything the import reads, before its first write. (Into an empty store, per-record reads are skipped.) */
async function readBefore(tx: ImportTx, bundle: ImportBundle) {
  const articleStore = tx.objectStore('articles');
  const readingsStore = tx.objectStore('readings');
  const noteStore = tx.objectStore('notes');
  const [existing, articleCount, noteCount, settings, exclusions] = await Promise.all([
    tx.objectStore('entities').getAll(),
    articleStore.count(),
    noteStore.count(),
    tx.objectStore('meta').get(META_SETTINGS),
    tx.objectStore('meta').get(META_ALIAS_EXCLUSIONS),
  ]);
  const urls = articleCount ? bundle.articles.map((a) => a.url) : [];
  const stats = new StatsEditor(tx.objectStore('statBuckets'));
  const [articles, readings, noteExists] = await Promise.all([
    requestAll(urls, (u) => articleStore.get(u)),
    requestAll(urls, (u) => readingsStore.get(u)),
    noteCount ? requestAll(bundle.notes, (n) => noteStore.getKey(n.id)) : [],
    stats.loadAll(),
  ]);
  return { existing, settings, exclusions, articles, readings, noteExists, stats };
}
type Before = Awaited<ReturnType<typeof readBefore>>;

/**
 * The entity records to write, every one built and validated before the first write: new ones
 * (and "keep both") added, merges written over the stored entity; `idMap` maps each file id to
 * the entity it now is, for its reading rows and notes.
 */
function planEntities(bundle: ImportBundle, existing: StoredEntity[], choices: ImportChoices, now: number, outcome: ImportOutcome) {
  const choiceOf = (i: number): DuplicateChoice => {
    const c = choices.choices?.[i] ?? choices.default;
    return c === 'merge' || c === 'skip' || c === 'keep' ? c : 'merge';
  };
  // An import never merges into a subscribed (team) entity: those are read-only here.
  const index = indexGlossary(existing.filter((e) => !e.source));
  const idMap = new Map<string, string>();
  const written = new Map<string, Entity>();
  const added: Entity[] = [];
  const takenIds = new Set(existing.map((e) => e.id));
  const problems: string[] = [];
  /** Problems a record can have are collected (all of them said at once); anything else aborts. */
  const collect = (err: unknown, prefix?: string) => {
    if (err instanceof MergeTooLargeError && prefix) problems.push(`${prefix}: ${err.message}`);
    else if (err instanceof ValidationError) problems.push(...err.problems);
    else throw err;
  };
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
          written.set(target!.id, checkedEntity({ ...merged, id: current.id, createdAt: current.createdAt, updatedAt: now, version: nextVersion(fromStored(target!)) }, 'import', ['entities', i]));
        }
      } catch (err) {
        collect(err, `entities[${i}] (${entry.name}): cannot merge into “${current.name}”`);
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
      added.push(checkedEntity({ ...fields, id, createdAt, updatedAt: entry.updatedAt ?? createdAt, version: 1 }, 'import', ['entities', i]));
    } catch (err) {
      collect(err);
    }
    outcome.entities.added++;
    if (fileId !== undefined) idMap.set(fileId, id);
  });
  if (problems.length) throw new ValidationError('import', problems.slice(0, 50));
  return { idMap, written, added };
}

/** The file's articles joined with those stored: earliest firstSeen, latest lastSeen, the later visit's title and site. */
function mergeArticles(incoming: readonly Article[], previous: readonly (StoredArticle | undefined)[], outcome: ImportOutcome): Article[] {
  return incoming.map((a, i) => {
    const prev = previous[i];
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
}

/** The file's mention rows, mapped to the entity each now belongs to, by article URL. */
function incomingRows(bundle: ImportBundle, idMap: ReadonlyMap<string, string>): Map<string, Map<string, ReadingRow>> {
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
  return incoming;
}

/**
 * Every article's records with the file's rows joined in (a row already stored keeps the higher
 * count), the readings records that changed, and the change of each entity's statistics.
 */
function planReadings(bundle: ImportBundle, articles: readonly Article[], before: Before, idMap: ReadonlyMap<string, string>, outcome: ImportOutcome) {
  const incoming = incomingRows(bundle, idMap);
  // Rows already stored can only exist for articles already stored.
  const storedReadings = new Map<string, Readings>();
  for (const r of before.readings) if (r) storedReadings.set(r.url, fromStoredReadings(r));
  const storedArticles: StoredArticle[] = [];
  const readings: StoredReadings[] = [];
  const statDelta = new Map<string, EntityStats>();
  articles.forEach((article, i) => {
    const stored = storedReadings.get(article.url);
    const rows = new Map((stored?.rows ?? []).map((r) => [r.entityId, r]));
    let changed = !before.articles[i];
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
  return { articles: storedArticles, readings, statDelta };
}
