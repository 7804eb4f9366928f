/**
 * What the background does for each message. The background is the only owner of the
 * database; handlers receive already-validated payloads (see router.ts).
 */
import type { Handlers } from './router';
import type { GlossaryCache } from './glossary-cache';
import type { Database } from '../storage/db';
import {
  createEntity,
  deleteEntity,
  getEntities,
  importEntities,
  listEntities,
  updateEntity,
} from '../storage/entities';
import { alsoIn, recordVisit } from '../storage/reading';
import { listNotes } from '../storage/notes';
import { parseGlossaryFile, serializeGlossaryFile } from '../model/glossary-file';
import { canonicalArticleUrl, siteName } from '../page/canonical-url';
import { MAX_TITLE_LENGTH } from '../model/article';

export interface HandlerDeps {
  db: () => Promise<Database>;
  glossary: GlossaryCache;
  now: () => number;
  /** Tell open tabs the glossary changed, so they rescan. */
  glossaryChanged: (revision: number) => void;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, glossary, now } = deps;

  async function afterGlossaryWrite() {
    const snap = await glossary.current();
    deps.glossaryChanged(snap.revision);
  }

  return {
    async 'glossary.get'({ knownRevision }) {
      const snap = await glossary.current();
      if (knownRevision === snap.revision) return { revision: snap.revision, compiled: null, entities: null };
      return { revision: snap.revision, compiled: snap.compiled, entities: snap.entities };
    },

    async 'page.report'(report) {
      const url = canonicalArticleUrl(report.pageUrl, report.canonicalHref);
      // Only pages that mention something are recorded: the reading index is about entities.
      if (!url || report.mentions.length === 0) return { recorded: false, url };
      const result = await recordVisit(
        await db(),
        {
          url,
          title: report.title.slice(0, MAX_TITLE_LENGTH),
          site: siteName(url, report.site || undefined),
          mentions: report.mentions,
        },
        now(),
      );
      return { recorded: result.recorded, url };
    },

    async 'entity.card'({ entityId, pageUrl, canonicalHref }) {
      const d = await db();
      const [entity] = await getEntities(d, [entityId]);
      if (!entity) return null;
      const here = canonicalArticleUrl(pageUrl, canonicalHref);
      const others = await alsoIn(d, entityId, { excludeUrl: here ?? undefined, limit: 20 });
      return { entity, alsoIn: others };
    },

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

    async 'entity.update'({ id, input }) {
      const entity = await updateEntity(await db(), id, input, now());
      await afterGlossaryWrite();
      return entity;
    },

    async 'entity.delete'({ id }) {
      const deleted = await deleteEntity(await db(), id);
      await afterGlossaryWrite();
      return { deleted };
    },

    async 'glossary.import'({ text }) {
      const parsed = parseGlossaryFile(text);
      if (!parsed.ok) {
        throw new Error(`The file was not imported, nothing changed. ${parsed.errors.join('; ')}`);
      }
      const result = await importEntities(await db(), parsed.entities, now());
      await afterGlossaryWrite();
      return result;
    },

    async 'glossary.export'() {
      const entities = await listEntities(await db());
      const t = now();
      const date = new Date(t).toISOString().slice(0, 10);
      return { json: serializeGlossaryFile(entities, t), filename: `glossary-${date}.json` };
    },

    async 'note.list'() {
      return listNotes(await db());
    },
  };
}
