/**
 * Can the browser delete the extension's data by itself to free disk space? (Settings › Storage;
 * the sources are in docs/decisions.md, "What the reader meets next".) Pure, so it is tested in
 * Node.
 *
 * - Chromium never evicts an origin with unlimited storage (its quota database skips them when it
 *   picks what to evict), and answers `persisted()` with false for extensions all the same: they
 *   are not given the "durable storage" permission. So there, `unlimitedStorage` is the answer.
 * - Firefox grants an extension with `unlimitedStorage` the "persistent-storage" permission:
 *   `persist()` succeeds without a prompt (the background asks at start-up), and a persisted
 *   origin is never evicted. Until then its data is best-effort storage, like a website's.
 */

export type StorageProtection = 'kept' | 'may-be-deleted' | 'unknown';

export interface StorageFacts {
  /** The build's browser (import.meta.env.BROWSER). */
  browser: string;
  unlimitedStorage: boolean;
  /** What `navigator.storage.persisted()` answered; null when there was no answer. */
  persisted: boolean | null;
}

export function storageProtection({ browser, unlimitedStorage, persisted }: StorageFacts): StorageProtection {
  if (persisted === true) return 'kept';
  if (unlimitedStorage && browser !== 'firefox') return 'kept';
  return persisted === false ? 'may-be-deleted' : 'unknown';
}
