/**
 * The options page's view of the glossary: every entity with its reading statistics
 * (glossary.rows). All data goes through the message protocol (lib/messaging/client.ts): the
 * background owns the database. Mutations reject with the background's error (ProtocolError)
 * so forms can show it; the list reloads after each one.
 */
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { Entity, EntityInput } from '../../lib/model/entity';
import type { DeletedEntity, GlossaryRow } from '../../lib/messaging/knowledge';
import { errorMessage } from '../shared/errors';
import { versionOf } from '../../lib/model/version';
import { useReloadOnReturn } from '../shared/useReloadOnReturn';

export interface Glossary {
  /** Null until the first load finishes. */
  rows: GlossaryRow[] | null;
  /** The entities alone (same order as rows). */
  entities: Entity[] | null;
  loadError: string | null;
  reload: () => Promise<void>;
  create: (input: EntityInput) => Promise<Entity>;
  /**
   * `baseVersion`: the version the form loaded (docs/versioning.md); a stale one rejects with a
   * ProtocolError whose `conflict` holds the stored entity, and the list reloads.
   */
  update: (id: string, input: EntityInput, baseVersion: number) => Promise<Entity>;
  /** Deletes the version shown; resolves to what undo needs. */
  remove: (id: string, baseVersion: number) => Promise<DeletedEntity | null>;
  restore: (removed: DeletedEntity) => Promise<Entity>;
  merge: (keep: Entity, other: Entity) => Promise<Entity>;
}

export function useGlossary(): Glossary {
  const [rows, setRows] = useState<GlossaryRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Replies can arrive out of order; only the latest load may set state.
  const loadSeq = useRef(0);

  const reload = useCallback(async () => {
    const seq = ++loadSeq.current;
    try {
      const list = await ask('glossary.rows', {});
      if (seq !== loadSeq.current) return;
      setRows(list);
      setLoadError(null);
    } catch (err) {
      if (seq !== loadSeq.current) return;
      setLoadError(errorMessage(err));
    }
  }, []);

  // The glossary may change elsewhere (another options tab, the popup, a page being read).
  useReloadOnReturn(reload, { focus: false });

  const upsert = (entity: Entity) =>
    setRows((list) => {
      const row = list?.find((r) => r.entity.id === entity.id);
      const next = { entity, mentions: row?.mentions ?? 0, articles: row?.articles ?? 0, lastSeen: row?.lastSeen ?? null };
      return list ? (row ? list.map((r) => (r.entity.id === entity.id ? next : r)) : [...list, next]) : [next];
    });

  const create = useCallback(
    async (input: EntityInput) => {
      const entity = await ask('entity.create', { input });
      upsert(entity);
      void reload();
      return entity;
    },
    [reload],
  );

  /** A write refused as "changed elsewhere" (or failed): the list shows what is stored now. */
  const reloadOnFailure = useCallback(
    async <T>(write: Promise<T>): Promise<T> => {
      try {
        return await write;
      } catch (err) {
        void reload();
        throw err;
      }
    },
    [reload],
  );

  const update = useCallback(
    async (id: string, input: EntityInput, baseVersion: number) => {
      const entity = await reloadOnFailure(ask('entity.update', { id, input, baseVersion }));
      upsert(entity);
      void reload();
      return entity;
    },
    [reload, reloadOnFailure],
  );

  const remove = useCallback(
    async (id: string, baseVersion: number) => {
      const { removed } = await reloadOnFailure(ask('entity.delete', { id, baseVersion }));
      setRows((list) => list?.filter((r) => r.entity.id !== id) ?? null);
      void reload();
      return removed ?? null;
    },
    [reload, reloadOnFailure],
  );

  const restore = useCallback(
    async (removed: DeletedEntity) => {
      const entity = await ask('entity.restore', { removed });
      void reload();
      return entity;
    },
    [reload],
  );

  const merge = useCallback(
    async (keep: Entity, other: Entity) => {
      const entity = await reloadOnFailure(
        ask('entity.merge', { keepId: keep.id, otherId: other.id, keepVersion: versionOf(keep), otherVersion: versionOf(other) }),
      );
      setRows((list) => list?.filter((r) => r.entity.id !== other.id) ?? null);
      void reload();
      return entity;
    },
    [reload, reloadOnFailure],
  );

  const entities = useMemo(() => (rows ? rows.map((r) => r.entity) : null), [rows]);
  return { rows, entities, loadError, reload, create, update, remove, restore, merge };
}
