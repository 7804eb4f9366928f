/**
 * Handlers of the glossary messages (lib/messaging/glossary.ts): reading and editing entities,
 * and the glossary file in one step (the same import engine as import.commit, the same export
 * as export.file).
 */
import type { glossaryMessages } from '../messaging/glossary';
import type { AreaDeps, HandlersOf } from './handler-types';
import { createEntity, getEntities, listEntities, removeEntity, updateEntity } from '../storage/entities';
import { commitImport } from '../storage/import';
import { exportFile } from '../storage/export';
import { parseGlossaryFile } from '../model/glossary-file';
import { glossaryBundle } from '../model/import-file';
import { fileRefused } from './error-words';

export function createGlossaryHandlers(deps: AreaDeps): HandlersOf<typeof glossaryMessages> {
  const { db, now, afterGlossaryWrite } = deps;
  return {
    async 'entity.list'() {
      return listEntities(await db());
    },

    async 'entity.get'({ ids }) {
      return getEntities(await db(), ids);
    },

    async 'entity.create'({ input }) {
      const entity = await createEntity(await db(), input, now());
      await afterGlossaryWrite();
      return entity;
    },

    async 'entity.update'({ id, input, baseVersion }) {
      const entity = await updateEntity(await db(), id, input, now(), baseVersion);
      await afterGlossaryWrite();
      return entity;
    },

    async 'entity.delete'({ id, baseVersion }) {
      const removed = await removeEntity(await db(), id, baseVersion);
      await afterGlossaryWrite();
      return { deleted: removed !== null, removed };
    },

    async 'glossary.import'({ text }) {
      const parsed = parseGlossaryFile(text);
      if (!parsed.ok) throw fileRefused(parsed.errors);
      const outcome = await commitImport(await db(), glossaryBundle('glossary', parsed.entities), { default: 'merge' }, now());
      await afterGlossaryWrite();
      return { added: outcome.entities.added, updated: outcome.entities.merged };
    },

    async 'glossary.export'() {
      const { text, filename } = await exportFile(await db(), 'glossary', now());
      return { json: text, filename };
    },
  };
}
