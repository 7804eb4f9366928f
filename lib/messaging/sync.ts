/**
 * The sync part of the protocol (extension pages only; docs/sync.md). Spread into
 * `toBackground` in protocol.ts. The password never travels back to a page: `sync.get` says
 * only whether one is set.
 */
import { z } from 'zod';
import { EntityId } from '../model/entity';
import { DatabaseName, ServerUrl, SyncProblem, SyncScope, SyncStatus, TextConflict } from '../model/sync';
import { Empty, type MessageTable } from './table';

/** The settings as a page edits them; an absent password keeps the stored one. */
export const SyncSettingsInput = z.strictObject({
  enabled: z.boolean(),
  serverUrl: z.union([ServerUrl, z.literal('')]),
  database: z.union([DatabaseName, z.literal('')]),
  username: z.string().max(200),
  password: z.string().max(1000).optional(),
  scope: SyncScope,
});

export const SyncSettingsView = SyncSettingsInput.omit({ password: true }).extend({ hasPassword: z.boolean() });
export type SyncSettingsView = z.infer<typeof SyncSettingsView>;

/** A record edited on two devices: both texts of each field that differs. */
export const SyncConflictView = z.strictObject({
  kind: z.enum(['entity', 'note']),
  id: EntityId,
  /** The entity's name, or the note's title: what the reader recognises it by. */
  label: z.string().max(500),
  fields: z.array(z.strictObject({ field: z.enum(['name', 'notes', 'comment']), mine: z.string(), other: TextConflict.shape.other })).max(3),
});
export type SyncConflictView = z.infer<typeof SyncConflictView>;

export const SyncState = z.strictObject({
  settings: SyncSettingsView,
  status: SyncStatus,
  conflicts: z.array(SyncConflictView).max(1000),
});
export type SyncState = z.infer<typeof SyncState>;

export const syncMessages = {
  'sync.get': {
    from: ['extension-page'],
    request: Empty,
    reply: SyncState,
  },
  /** Save the sync settings (the page asked for the server's permission first when turning it on). */
  'sync.configure': {
    from: ['extension-page'],
    request: z.strictObject({ settings: SyncSettingsInput }),
    /**
     * `releaseOrigin`: sync was turned off or moved to another server, and nothing else (a
     * subscription) uses its old origin: the permission pattern the page may give back.
     */
    reply: SyncState.extend({ releaseOrigin: z.string().nullable() }),
  },
  /** Ask the server about the database (no write); the settings given, or the stored ones. */
  'sync.test': {
    from: ['extension-page'],
    request: z.strictObject({ settings: SyncSettingsInput.optional() }),
    reply: z.union([
      z.strictObject({ ok: z.literal(true), docs: z.number().int().nonnegative() }),
      z.strictObject({ ok: z.literal(false), problem: SyncProblem, message: z.string() }),
    ]),
  },
  /** Sync now (also sent, without waiting, when the popup or the options page opens). */
  'sync.now': {
    from: ['extension-page'],
    request: Empty,
    reply: SyncState,
  },
  /** The reader's choice between two texts written on two devices. */
  'sync.choose': {
    from: ['extension-page'],
    request: z.strictObject({ kind: z.enum(['entity', 'note']), id: EntityId, field: z.enum(['name', 'notes', 'comment']), keep: z.enum(['mine', 'other']) }),
    reply: SyncState,
  },
} as const satisfies MessageTable;
