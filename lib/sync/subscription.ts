/// <reference types="pouchdb-core" />
/**
 * Refreshing a team glossary subscription (docs/sync-team-glossary.md). Read-only by
 * construction: a CouchDB database is read through its changes feed (what PouchDB's replication
 * reads; nothing is ever written to it, and there is no local mirror: a read-only source has no
 * conflicts to resolve, and the entities store is the only copy), and a published glossary file
 * is fetched with the validators of the last answer (ETag / Last-Modified), a 304 meaning
 * nothing to do, as filter lists do.
 *
 * Every entry is validated with the schemas an import or a sync uses; an invalid one is skipped
 * and counted in the subscription's status, never written; a document or a file over the limits
 * is refused.
 */
import type { Database } from '../storage/db';
import { applyTeamChanges, getSubscription, setSubscriptionState, type TeamEntry } from '../storage/subscriptions';
import { normalizeName } from '../storage/keys';
import { checkIncomingDoc, databaseUrl, kindOfDocId, nameProblems } from '../model/sync';
import { FileEntity, FileEntityV1, GLOSSARY_SPEC, MAX_GLOSSARY_ENTITIES, MAX_GLOSSARY_FILE_CHARS, friendlyMessage, toGlossaryEntity } from '../model/glossary-file';
import { formatIssues, readJsonDocument } from '../model/file-common';
import type { Subscription, SubscriptionStatus } from '../model/subscription';
import { describeSyncError } from './status';

export type RemoteDatabase = new (name: string, options?: Record<string, unknown>) => PouchDB.Database;

export interface SubscriptionRefreshDeps {
  db: () => Promise<Database>;
  /** PouchDB (pouchdb-browser in the extension, with the http adapter): only its remote side is used. */
  PouchDB: RemoteDatabase;
  fetch: typeof fetch;
  now: () => number;
}

/** Documents read from the changes feed per request (and applied per transaction). */
const PAGE = 500;

export type RefreshOutcome = { changed: boolean; status: SubscriptionStatus };

export class SubscriptionRefresher {
  private running = new Map<string, Promise<RefreshOutcome>>();

  constructor(private readonly deps: SubscriptionRefreshDeps) {}

  /** Refresh one subscription (joining a refresh of it already under way). */
  refresh(id: string): Promise<RefreshOutcome | null> {
    const current = this.running.get(id);
    if (current) return current;
    const run = (async () => {
      const db = await this.deps.db();
      const sub = await getSubscription(db, id);
      if (!sub) return null;
      return sub.kind === 'couch' ? this.refreshCouch(db, sub) : this.refreshFile(db, sub);
    })();
    const tracked = run.finally(() => this.running.delete(id)) as Promise<RefreshOutcome>;
    this.running.set(id, tracked);
    return tracked;
  }

  private async refreshCouch(db: Database, sub: Extract<Subscription, { kind: 'couch' }>): Promise<RefreshOutcome> {
    const remote = new this.deps.PouchDB(databaseUrl(sub), {
      skip_setup: true,
      fetch: this.deps.fetch,
      ...(sub.username ? { auth: { username: sub.username, password: sub.password } } : {}),
    });
    let status: SubscriptionStatus = { ...sub.status, message: null };
    let since = sub.cursor.since ?? 0;
    let changed = false;
    try {
      for (;;) {
        const page = await remote.changes({ since, include_docs: true, limit: PAGE });
        const put: TeamEntry[] = [];
        const remove: string[] = [];
        const skipped: string[] = [];
        for (const change of page.results) {
          // Design documents (the server's rules) and documents that are not entities (a
          // team database may hold notes or settings of whoever set it up) are not glossary.
          if (kindOfDocId(change.id) !== 'entity') continue;
          const remoteId = change.id.slice(2);
          if (change.deleted) {
            remove.push(remoteId);
            continue;
          }
          const check = checkIncomingDoc(change.doc);
          if (!check.ok) {
            skipped.push(check.reason);
            // An entry that turned invalid is no longer what the team publishes: it goes.
            remove.push(remoteId);
            continue;
          }
          if (check.doc.kind === 'entity') put.push({ remoteId, entity: check.doc.record });
        }
        since = page.last_seq;
        status = withSkipped(status, skipped, true);
        const lastResult = changed || put.length || remove.length ? 'changed' : 'unchanged';
        const done = page.results.length < PAGE;
        status = { ...status, lastResult, ...(done ? { lastRefreshAt: this.deps.now() } : {}) };
        const applied = await applyTeamChanges(db, sub, { put, remove, replaceAll: false, status, cursor: { ...sub.cursor, since } }, this.deps.now());
        changed ||= applied.changed;
        status = { ...status, entities: applied.entities, lastResult: changed ? 'changed' : 'unchanged' };
        if (done) break;
      }
    } catch (err) {
      status = { ...status, message: describeSyncError(err, sub).message.replace(/Sync/g, 'The subscription') };
      await setSubscriptionState(db, sub.id, { status });
    }
    return { changed, status };
  }

