/**
 * Opening the extension's IndexedDB database, and the one way to run a transaction.
 *
 * Only the background service worker (and, if ever needed, extension pages) may open it:
 * never a content script, which runs in the page's origin and would see the page's database.
 */
import { unwrap, wrap, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import { DB_NAME, DB_VERSION, type NcrSchema, type StoreName } from './schema';
import { upgrade } from './migrations';
import { StorageError, isQuotaError } from './errors';
import { errorText } from '../model/error-text';

export { DB_NAME, DB_VERSION } from './schema';
export type { NcrSchema } from './schema';

export type Database = IDBPDatabase<NcrSchema>;

export interface OpenDatabaseOptions {
  /** Database name; tests pass their own. Default DB_NAME. */
  name?: string;
  /** The IndexedDB factory; tests pass `new IDBFactory()` from fake-indexeddb. Default globalThis.indexedDB. */
  indexedDB?: IDBFactory;
  /**
   * Called when this connection stops being usable: another context asked for a newer version
   * (we close at once so its upgrade can proceed) or the browser closed it abnormally.
   * The owner should drop its cached connection and open a new one on next use.
   */
  onClosed?: (reason: 'versionchange' | 'terminated') => void;
  /** Called while an older connection elsewhere blocks our upgrade (it is asked to close). */
  onBlocked?: () => void;
}

/** Open (creating or upgrading as needed) the database. */
export function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) return Promise.reject(new StorageError('IndexedDB is not available in this context'));

  let request: IDBOpenDBRequest;
  try {
    request = factory.open(options.name ?? DB_NAME, DB_VERSION);
  } catch (err) {
    return Promise.reject(err);
  }

  let upgradeError: unknown = null;
  let upgradeTx: IDBTransaction | null = null;
  request.addEventListener('upgradeneeded', (event) => {
    const tx = request.transaction!;
    upgradeTx = tx;
    const abort = (err: unknown) => {
      upgradeError ??= err;
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
    };
    try {
      const wrappedTx = wrap(tx) as unknown as IDBPTransaction<NcrSchema, StoreName[], 'versionchange'>;
      // The open request reports a failed upgrade; its `done` need not report it again.
      wrappedTx.done.catch(() => {});
      const pending = upgrade(wrap(request.result) as unknown as Database, event.oldVersion, event.newVersion, wrappedTx);
      // Steps that rewrite records run on; should one fail, nothing of the upgrade stays.
      if (pending) pending.catch(abort);
    } catch (err) {
      // A failed step must leave the database as it was: abort the whole versionchange.
      upgradeError = err;
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
    }
  });
  request.addEventListener('blocked', () => {
    console.warn('[news-context-reader] database upgrade waits for an older connection to close');
    options.onBlocked?.();
  });

  return (wrap(request) as Promise<Database | undefined>).then(
    (db) => {
      if (!db) throw new StorageError('the database could not be opened');
      db.addEventListener('versionchange', () => {
        db.close();
        options.onClosed?.('versionchange');
      });
      db.addEventListener('close', () => options.onClosed?.('terminated'));
      return db;
    },
    (err: unknown) => {
      // A transaction that failed to commit (a full disk at the end) says why in its own error.
      upgradeError ??= (upgradeTx as IDBTransaction | null)?.error ?? null;
      if (upgradeError && isQuotaError(upgradeError)) {
        // A migration rewrites records (v5 moves the whole reading index): it needs room.
        throw new StorageError(
          'The database could not be updated for this version of the extension: the browser has no more storage space for it. Free some disk space, then try again. Nothing was changed.',
          { cause: upgradeError },
        );
      }
      if (upgradeError) throw new StorageError(`database upgrade failed: ${errorText(upgradeError)}`, { cause: upgradeError });
      if (err && typeof err === 'object' && (err as { name?: string }).name === 'VersionError') {
        throw new StorageError(
          'the database was written by a newer version of the extension; update the extension',
          { cause: err },
        );
      }
      throw err;
    },
  );
}

