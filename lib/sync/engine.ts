/// <reference types="pouchdb-core" />
/// <reference types="pouchdb-replication" />
/**
 * One sync cycle (docs/sync.md): the extension's IndexedDB stays the store everything reads; a
 * local PouchDB database, the mirror, holds one document per record and carries replication.
 *
 *   1. apply what the mirror holds that the store has not taken yet (a cycle cut short);
 *   2. local changes: every record that differs from its document is written to the mirror,
 *      every document whose record is gone becomes a tombstone ("merged into" for a merge);
 *   3. push the mirror to the server, pull the server into the mirror (PouchDB's replication,
 *      checkpointed: a cycle that stops half-way resumes where it stopped); a pulled document
 *      that fails validation never enters the mirror;
 *   4. apply what was pulled: conflicts resolved (resolve.ts), each document validated again,
 *      records written to the store in batches.
 *
 * Cycles never overlap: a request while one runs is served by one more cycle after it.
 */
import type { Database } from '../storage/db';
import { applyPulled, getSyncConfig, getSyncStatus, localRecords, localSnapshot, putSyncStatus, type ArticleRecord, type LocalRecords, type LocalSnapshot, type PulledBatch } from '../storage/sync-records';
import { getSettings } from '../storage/settings';
import { articleDocOf, checkIncomingDoc, databaseUrl, docIdOf, ForgottenAt, kindOfDocId, ownFields, syncedRecord, type ArticleDoc, type EntityDoc, type SyncConfig, type SyncedDoc, type SyncScope, type SyncStatus } from '../model/sync';
import { afterForgetting, foldIntoTarget, mergeDocs, resolveLeaves, rowsAfterPull, type Leaf } from './resolve';
import { canonicalJson } from './canonical';
import { describeSyncError, type SyncErrorWords } from './status';

/** The PouchDB constructor this engine uses: pouchdb-browser in the extension, memory in unit tests. */
export type PouchConstructor = new (name: string, options?: Record<string, unknown>) => PouchDB.Database;
type Replicate = (source: PouchDB.Database, target: PouchDB.Database, options: Record<string, unknown>) => Promise<{ docs_written: number; doc_write_failures: number; errors?: unknown[] }>;

export interface SyncEngineDeps {
  db: () => Promise<Database>;
  PouchDB: PouchConstructor & { replicate: Replicate };
  now: () => number;
  /** The mirror's name (tests give each engine its own). */
  mirrorName?: string;
  /** Options for the mirror (the memory adapter in tests). */
  mirrorOptions?: Record<string, unknown>;
  /** fetch for the server (tests count requests through it). */
  fetch?: typeof fetch;
  /** After records were written to the store: the glossary and notes caches, the tabs. */
  afterApply?: (what: Applied) => Promise<void>;
}

const APPLIED = '_local/ncr-applied';
const PUSHED = '_local/ncr-pushed';
const REJECTED = '_local/ncr-rejected';
/** The scope the last cycle synced: the reading index turned on since then joins (joinArticles). */
const SCOPE = '_local/ncr-scope';
/** The server's sequence the last complete pull reached: an idle cycle asks `_changes` since it, once. */
const REMOTE_SEQ = '_local/ncr-remote-seq';
const BATCH = 200;
/**
 * Documents per replication request (PouchDB's default is 100): 20,000 documents are 80 rounds
 * of `_changes`, `_revs_diff`, `_bulk_get` and a checkpoint instead of 200 (bench:sync).
 */
export const REPLICATION_BATCH = 250;
/**
 * The longest stretch the engine works without giving the event loop back (ms): the worker's
 * other answers (the options page, the card) wait no longer than this for a sync to step aside.
 */
const SLICE_MS = 8;
/** How many revisions of a document the mirror remembers (CouchDB's default is 1000). */
export const MIRROR_REVS_LIMIT = 20;

/** What a cycle wrote to the store. */
export interface Applied {
  glossary: boolean;
  notes: boolean;
  settings: boolean;
  reading: boolean;
}

