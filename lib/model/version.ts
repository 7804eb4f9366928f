/**
 * The edit version of a record: how "changed elsewhere" is told apart from a save of what the
 * reader saw (docs/versioning.md). One field, `version`, on every record the reader edits: an
 * entity, a note, the settings record (which holds the per-site switches).
 *
 * - A record is written at version 1 when created; every write of it (an edit, a merge into it,
 *   an import that changes it, an append from the card) stores `version + 1`, in the same
 *   transaction that reads the stored record.
 * - A record written before versions existed has none: absent reads as version 0 (`versionOf`),
 *   so no migration is needed; its first write makes it 1. The field is optional in the schemas
 *   for that reason; every write since stores it.
 * - An edit names the version it was loaded at (`baseVersion` in the message). When the stored
 *   version differs, nothing is written and the edit fails with a `ChangedElsewhere` error that
 *   carries the stored record and its version: the page shows both and lets the reader choose.
 *
 * The version counts writes in this browser profile only; it is not part of the glossary or
 * backup files (an imported record is a write like any other). Sync (issue 16) compares it the
 * same way: a pulled record whose base is not the stored version is a conflict, never an overwrite.
 */
import { z } from 'zod';

/** A record's edit version: 0 (written before versions), then 1, 2, … with every write. */
export const Version = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export type Version = z.infer<typeof Version>;

/** The field itself, spread into the shape of every versioned record (absent: version 0). */
export const versionField = { version: Version.optional() };

/** The version a record is stored at (0 when it has none: written before versions). */
export function versionOf(record: { version?: number } | null | undefined): number {
  const v = record?.version;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0;
}

/** The version the next write of `record` stores (1 for a new record). */
export function nextVersion(record: { version?: number } | null | undefined): number {
  return versionOf(record) + 1;
}

/** Whether an edit based on `baseVersion` may be written over `stored` (no base: not checked). */
export function isCurrent(stored: { version?: number } | null | undefined, baseVersion: number | undefined): boolean {
  return baseVersion === undefined || versionOf(stored) === baseVersion;
}

/** Which kind of record an edit conflicted on. */
export const VersionedKind = z.enum(['entity', 'note', 'settings']);
export type VersionedKind = z.infer<typeof VersionedKind>;
