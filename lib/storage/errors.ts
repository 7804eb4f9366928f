/**
 * Errors the storage layer throws on purpose. Their messages are written for the reader: the
 * background passes `error.message` back to the page that asked (lib/background/error-words.ts
 * words every other failure).
 */
import type { z } from 'zod';
import { formatIssues } from '../model/glossary-file';
import { changedElsewhereText, type ChangedElsewhere } from '../model/conflict';

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

/** An entity a subscription brought (a team glossary): only the subscription changes it. */
export class ReadOnlyEntityError extends StorageError {
  override name = 'ReadOnlyEntityError';
  constructor(
    readonly id: string,
    readonly sourceName: string,
  ) {
    super(`“${sourceName}” is a team glossary you subscribe to: its entities are read-only here (write your own notes about them, or ask the team’s editors)`);
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

/** A write refused for lack of space, however the browser wraps it. */
export function isQuotaError(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = String((e as { name?: unknown }).name ?? '');
    const message = String((e as { message?: unknown }).message ?? '');
    if (name === 'QuotaExceededError' || (e as { code?: unknown }).code === 22 || /quota/i.test(message)) return true;
  }
  return false;
}

/**
 * An edit based on a version that is no longer the stored one (lib/model/version.ts): nothing
 * was written. `conflict` carries the stored record, so the page can show the other version.
 */
export class ChangedElsewhereError extends StorageError {
  override name = 'ChangedElsewhereError';
  constructor(readonly conflict: ChangedElsewhere) {
    super(changedElsewhereText(conflict));
  }
}
