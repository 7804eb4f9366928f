/**
 * "Changed elsewhere": an edit based on a version that is no longer the stored one (see
 * version.ts). The error reply carries it beside its words, so the page that sent the edit can
 * show the other version and let the reader keep theirs (send again based on `current.version`)
 * or take the other (load `current`). `current` is null when the record was deleted meanwhile.
 */
import { z } from 'zod';
import { Entity } from './entity';
import { Note } from './note';
import { VersionedSettings } from './settings';

export const ChangedElsewhere = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('entity'), id: z.string().max(64), baseVersion: z.number().int(), current: Entity.nullable() }),
  z.strictObject({ kind: z.literal('note'), id: z.string().max(64), baseVersion: z.number().int(), current: Note.nullable() }),
  z.strictObject({ kind: z.literal('settings'), id: z.literal('settings'), baseVersion: z.number().int(), current: VersionedSettings }),
]);
export type ChangedElsewhere = z.infer<typeof ChangedElsewhere>;

/** The words every page shows for it (the page adds the other version beside them). */
export function changedElsewhereText(c: Pick<ChangedElsewhere, 'kind' | 'current'>): string {
  if (c.kind === 'settings') {
    return 'The settings changed elsewhere (in another window or tab) since this page showed them. Nothing was saved: they now show what is stored; make your change again.';
  }
  const what = c.kind === 'entity' ? 'This entity' : 'This note';
  if (!c.current) return `${what} was deleted elsewhere (in another window or tab) since you opened it. Nothing was saved.`;
  return `${what} changed elsewhere (in another window or tab) since you opened it. Nothing was saved: keep your version or take the other.`;
}
