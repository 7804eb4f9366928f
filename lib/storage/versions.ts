/**
 * The edit-version check every writer of an edited record makes inside its transaction
 * (docs/versioning.md, lib/model/version.ts): a stale base writes nothing and throws
 * ChangedElsewhereError with the stored record.
 */
import type { Entity } from '../model/entity';
import type { Note } from '../model/note';
import type { VersionedSettings } from '../model/settings';
import { isCurrent } from '../model/version';
import { ChangedElsewhereError, ReadOnlyEntityError } from './errors';

export function checkEntityVersion(id: string, stored: Entity | undefined, baseVersion: number | undefined): void {
  // Every edit of an entity passes here (update, delete, merge, append from the card): one gate
  // keeps a subscribed (team) entity read-only (docs/sync-team-glossary.md).
  if (stored?.source) throw new ReadOnlyEntityError(id, stored.source.name);
  if (baseVersion !== undefined && (!stored || !isCurrent(stored, baseVersion))) {
    throw new ChangedElsewhereError({ kind: 'entity', id, baseVersion, current: stored ?? null });
  }
}

export function checkNoteVersion(id: string, stored: Note | undefined, baseVersion: number | undefined): void {
  if (baseVersion !== undefined && (!stored || !isCurrent(stored, baseVersion))) {
    throw new ChangedElsewhereError({ kind: 'note', id, baseVersion, current: stored ?? null });
  }
}

export function checkSettingsVersion(stored: VersionedSettings, baseVersion: number | undefined): void {
  if (!isCurrent(stored, baseVersion)) {
    throw new ChangedElsewhereError({ kind: 'settings', id: 'settings', baseVersion: baseVersion!, current: stored });
  }
}
