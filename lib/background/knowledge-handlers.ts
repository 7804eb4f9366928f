/**
 * Handlers of the knowledge-base messages (lib/messaging/knowledge.ts): the glossary manager,
 * the reading index, import and export. Spread into createHandlers (handlers.ts).
 */
import type { knowledgeMessages } from '../messaging/knowledge';
import type { AreaDeps, HandlersOf } from './handler-types';
import { getEntities, listEntities, listGlossaryRows, mergeEntities, restoreEntity } from '../storage/entities';
import { ENTITY_PAGE_SIZE, clearReadingHistory, entityArticles, entityReading, forgetArticle, listArticlePage } from '../storage/reading';
import { exportFile, listOwnEntities, storageSummary } from '../storage/export';
import { commitImport, previewImport } from '../storage/import';
import { newId } from '../storage/ids';
import type { ImportBundle } from '../model/import-file';
import { parseAnyImportFile } from '../formats/import';
import { serializeSkosTurtle, skosTurtleFileName } from '../formats/skos-turtle';
import { serializeSkosJsonLd, skosJsonLdFileName } from '../formats/skos-jsonld';
import { importAliasNotes } from './alias-review';
import { fileRefused } from './error-words';

/**
 * The reader's languages for the open formats' labels (SKOS, Wikidata): the languages the reader
 * set in the browser (navigator.languages, best first; primary subtags), English when none.
 */
export function readerLanguages(): string[] {
  const nav = (globalThis as { navigator?: { languages?: readonly string[] } }).navigator;
  const list = (nav?.languages ?? []).map((l) => l.toLowerCase().split('-')[0]!).filter((l) => /^[a-z]{2,3}$/.test(l));
  return list.length ? [...new Set(list)] : ['en'];
}

/** How long a previewed file waits for its commit. */
export const STAGED_IMPORT_MS = 10 * 60 * 1000;
export const IMPORT_EXPIRED = 'import preview expired: choose the file again';

export function createKnowledgeHandlers(deps: AreaDeps): HandlersOf<typeof knowledgeMessages> {
  const { db, now, afterGlossaryWrite } = deps;
  // The last previewed file, validated: commit needs not send and parse it again.
  let staged: { token: string; bundle: ImportBundle; at: number } | null = null;

  return {
    async 'glossary.rows'() {
      return listGlossaryRows(await db());
    },

    async 'entity.merge'({ keepId, otherId, keepVersion, otherVersion }) {
      const merged = await mergeEntities(await db(), keepId, otherId, now(), { keep: keepVersion, other: otherVersion });
      await afterGlossaryWrite();
      return merged;
    },

    async 'entity.restore'({ removed }) {
      const entity = await restoreEntity(await db(), removed);
      await afterGlossaryWrite();
      return entity;
    },

    async 'entity.reading'({ entityId, limit }) {
      const d = await db();
      const [entity] = await getEntities(d, [entityId]);
      if (!entity) return null;
      const reading = await entityReading(d, entityId, { limit: limit ?? ENTITY_PAGE_SIZE });
      return { entity, ...reading };
    },

    async 'entity.articles'({ entityId, after, limit }) {
      return entityArticles(await db(), entityId, after, limit ?? ENTITY_PAGE_SIZE);
    },

    async 'reading.articles'({ offset, limit, query }) {
      return listArticlePage(await db(), { offset, limit, query });
    },

    async 'reading.forget'({ url }) {
      return { forgotten: await forgetArticle(await db(), url) };
    },

    async 'reading.clear'() {
      await clearReadingHistory(await db());
      return { cleared: true as const };
    },

    async 'storage.summary'() {
      return storageSummary(await db());
    },

    async 'import.preview'({ text }) {
      const parsed = parseAnyImportFile(text, { languages: readerLanguages() });
      if (!parsed.ok) return { valid: false as const, kind: parsed.kind, errors: parsed.errors };
      const preview = await previewImport(await db(), parsed.bundle);
      // Aliases that are words, months, lists or shared: said before anything is written.
      const aliasNotes = importAliasNotes(parsed.bundle.entities, await listEntities(await db()));
      if (aliasNotes.length) preview.aliasNotes = aliasNotes;
      staged = { token: newId(), bundle: parsed.bundle, at: now() };
      return { valid: true as const, preview, token: staged.token };
    },

    async 'import.commit'({ text, token, choices }) {
      let bundle: ImportBundle | null = null;
      if (token && staged && staged.token === token && now() - staged.at < STAGED_IMPORT_MS) bundle = staged.bundle;
      if (!bundle) {
        if (text === undefined) throw new Error(IMPORT_EXPIRED);
        const parsed = parseAnyImportFile(text, { languages: readerLanguages() });
        if (!parsed.ok) throw fileRefused(parsed.errors);
        bundle = parsed.bundle;
      }
      const outcome = await commitImport(await db(), bundle, choices, now());
      if (staged?.bundle === bundle) staged = null;
      // The reader's answer does not wait for the tabs' glossary: recompiling it after an import
      // of thousands of entities takes most of a second, and the import is committed already.
      // Tabs are told once it is ready (the next message waits for it in this worker anyway).
      afterGlossaryWrite().catch((err: unknown) => console.warn('[news-context-reader] refreshing tabs after an import failed', err));
      return outcome;
    },

    async 'export.file'({ kind }) {
      if (kind === 'skos-turtle') return { text: serializeSkosTurtle(await listOwnEntities(await db()), now()), filename: skosTurtleFileName(now()), mime: 'text/turtle' };
      if (kind === 'skos-jsonld') return { text: serializeSkosJsonLd(await listOwnEntities(await db()), now()), filename: skosJsonLdFileName(now()), mime: 'application/ld+json' };
      return exportFile(await db(), kind, now());
    },
  };
}