/**
 * A lazily opened, shared connection that reopens after it was closed (versionchange, or the
 * browser terminating it). For the background: `const db = databaseGetter(); await db()`.
 */
export function databaseGetter(options: Omit<OpenDatabaseOptions, 'onClosed'> = {}): () => Promise<Database> {
  let current: Promise<Database> | null = null;
  return () => {
    current ??= openDatabase({
      ...options,
      onClosed: () => {
        current = null;
      },
    }).catch((err: unknown) => {
      current = null;
      throw err;
    });
    return current;
  };
}

export type Tx<Names extends StoreName[], Mode extends IDBTransactionMode> = IDBPTransaction<NcrSchema, Names, Mode>;

/**
 * Run `body` in one transaction over `stores`, resolving once the transaction has committed.
 *
 * The body may await only this transaction's own requests (anything else lets the transaction
 * auto-commit half-way). If the body throws, the transaction is aborted: nothing it wrote stays.
 */
export async function runTransaction<const Names extends StoreName[], Mode extends IDBTransactionMode, T>(
  db: Database,
  stores: Names,
  mode: Mode,
  body: (tx: Tx<Names, Mode>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, mode);
  const done = tx.done;
  // Observed below on every path; this only keeps an abort from surfacing as unhandled.
  done.catch(() => {});
  let result: T;
  try {
    result = await body(tx);
  } catch (err) {
    try {
      tx.abort();
    } catch {
      /* already aborted (a failed request aborts it) or finished */
    }
    await done.catch(() => {});
    throw failureOf(tx, err);
  }
  try {
    await done;
  } catch (err) {
    throw failureOf(tx, err);
  }
  return result;
}

/**
 * Why a transaction failed. When the browser aborts it (a full disk: Chromium aborts the whole
 * transaction with QuotaExceededError), the pending requests fail with a bare AbortError ("The
 * transaction was aborted, so the request cannot be fulfilled."): the reason is the
 * transaction's own `error`, which is what the reader must be told (error-words.ts). An abort of
 * ours leaves `tx.error` null, and the body's own error stands.
 */
function failureOf(tx: { error: DOMException | null }, err: unknown): unknown {
  let reason: DOMException | null = null;
  try {
    reason = tx.error;
  } catch {
    /* not readable before the transaction finished: keep err */
  }
  const name = err && typeof err === 'object' && 'name' in err ? (err as { name: unknown }).name : '';
  return reason && (name === 'AbortError' || err === null || err === undefined) ? reason : err;
}

/**
 * Issue one request per item and wait for all. Should issuing one throw (DataCloneError, say),
 * the transaction is aborted by runTransaction and the requests already issued reject; they
 * are observed here so they do not surface as unhandled rejections.
 */
export function requestAll<T, R>(items: readonly T[], issue: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const issued: Promise<R>[] = [];
  items.forEach((item, i) => {
    const p = issue(item, i);
    p.catch(() => {});
    issued.push(p);
  });
  const all = Promise.all(issued);
  all.catch(() => {});
  return all;
}

/**
 * Bulk writes without a promise per record (100,000 mention rows on import): the requests are
 * issued on the raw store; one failing aborts the transaction, which runTransaction reports.
 * Resolves once the last request has succeeded.
 */
export function putAllRaw<T>(store: { put: unknown }, items: readonly T[], mode: 'put' | 'add' = 'put'): Promise<void> {
  if (items.length === 0) return Promise.resolve();
  const raw = unwrap(store as unknown as IDBPObjectStore<NcrSchema, ArrayLike<StoreName>, StoreName, 'readwrite'>) as unknown as IDBObjectStore;
  return new Promise<void>((resolve, reject) => {
    let last: IDBRequest | null = null;
    try {
      for (const item of items) last = mode === 'put' ? raw.put(item) : raw.add(item);
    } catch (err) {
      reject(err);
      return;
    }
    last!.onsuccess = () => resolve();
    last!.onerror = () => reject(last!.error);
  });
}