interface Counters {
  pulled: number;
  pushed: number;
  rejected: string[];
  wroteMirror: boolean;
  applied: Applied;
  /**
   * Articles pulled over ones this profile holds are united with them, not written over them:
   * the reading index's first sync with this server, or its switch just turned on (this
   * profile's articles were read without seeing the server's).
   */
  joinArticles: boolean;
  /**
   * Documents the pull's filter validated, by `id@rev`, taken (and forgotten) when applied: the
   * same revision is not parsed twice in one cycle. Bounded; a miss is validated again.
   */
  validated: Map<string, SyncedDoc>;
}

const VALIDATED_MAX = 50_000;

/** Gives the event loop back when the current slice of work has run SLICE_MS. */
class Slicer {
  private start = performance.now();
  async maybeYield(): Promise<void> {
    if (performance.now() - this.start < SLICE_MS) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.start = performance.now();
  }
}

export class SyncEngine {
  private mirror: PouchDB.Database | null = null;
  private current: Promise<SyncStatus> | null = null;
  private again = false;
  /** Records may have changed since the last comparison (true at start: a new worker knows nothing). */
  private localDirty = true;

  constructor(private readonly deps: SyncEngineDeps) {}

  private openMirror(): PouchDB.Database {
    this.mirror ??= new this.deps.PouchDB(this.deps.mirrorName ?? 'ncr-sync-mirror', {
      auto_compaction: true,
      revs_limit: MIRROR_REVS_LIMIT,
      ...this.deps.mirrorOptions,
    });
    return this.mirror;
  }

