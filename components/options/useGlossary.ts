/**
 * The options page's view of the glossary. All data goes through the message protocol
 * (lib/messaging/client.ts): the background owns the database. Mutations reject with the
 * background's error (ProtocolError) so forms can show it; the list reloads after each one.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { Entity, EntityInput } from '../../lib/model/entity';
import { errorMessage } from '../shared/errors';

export interface Glossary {
  /** Null until the first load finishes. */
  entities: Entity[] | null;
  loadError: string | null;
  reload: () => Promise<void>;
  create: (input: EntityInput) => Promise<Entity>;
  update: (id: string, input: EntityInput) => Promise<Entity>;
  remove: (id: string) => Promise<boolean>;
  importText: (text: string) => Promise<{ added: number; updated: number }>;
  exportFile: () => Promise<{ json: string; filename: string }>;
}

export function useGlossary(): Glossary {
  const [entities, setEntities] = useState<Entity[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Replies can arrive out of order; only the latest load may set state.
  const loadSeq = useRef(0);

  const reload = useCallback(async () => {
    const seq = ++loadSeq.current;
    try {
      const list = await ask('entity.list', {});
      if (seq !== loadSeq.current) return;
      setEntities(list);
      setLoadError(null);
    } catch (err) {
      if (seq !== loadSeq.current) return;
      setLoadError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void reload();
    // The glossary may change elsewhere (another options tab, a later popup action).
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const create = useCallback(
    async (input: EntityInput) => {
      const entity = await ask('entity.create', { input });
      setEntities((list) => (list ? [...list.filter((e) => e.id !== entity.id), entity] : [entity]));
      void reload();
      return entity;
    },
    [reload],
  );

  const update = useCallback(
    async (id: string, input: EntityInput) => {
      const entity = await ask('entity.update', { id, input });
      setEntities((list) => list?.map((e) => (e.id === id ? entity : e)) ?? [entity]);
      void reload();
      return entity;
    },
    [reload],
  );

  const remove = useCallback(
    async (id: string) => {
      const { deleted } = await ask('entity.delete', { id });
      setEntities((list) => list?.filter((e) => e.id !== id) ?? null);
      void reload();
      return deleted;
    },
    [reload],
  );

  const importText = useCallback(
    async (text: string) => {
      try {
        return await ask('glossary.import', { text });
      } finally {
        // Reload either way: the list must show what is really stored.
        void reload();
      }
    },
    [reload],
  );

  const exportFile = useCallback(() => ask('glossary.export', {}), []);

  return { entities, loadError, reload, create, update, remove, importText, exportFile };
}
