/**
 * A failed sync in words: what happened and what the reader can do (the status line of
 * Settings › Sync). PouchDB reports HTTP failures with a `status`; a server out of reach, as a
 * fetch that failed with no status at all.
 */
import type { SyncConfig, SyncProblem } from '../model/sync';

export interface SyncErrorWords {
  problem: SyncProblem;
  message: string;
}

const ERROR_STATUS: Record<string, number> = { unauthorized: 401, forbidden: 403, not_found: 404 };

export function describeSyncError(err: unknown, config: Pick<SyncConfig, 'serverUrl' | 'database' | 'username'>): SyncErrorWords {
  const e = (err && typeof err === 'object' ? err : {}) as { status?: number; name?: string; message?: string; reason?: string; error?: string };
  // A request PouchDB answers itself (info()) says `error` without a status.
  const status = typeof e.status === 'number' ? e.status : (ERROR_STATUS[e.error ?? ''] ?? 0);
  const text = `${e.name ?? ''} ${e.message ?? ''} ${e.reason ?? ''} ${e.error ?? ''}`;
  let host = config.serverUrl;
  try {
    host = new URL(config.serverUrl).host;
  } catch {
    /* keep as typed */
  }
  if (/QuotaExceeded|quota/i.test(text) || status === 413) {
    return { problem: 'quota', message: 'Out of storage space: the browser (or the server) has no more room. Free some disk space or ask the server\u2019s administrator, then press Sync now.' };
  }
  if (status === 401) {
    return {
      problem: 'unauthorized',
      message: config.username
        ? `The server at ${host} did not accept the user name or password. Check them, then press Test connection.`
        : `The server at ${host} asks for a user name and password. Enter them, then press Test connection.`,
    };
  }
  if (status === 403) {
    return { problem: 'forbidden', message: `The server at ${host} refused: ${e.message || e.reason || 'not allowed'}. The account may only read this database (a team glossary?); ask its administrator.` };
  }
  if (status === 404) {
    return { problem: 'missing-database', message: `The server has no database \u201c${config.database}\u201d. Check its name, or create it on the server (docs: Sync).` };
  }
  if (status === 0 || /fetch|network|ECONNREFUSED|Failed to/i.test(text)) {
    return { problem: 'unreachable', message: `The server at ${host} could not be reached. Check the address and your connection; sync will try again by itself.` };
  }
  return { problem: 'other', message: `Sync failed (${status ? `HTTP ${status}: ` : ''}${(e.message || e.reason || e.error || 'unknown error').slice(0, 200)}). It will try again by itself.` };
}