  private remote(config: SyncConfig): PouchDB.Database {
    return new this.deps.PouchDB(databaseUrl(config), {
      skip_setup: true,
      ...(config.username ? { auth: { username: config.username, password: config.password } } : {}),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
  }

  /** Ask the server about the database, changing nothing. */
  async test(config: SyncConfig): Promise<{ ok: true; docs: number } | ({ ok: false } & SyncErrorWords)> {
    try {
      const info = (await this.remote(config).info()) as { doc_count?: number; error?: string; status?: number };
      if (info.error) throw info;
      return { ok: true, docs: info.doc_count ?? 0 };
    } catch (err) {
      return { ok: false, ...describeSyncError(err, config) };
    }
  }

  /** Run a cycle (or join the one running and run once more after it). */
  sync(): Promise<SyncStatus> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    const run = async (): Promise<SyncStatus> => {
      let status: SyncStatus;
      do {
        this.again = false;
        status = await this.cycle();
      } while (this.again);
      return status;
    };
    this.current = run().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  /** A local write happened: the next cycle compares the store with the mirror. */
  markLocalChange(): void {
    this.localDirty = true;
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Forget the mirror (sync turned off and its data removed, or another server chosen). */
  async forget(): Promise<void> {
    await this.current?.catch(() => {});
    const mirror = this.openMirror();
    this.mirror = null;
    await mirror.destroy();
  }

  private async cycle(): Promise<SyncStatus> {
    const db = await this.deps.db();
    const config = await getSyncConfig(db);
    const before = await getSyncStatus(db);
    if (!config.enabled || !config.serverUrl || !config.database) {
      const status = { ...before, running: false, problem: 'not-configured' as const, message: 'Sync is off.' };
      return status;
    }
    const counters: Counters = { pulled: 0, pushed: 0, rejected: [], wroteMirror: false, applied: { glossary: false, notes: false, settings: false, reading: false }, joinArticles: false, validated: new Map() };
    const cycleStart = this.deps.now();
    const mirror = this.openMirror();
    let pendingPuts = 0;
    let status: SyncStatus;
    try {
      await putSyncStatus(db, { ...before, running: true });
      // Never pulled yet (a fresh profile, another server): this profile's settings wait for the
      // server's, which are the reader's (a new profile's defaults would otherwise be a rival
      // revision of them); the next cycle adds what differs here (docs/sync.md).
      const firstSync = (await readLocal<string | number | null>(mirror, REMOTE_SEQ, null)) === null;
      const lastScope = await readLocal<SyncScope | null>(mirror, SCOPE, null);
      // The reading index joins: its first sync, or its switch just turned on (the server's
      // articles are then pulled from the start, pull()).
      counters.joinArticles = config.scope.reading && (firstSync || !lastScope?.reading);
      await this.applyPending(db, mirror, config, cycleStart, counters, false);
      let settingsHeld = false;
      if (this.localDirty) {
        this.localDirty = false;
        settingsHeld = firstSync;
        pendingPuts = await this.writeLocalChanges(db, mirror, config, firstSync).catch((err: unknown) => {
          this.localDirty = true;
          throw err;
        });
      }
      const remote = this.remote(config);
      await this.push(mirror, remote, counters);
      await this.pull(remote, mirror, config, counters);
      counters.wroteMirror = false;
      await this.applyPending(db, mirror, config, cycleStart, counters, firstSync);
      // The settings held back: now the server's (if it had any) are in the store.
      if (settingsHeld && config.scope.settings && (await this.writeSettingsChange(db, mirror))) counters.wroteMirror = true;
      // What the pull wrote into the mirror is the server's already: only resolutions go back.
      if (counters.wroteMirror) await this.push(mirror, remote, counters);
      else await writeLocal(mirror, PUSHED, (await mirror.info()).update_seq);
      if (lastScope?.reading !== config.scope.reading) await writeLocal(mirror, SCOPE, config.scope);
      status = {
        ...before,
        running: false,
        lastSyncAt: this.deps.now(),
        pending: 0,
        lastPulled: counters.pulled,
        lastPushed: counters.pushed,
        problem: null,
        message: null,
      };
    } catch (err) {
      const words = describeSyncError(err, config);
      status = { ...before, running: false, pending: before.pending + pendingPuts, problem: words.problem, message: words.message };
    }
    if (counters.rejected.length) {
      status.rejected = before.rejected + counters.rejected.length;
      status.rejectedExamples = [...counters.rejected, ...before.rejectedExamples].slice(0, 5);
    }
    await putSyncStatus(db, status);
    if (counters.applied.glossary || counters.applied.notes || counters.applied.settings || counters.applied.reading) await this.deps.afterApply?.(counters.applied);
    return status;
  }

  /** Step 2: every record that differs from its document becomes a new revision of it. */
  private async writeLocalChanges(db: Database, mirror: PouchDB.Database, config: SyncConfig, holdSettings: boolean): Promise<number> {
    const local = await localSnapshot(db, config.scope);
    const rejected = new Set(await readLocal<string[]>(mirror, REJECTED, []));
    const all = await mirror.allDocs({ include_docs: true });
    const have = new Map<string, PouchDB.Core.ExistingDocument<object>>();
    for (const row of all.rows) if (row.doc) have.set(row.id, row.doc as PouchDB.Core.ExistingDocument<object>);
    const writes: object[] = [];
    const wanted = new Set<string>();
    const slicer = new Slicer();
    const want = (id: string, doc: SyncedDoc) => {
      wanted.add(id);
      const old = have.get(id);
      if (old && canonicalJson(ownFields(old as Record<string, unknown>)) === canonicalJson(doc)) return;
      writes.push({ ...doc, _id: id, ...(old ? { _rev: old._rev } : {}) });
    };
    for (const d of documentsOf(local)) {
      if (holdSettings && d.doc.kind === 'settings') {
        wanted.add(d.id);
        continue;
      }
      want(d.id, d.doc);
      await slicer.maybeYield();
    }
    for (const [id, old] of have) {
      if (wanted.has(id) || rejected.has(id)) continue;
      const kind = kindOfDocId(id);
      if (!kind || !inScope(kind, config)) continue;
      const mergedInto = kind === 'entity' ? local.merges[id.slice(2)] : undefined;
      const forgottenAt = kind === 'article' ? forgottenAtOf(local, old as unknown as { record?: { lastSeen?: unknown } }, id, this.deps.now()) : undefined;
      writes.push({ _id: id, _rev: old._rev, _deleted: true, ...(mergedInto ? { mergedInto } : {}), ...(forgottenAt !== undefined ? { forgottenAt } : {}) });
    }
    for (let i = 0; i < writes.length; i += BATCH) await mirror.bulkDocs(writes.slice(i, i + BATCH) as PouchDB.Core.PutDocument<object>[]);
    return writes.length;
  }

  /** The settings' document alone, compared and written as writeLocalChanges would. */
  private async writeSettingsChange(db: Database, mirror: PouchDB.Database): Promise<boolean> {
    const local = await localSnapshot(db, { glossary: false, notes: false, settings: true, reading: false });
    const id = docIdOf('settings', '');
    const doc: SyncedDoc = { kind: 'settings', record: local.settings! };
    let old: PouchDB.Core.ExistingDocument<object> | null = null;
    try {
      old = await mirror.get(id);
    } catch {
      /* none yet */
    }
    if (old && canonicalJson(ownFields(old as Record<string, unknown>)) === canonicalJson(doc)) return false;
    await mirror.put({ ...doc, _id: id, ...(old ? { _rev: old._rev } : {}) });
    return true;
  }

  private async push(mirror: PouchDB.Database, remote: PouchDB.Database, counters: Counters): Promise<void> {
    const seq = (await mirror.info()).update_seq;
    const pushed = await readLocal<string | number | null>(mirror, PUSHED, null);
    if (pushed !== null && String(pushed) === String(seq)) return;
    const result = await this.deps.PouchDB.replicate(mirror, remote, { batch_size: REPLICATION_BATCH });
    counters.pushed += result.docs_written;
    if (result.doc_write_failures > 0) {
      throw Object.assign(new Error(`the server refused ${result.doc_write_failures} change${result.doc_write_failures === 1 ? '' : 's'}`), { status: 403, name: 'forbidden' });
    }
    await writeLocal(mirror, PUSHED, (await mirror.info()).update_seq);
  }

  private async pull(remote: PouchDB.Database, mirror: PouchDB.Database, config: SyncConfig, counters: Counters): Promise<void> {
    const refused: { id: string; reason: string }[] = [];
    const filter = (doc: Record<string, unknown>) => {
      if (typeof doc._id === 'string' && doc._id.startsWith('_design/')) return false;
      // The reading index's switch off: its documents are not pulled at all (not refused either).
      if (!config.scope.reading && typeof doc._id === 'string' && kindOfDocId(doc._id) === 'article') return false;
      if (doc._deleted) return true;
      const check = checkIncomingDoc(doc);
      if (!check.ok) refused.push({ id: String(doc._id), reason: check.reason });
      else if (counters.validated.size < VALIDATED_MAX) counters.validated.set(`${String(doc._id)}@${String(doc._rev)}`, check.doc);
      return check.ok;
    };
    // Nothing new on the server: one request (`_changes` since where the last pull ended), not
    // the replicator's four.
    const since = await readLocal<string | number | null>(mirror, REMOTE_SEQ, null);
    // The reading index just turned on: the server's articles are pulled from the start.
    if (since !== null && !counters.joinArticles) {
      const probe = await remote.changes({ since, limit: 1 });
      if (probe.results.length === 0) return;
    }
    // Checkpoints in the mirror only: a reader may pull from a database they cannot write.
    // The reading index's switch is part of the checkpoint's identity (PouchDB keys it by the
    // filter's query parameters): turned on, the articles passed over meanwhile are pulled.
    const readingOn = config.scope.reading ? { query_params: { reading: true } } : {};
    const result = (await this.deps.PouchDB.replicate(remote, mirror, { batch_size: REPLICATION_BATCH, checkpoint: 'target', filter, ...readingOn })) as unknown as { last_seq?: string | number };
    if (result.last_seq !== undefined) await writeLocal(mirror, REMOTE_SEQ, result.last_seq);
    if (refused.length) {
      counters.rejected.push(...refused.map((r) => r.reason));
      const ids = await readLocal<string[]>(mirror, REJECTED, []);
      await writeLocal(mirror, REJECTED, [...new Set([...ids, ...refused.map((r) => r.id)])].slice(-1000));
    }
  }

  /** Steps 1 and 4: documents the store has not taken yet, from the last applied sequence on. */
  private async applyPending(db: Database, mirror: PouchDB.Database, config: SyncConfig, cycleStart: number, counters: Counters, firstSync: boolean): Promise<void> {
    let since = await readLocal<string | number>(mirror, APPLIED, 0);
    const slicer = new Slicer();
    for (;;) {
      const page = await mirror.changes({ since, include_docs: true, conflicts: true, style: 'all_docs', limit: BATCH } as PouchDB.Core.ChangesOptions);
      const batch: PulledBatch = { entities: [], deletedEntities: [], notes: [], deletedNotes: [], settings: null, articles: [] };
      const ids = page.results.map((c) => c.id);
      const keysOf = (kind: string) => ids.filter((id) => kindOfDocId(id) === kind).map((id) => id.slice(2));
      const local = await localRecords(db, { entities: keysOf('entity'), notes: keysOf('note'), articles: config.scope.reading ? keysOf('article') : [] });
      for (const change of page.results) {
        await slicer.maybeYield();
        const kind = kindOfDocId(change.id);
        if (!kind || !inScope(kind, config)) continue;
        const doc = change.doc as (Record<string, unknown> & { _rev: string; _deleted?: boolean; _conflicts?: string[] }) | undefined;
        if (change.changes.length > 1 && (await this.resolve(mirror, change.id, counters))) continue;
        if (!doc) continue;
        if (doc._deleted) {
          takeDeletion(local, kind, change.id, doc, cycleStart, batch);
          continue;
        }
        // Validated by the pull's filter in this cycle (the same revision): not parsed again.
        const key = `${change.id}@${doc._rev}`;
        const known = counters.validated.get(key);
        counters.validated.delete(key);
        const check = known ? ({ ok: true, doc: known } as const) : checkIncomingDoc(doc);
        if (!check.ok) {
          counters.rejected.push(check.reason);
          continue;
        }
        await this.takeDocument(db, local, mirror, change.id, doc._rev, check.doc, cycleStart, batch, counters, firstSync);
      }
      if (hasRecords(batch)) {
        await applyPulled(db, batch);
        counters.pulled += batch.entities.length + batch.notes.length + batch.deletedEntities.length + batch.deletedNotes.length + (batch.settings ? 1 : 0) + batch.articles.length;
        if (batch.entities.length || batch.deletedEntities.length) counters.applied.glossary = true;
        if (batch.notes.length || batch.deletedNotes.length) counters.applied.notes = true;
        if (batch.settings) counters.applied.settings = true;
        if (batch.articles.length) counters.applied.reading = true;
      }
      since = page.last_seq;
      await writeLocal(mirror, APPLIED, since);
      // Resolutions written above come back as changes of their own: read on until none.
      if (page.results.length === 0) break;
    }
  }

  /** A valid document: into the store, or merged with a record edited here meanwhile. */
  private async takeDocument(
    db: Database,
    localRecords: LocalRecords,
    mirror: PouchDB.Database,
    id: string,
    rev: string,
    doc: SyncedDoc,
    cycleStart: number,
    batch: PulledBatch,
    counters: Counters,
    firstSync: boolean,
  ): Promise<void> {
    if (doc.kind === 'article') return this.takeArticle(localRecords, mirror, id, rev, doc, cycleStart, batch, counters);
    const local = await localDocOf(db, localRecords, doc);
    if (local && canonicalJson(local) === canonicalJson(doc)) return;
    let next: SyncedDoc = doc;
    // Joining: the server's settings are the reader's; the sites switched off here are kept too.
    if (firstSync && local?.kind === 'settings') next = mergeDocs(doc, local);
    if (local && local.kind !== 'settings' && updatedAtOf(local) > cycleStart) {
      // Edited here while this document was on its way: both edits, by the conflict rules.
      next = mergeDocs(doc, local);
      await mirror.put({ ...next, _id: id, _rev: rev });
      counters.wroteMirror = true;
    }
    if (next.kind === 'entity') batch.entities.push({ record: next.record, conflict: next.conflict });
    else if (next.kind === 'note') batch.notes.push({ record: next.record, conflict: next.conflict });
    else if (next.kind === 'settings') batch.settings = next.record;
  }

  /**
   * A valid article document: its rows replace this profile's (past a cut, the rows it does not
   * know stay); united with them when it was read here meanwhile or the reading index is joining.
   */
  private async takeArticle(local: LocalRecords, mirror: PouchDB.Database, id: string, rev: string, doc: ArticleDoc, cycleStart: number, batch: PulledBatch, counters: Counters): Promise<void> {
    const url = doc.record.url;
    const mine = local.articles.get(url);
    if (!mine) {
      batch.articles.push({ url, article: doc.record, rows: doc.mentions });
      return;
    }
    if (canonicalJson(articleDocOf(mine.article, mine.rows)) === canonicalJson(doc)) return;
    if (counters.joinArticles || mine.article.lastSeen > cycleStart) {
      const united = mergeDocs(doc, wholeArticle(mine)) as ArticleDoc;
      const fitted = articleDocOf(united.record, united.mentions, united.cut);
      if (canonicalJson(fitted) !== canonicalJson(doc)) {
        await mirror.put({ ...fitted, _id: id, _rev: rev });
        counters.wroteMirror = true;
      }
      batch.articles.push({ url, article: united.record, rows: united.mentions });
      return;
    }
    batch.articles.push({ url, article: doc.record, rows: rowsAfterPull(doc, mine.rows) });
  }

  /**
   * A document with several leaves: resolved by the rules, the losing leaves deleted. False when
   * there is nothing to resolve (one live leaf and plain deletions beside it: CouchDB's winner,
   * the live one, already says "an edit beats a delete").
   */
  private async resolve(mirror: PouchDB.Database, id: string, counters: Counters): Promise<boolean> {
    const revs = (await mirror.get(id, { open_revs: 'all' } as PouchDB.Core.GetOpenRevisions)) as unknown as { ok?: Record<string, unknown> & { _rev: string; _deleted?: boolean; mergedInto?: unknown; forgottenAt?: unknown } }[];
    const leaves: Leaf[] = [];
    for (const r of revs) {
      const d = r.ok;
      if (!d) continue;
      if (d._deleted) {
        const forgottenAt = ForgottenAt.safeParse(d.forgottenAt);
        leaves.push({ rev: d._rev, doc: null, ...(typeof d.mergedInto === 'string' ? { mergedInto: d.mergedInto } : {}), ...(forgottenAt.success ? { forgottenAt: forgottenAt.data } : {}) });
        continue;
      }
      const check = checkIncomingDoc(d);
      if (check.ok) leaves.push({ rev: d._rev, doc: check.doc });
      else {
        counters.rejected.push(check.reason);
        leaves.push({ rev: d._rev, doc: null });
      }
    }
    const live = revs.filter((r) => r.ok && !r.ok._deleted).map((r) => r.ok!._rev);
    // A deletion that says more than "deleted" (merged into, forgotten at) is resolved by its rule.
    const merged = leaves.some((l) => l.doc === null && (l.mergedInto || l.forgottenAt !== undefined));
    if (live.length === 0 || (live.length === 1 && !merged && leaves.some((l) => l.rev === live[0] && l.doc))) return false;
    const resolution = resolveLeaves(leaves);
    // Two devices' rows united may no longer fit one document.
    if (resolution.kind === 'keep' && resolution.doc.kind === 'article') resolution.doc = articleDocOf(resolution.doc.record, resolution.doc.mentions, resolution.doc.cut);
    const writes: object[] = [];
    if (resolution.kind === 'keep') {
      const [winner, ...losers] = leaves.filter((l) => l.doc && live.includes(l.rev)).map((l) => l.rev).sort((a, b) => -compare(a, b));
      const winnerDoc = leaves.find((l) => l.rev === winner)?.doc;
      // Equal content is not written again: two devices resolving at once then only delete the same losers.
      if (!winnerDoc || canonicalJson(winnerDoc) !== canonicalJson(resolution.doc)) writes.push({ ...resolution.doc, _id: id, ...(winner ? { _rev: winner } : {}) });
      for (const rev of [...losers, ...live.filter((r) => !leaves.some((l) => l.rev === r && l.doc))]) writes.push({ _id: id, _rev: rev, _deleted: true });
    } else {
      for (const rev of live) writes.push({ _id: id, _rev: rev, _deleted: true, ...(resolution.mergedInto ? { mergedInto: resolution.mergedInto } : {}), ...(resolution.forgottenAt !== undefined ? { forgottenAt: resolution.forgottenAt } : {}) });
      if (resolution.mergedInto && resolution.fold?.length) await this.foldInto(mirror, docIdOf('entity', resolution.mergedInto), resolution.fold);
    }
    // Already resolved (a forgotten article read again keeps its tombstone beside it): applied as it is.
    if (writes.length === 0) return false;
    await mirror.bulkDocs(writes as PouchDB.Core.PutDocument<object>[]);
    counters.wroteMirror = true;
    return true;
  }

  private async foldInto(mirror: PouchDB.Database, targetId: string, edits: readonly EntityDoc[]): Promise<void> {
    let target: (Record<string, unknown> & { _rev: string }) | null = null;
    try {
      target = (await mirror.get(targetId)) as unknown as Record<string, unknown> & { _rev: string };
    } catch {
      return; // The target is gone too: the edit has nowhere to go but its own (deleted) entity.
    }
    const check = checkIncomingDoc(target);
    if (!check.ok || check.doc.kind !== 'entity') return;
    let doc = check.doc;
    for (const e of edits) doc = foldIntoTarget(doc, e);
    await mirror.put({ ...doc, _id: targetId, _rev: target._rev });
  }
}

function compare(a: string, b: string): number {
  const [ga, ha] = [Number(a.split('-')[0]), a.slice(a.indexOf('-') + 1)];
  const [gb, hb] = [Number(b.split('-')[0]), b.slice(b.indexOf('-') + 1)];
  return ga !== gb ? ga - gb : ha < hb ? -1 : ha > hb ? 1 : 0;
}

function inScope(kind: string, config: SyncConfig): boolean {
  return kind === 'entity' ? config.scope.glossary : kind === 'note' ? config.scope.notes : kind === 'settings' ? config.scope.settings : kind === 'article' ? config.scope.reading : false;
}

function hasRecords(b: PulledBatch): boolean {
  return b.entities.length + b.deletedEntities.length + b.notes.length + b.deletedNotes.length + b.articles.length > 0 || b.settings !== null;
}

/** When the record last changed here: an article's last reading. */
function updatedAtOf(doc: SyncedDoc): number {
  if (doc.kind === 'settings') return 0;
  if (doc.kind === 'article') return doc.record.lastSeen;
  return doc.record.updatedAt ?? (doc.record as { createdAt: number }).createdAt;
}

/**
 * When an article gone from the store was forgotten: the time its forgetting recorded, else the
 * history's clearing if the article was read before it, else now (later than the truth: the
 * deletion then wins over more, never over less).
 */
function forgottenAtOf(local: LocalSnapshot, old: { record?: { lastSeen?: unknown } }, id: string, now: number): number {
  const at = local.forgotten.urls[id.slice(2)];
  if (at !== undefined) return at;
  const cleared = local.forgotten.clearedAt;
  const lastSeen = typeof old.record?.lastSeen === 'number' ? old.record.lastSeen : Infinity;
  return cleared !== null && cleared >= lastSeen ? cleared : now;
}

/** The documents the store's records make, with their ids. */
export function* documentsOf(local: LocalSnapshot): Generator<{ id: string; doc: SyncedDoc }> {
  for (const stored of local.entities ?? []) {
    const record = syncedRecord(stored);
    const conflict = local.conflicts.entities[record.id];
    yield { id: docIdOf('entity', record.id), doc: { kind: 'entity', record, ...(conflict ? { conflict } : {}) } };
  }
  for (const stored of local.notes ?? []) {
    const record = syncedRecord(stored);
    const conflict = local.conflicts.notes[record.id];
    yield { id: docIdOf('note', record.id), doc: { kind: 'note', record, ...(conflict ? { conflict } : {}) } };
  }
  if (local.settings) yield { id: docIdOf('settings', ''), doc: { kind: 'settings', record: local.settings } };
  for (const { article, rows } of local.articles ?? []) yield { id: docIdOf('article', article.url), doc: articleDocOf(article, rows) };
}

/**
 * A deletion from the server: taken unless the record was edited here since the cycle began (an
 * edit beats a delete). A forgotten article: what was read here after it was forgotten stays.
 */
function takeDeletion(local: LocalRecords, kind: string, id: string, tombstone: Record<string, unknown>, cycleStart: number, batch: PulledBatch): void {
  const key = id.slice(2);
  if (kind === 'article') {
    const mine = local.articles.get(key);
    if (!mine) return;
    const at = ForgottenAt.safeParse(tombstone.forgottenAt);
    // A plain deletion (not ours: no time) forgets what was read up to the start of this cycle.
    const whole = wholeArticle(mine);
    const left = afterForgetting(whole, at.success ? at.data : cycleStart);
    if (!left) batch.articles.push({ url: key, article: null, rows: [] });
    else if (canonicalJson(left) !== canonicalJson(whole)) batch.articles.push({ url: key, article: left.record, rows: left.mentions });
    return;
  }
  if (kind === 'entity') {
    const record = local.entities.get(key);
    if (record && record.updatedAt <= cycleStart) batch.deletedEntities.push(key);
  } else if (kind === 'note') {
    const record = local.notes.get(key);
    if (record && (record.updatedAt ?? record.createdAt) <= cycleStart) batch.deletedNotes.push(key);
  }
}

/** An article of the store with every row it holds (its document may carry fewer: articleDocOf). */
function wholeArticle(mine: ArticleRecord): ArticleDoc {
  return { kind: 'article', record: mine.article, mentions: mine.rows };
}

/** The store's record for a document, as a document (null: none here). */
async function localDocOf(db: Database, local: LocalRecords, doc: SyncedDoc): Promise<SyncedDoc | null> {
  if (doc.kind === 'entity') {
    const stored = local.entities.get(doc.record.id);
    if (!stored) return null;
    const record = syncedRecord(stored);
    const conflict = local.conflicts.entities[record.id];
    return { kind: 'entity', record, ...(conflict ? { conflict } : {}) };
  }
  if (doc.kind === 'note') {
    const stored = local.notes.get(doc.record.id);
    if (!stored) return null;
    const record = syncedRecord(stored);
    const conflict = local.conflicts.notes[record.id];
    return { kind: 'note', record, ...(conflict ? { conflict } : {}) };
  }
  if (doc.kind === 'article') {
    const mine = local.articles.get(doc.record.url);
    return mine ? articleDocOf(mine.article, mine.rows) : null;
  }
  // Without the edit version, as every document carries a record (syncedRecord).
  return { kind: 'settings', record: syncedRecord(await getSettings(db)) };
}

async function readLocal<T>(db: PouchDB.Database, id: string, fallback: T): Promise<T> {
  try {
    const doc = (await db.get(id)) as unknown as { value: T };
    return doc.value;
  } catch {
    return fallback;
  }
}

async function writeLocal(db: PouchDB.Database, id: string, value: unknown): Promise<void> {
  let rev: string | undefined;
  try {
    rev = (await db.get(id))._rev;
  } catch {
    /* first write */
  }
  await db.put({ _id: id, ...(rev ? { _rev: rev } : {}), value } as PouchDB.Core.PutDocument<object>);
}
