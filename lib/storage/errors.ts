/**
 * Errors the storage layer throws on purpose. Their messages are written for the reader: the
 * background passes `error.message` back to the page that asked.
 */
import type { z } from 'zod';
import { formatIssues } from '../model/glossary-file';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    // Set by hand: ErrorOptions is not in every lib target this file is checked against.
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** The record asked for does not exist (update of a deleted entity, ...). */
export class NotFoundError extends StorageError {
  override name = 'NotFoundError';
  constructor(
    readonly store: string,
    readonly key: string,
  ) {
    super(`${store === 'entities' ? 'entity' : store} ${JSON.stringify(key)} does not exist (it may have been deleted)`);
  }
}

/** A record failed validation on its way in; nothing was written. */
export class ValidationError extends StorageError {
  override name = 'ValidationError';
  constructor(
    what: string,
    readonly problems: string[],
  ) {
    super(`invalid ${what}: ${problems.join('; ')}`);
  }

  static fromZod(what: string, error: z.ZodError, pathPrefix: PropertyKey[] = [], max = 20): ValidationError {
    return new ValidationError(what, formatIssues(error.issues, pathPrefix, max));
  }
}

/** A message for any error out of the storage layer, including IndexedDB's own. */
export function describeStorageError(err: unknown): string {
  if (err instanceof StorageError) return err.message;
  const name = err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
  if (isQuotaError(err)) {
    return 'The browser has no more storage space for this extension. Free some disk space or delete old data, then try again. Nothing was changed.';
  }
  if (name === 'VersionError') {
    return 'The database was written by a newer version of the extension. Update the extension.';
  }
  if (name === 'InvalidStateError') return 'The database connection was closed. Try again.';
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A write refused for lack of space, however the browser wraps it. */
export function isQuotaError(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = String((e as { name?: unknown }).name ?? '');
    const message = String((e as { message?: unknown }).message ?? '');
    if (name === 'QuotaExceededError' || (e as { code?: unknown }).code === 22 || /quota/i.test(message)) return true;
  }
  return false;
}
