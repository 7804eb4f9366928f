/**
 * The one place a failure is put into words for the reader: the router answers every handler's
 * error with describeError, and the import handlers say a refused file with fileRefused.
 * Storage errors (lib/storage/errors.ts) are written for the reader already; the browser's own
 * (a full disk above all: QuotaExceededError) get a clear message saying nothing was changed;
 * anything else passes as its message.
 */
import { errorText } from '../model/error-text';
import { StorageError, isQuotaError } from '../storage/errors';

export function describeError(err: unknown): string {
  if (err instanceof StorageError) return err.message;
  if (isQuotaError(err)) {
    return 'The browser has no more storage space for this extension. Free some disk space or delete old data, then try again. Nothing was changed.';
  }
  const name = err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
  if (name === 'VersionError') return 'The database was written by a newer version of the extension. Update the extension.';
  if (name === 'InvalidStateError') return 'The database connection was closed. Try again.';
  return errorText(err);
}

/** A file that failed validation: every problem, and the promise that nothing changed. */
export function fileRefused(problems: readonly string[]): Error {
  return new Error(`The file was not imported, nothing changed. ${problems.join('; ')}`);
}