  private async refreshFile(db: Database, sub: Extract<Subscription, { kind: 'file' }>): Promise<RefreshOutcome> {
    const fail = async (message: string): Promise<RefreshOutcome> => {
      const status = { ...sub.status, message };
      await setSubscriptionState(db, sub.id, { status });
      return { changed: false, status };
    };
    const headers: Record<string, string> = {};
    if (sub.cursor.etag) headers['If-None-Match'] = sub.cursor.etag;
    if (sub.cursor.lastModified) headers['If-Modified-Since'] = sub.cursor.lastModified;
    let res: Response;
    try {
      // no-store: the validators are ours, so a 304 reaches this code instead of being answered
      // from the browser's cache; omit: a published file needs no cookies of the reader.
      res = await this.deps.fetch(sub.url, { headers, cache: 'no-store', credentials: 'omit' });
    } catch {
      return fail(`${hostOf(sub.url)} could not be reached. It will be tried again tomorrow, or press Refresh.`);
    }
    if (res.status === 304) {
      const status: SubscriptionStatus = { ...sub.status, lastRefreshAt: this.deps.now(), lastResult: 'unchanged', message: null };
      await setSubscriptionState(db, sub.id, { status });
      return { changed: false, status };
    }
    if (!res.ok) return fail(`${hostOf(sub.url)} answered HTTP ${res.status} for the glossary file. Check its address.`);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > MAX_GLOSSARY_FILE_CHARS * 3) return fail(tooLarge(declared));
    const text = await res.text();
    if (text.length > MAX_GLOSSARY_FILE_CHARS) return fail(tooLarge(text.length));
    const parsed = parseEntries(text);
    if (!parsed.ok) return fail(`The glossary file at ${hostOf(sub.url)} was not read: ${parsed.error}. Nothing was changed.`);
    // A file is read whole each time: its skipped count is this file's, not a running total.
    const status: SubscriptionStatus = {
      ...withSkipped({ ...sub.status, skipped: 0, skippedExamples: [] }, parsed.skipped, false),
      lastRefreshAt: this.deps.now(),
      message: null,
      lastResult: 'changed',
    };
    const cursor = { ...sub.cursor, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
    const applied = await applyTeamChanges(db, sub, { put: parsed.entries, remove: [], replaceAll: true, status, cursor }, this.deps.now());
    const final = { ...status, entities: applied.entities, lastResult: applied.changed ? ('changed' as const) : ('unchanged' as const) };
    if (!applied.changed) await setSubscriptionState(db, sub.id, { status: final });
    return { changed: applied.changed, status: final };
  }
}

/**
 * A glossary file, entry by entry: the file's format and version as an import checks them, then
 * each entity with the import's own schema (version 1 or 2); an invalid or repeated one is
 * skipped with its reason, the others kept.
 */
export function parseEntries(text: string): { ok: true; entries: TeamEntry[]; skipped: string[] } | { ok: false; error: string } {
  const doc = readJsonDocument(text, { ...GLOSSARY_SPEC, maxChars: MAX_GLOSSARY_FILE_CHARS });
  if (!doc.ok) return { ok: false, error: doc.errors[0] ?? 'not a glossary file' };
  const list = doc.root.entities;
  if (!Array.isArray(list)) return { ok: false, error: 'it has no list of entities' };
  if (list.length > MAX_GLOSSARY_ENTITIES) return { ok: false, error: `${list.length.toLocaleString('en-US')} entities, over the ${MAX_GLOSSARY_ENTITIES.toLocaleString('en-US')} limit` };
  const schema = doc.version === 1 ? FileEntityV1 : FileEntity;
  const entries: TeamEntry[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  list.forEach((raw: unknown, i) => {
    const r = schema.safeParse(raw, { error: friendlyMessage });
    if (!r.success) {
      skipped.push(`entities[${i}]: ${formatIssues(r.error.issues)[0] ?? 'invalid'}`.slice(0, 300));
      return;
    }
    const entity = toGlossaryEntity(r.data);
    const problem = nameProblems(entity);
    if (problem) {
      skipped.push(`entities[${i}]: ${problem}`);
      return;
    }
    // Its id in the file when it has one; otherwise its name, which is what identifies it there.
    const remoteId = entity.id ?? `name:${normalizeName(entity.name)}`.slice(0, 200);
    if (seen.has(remoteId)) {
      skipped.push(`entities[${i}]: a second entry for ${entity.id ? `id ${entity.id}` : `“${entity.name}”`}`.slice(0, 300));
      return;
    }
    seen.add(remoteId);
    entries.push({ remoteId, entity });
  });
  return { ok: true, entries, skipped };
}

function withSkipped(status: SubscriptionStatus, reasons: string[], add: boolean): SubscriptionStatus {
  if (!reasons.length) return status;
  return {
    ...status,
    skipped: (add ? status.skipped : 0) + reasons.length,
    skippedExamples: [...reasons, ...(add ? status.skippedExamples : [])].slice(0, 5),
  };
}

function tooLarge(chars: number): string {
  return `The glossary file is ${Math.round(chars / 1e6)} MB, over the ${MAX_GLOSSARY_FILE_CHARS / 1e6} MB limit: refused, nothing was changed.`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
