/**
 * What the background does for each message. The background is the only owner of the
 * database; handlers receive already-validated payloads (see router.ts).
 */
import type { Handlers } from './router';
import type { RequestOf, ToBackground } from '../messaging/protocol';
import type { GlossaryCache } from './glossary-cache';
import type { Database } from '../storage/db';
import {
  createEntity,
  getEntities,
  importEntities,
  listEntities,
  updateEntity,
} from '../storage/entities';
import { alsoIn, recordVisit } from '../storage/reading';
import { listNotes } from '../storage/notes';
import { getSettings, updateSettings } from '../storage/settings';
import { isSiteDisabled } from '../model/settings';
import { parseGlossaryFile, serializeGlossaryFile } from '../model/glossary-file';
import { canonicalArticleUrl, siteName } from '../page/canonical-url';
import { MAX_TITLE_LENGTH, parsePublishedTime } from '../model/article';
import { removeEntity } from '../storage/entities';
import { describeStorageError } from '../storage/errors';
import { createKnowledgeHandlers } from './knowledge-handlers';
import { createDiscoveryHandlers } from './discovery-handlers';
import { createNoteHandlers, type TabsPort } from './note-handlers';
import { matchPageText } from './page-matching';
import { PageEvidence } from './page-evidence';
import { createNamesHandlers } from './names-handlers';
import { exclusionTest, listExclusions } from '../storage/alias-exclusions';
import { siteHostOf } from '../model/settings';
import { ScanTexts, scanKey } from './scan-texts';
import { PageArticles } from './page-articles';
import { createArticleRunner, type ArticleRunner } from './article-runner';

export interface HandlerDeps {
  db: () => Promise<Database>;
  glossary: GlossaryCache;
  now: () => number;
  /** Tell open tabs the glossary or the settings changed, so they refresh. */
  refreshTabs: (revision: number) => void;
  /** The browser's tabs, for saving a selection and opening a note (absent in unit tests). */
  tabs?: TabsPort;
  /** Scans' text kept for discovery (created here when not given). */
  scanTexts?: ScanTexts;
  /** Where main-content detection runs (the offscreen document or Firefox's background page when not given). */
  articleRunner?: ArticleRunner;
}


export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, glossary, now } = deps;
  const scanTexts = deps.scanTexts ?? new ScanTexts();
  const articles = new PageArticles(deps.articleRunner ?? createArticleRunner());
  /** What each tab's page has named so far (word-like aliases need it; lib/background/page-evidence.ts). */
  const evidence = new PageEvidence();

  async function afterGlossaryWrite() {
    const snap = await glossary.current();
    deps.refreshTabs(snap.revision);
  }

  /**
   * The URL each page was last filed under (page URL -> canonical URL), so the card of a page
   * filed by its og:url leaves that very article out of "also in". Small and bounded.
   */
  const filedAs = new Map<string, string>();
  const rememberFiled = (pageUrl: string, url: string) => {
    filedAs.delete(pageUrl);
    filedAs.set(pageUrl, url);
    if (filedAs.size > 200) filedAs.delete(filedAs.keys().next().value!);
  };

  const handlers: Handlers = {
    async 'page.start'({ pageUrl }) {
      // Both reads at once: this answer is on every tab's start-up path.
      const [settings, snap] = await Promise.all([db().then(getSettings), glossary.current()]);
      const page = { markStyle: settings.markStyle, markDensity: settings.markDensity, markFurniture: settings.markFurniture, suggestions: settings.suggestions };
      // Per-site "off" is decided here, before the tab reads a single character of the page.
      if (isSiteDisabled(settings, pageUrl)) return { enabled: false, settings: page, revision: -1, hasGlossary: false };
      return { enabled: true, settings: page, revision: snap.revision, hasGlossary: snap.matcher !== null };
    },

    async 'page.match'({ pageUrl, texts, breaks, scan, layout }, ctx) {
      // The page's layout (main-content detection) is kept before anything is awaited: the
      // scan's next part may arrive meanwhile, and the last one is answered with the zones.
      const zones = articleZonesOf(articles, ctx.sender, pageUrl, texts, breaks, scan, layout);
      const [settings, snap, exclusions] = await Promise.all([db().then(getSettings), glossary.current(), db().then(listExclusions)]);
      // Switched off between page.start and now: the text is not even looked at.
      if (isSiteDisabled(settings, pageUrl)) return { enabled: false, revision: snap.revision, entities: [], matches: [], snippets: [] };
      const key = scan && settings.suggestions !== 'off' ? scanKey(ctx.sender, scan.id) : null;
      if (key && scan) {
        const cut = scan.cut ? { text: scan.cut[0], offset: scan.cut[1] } : null;
        scanTexts.keep(key, scan.part, { texts, breaks, overlap: scan.overlap, cut });
      }
      const frame = ctx.sender.tab?.id === undefined ? null : `${ctx.sender.tab.id}:${ctx.sender.frameId ?? 0}`;
      const page = evidence.forPart(frame, pageUrl, scan);
      const judge = {
        named: page.named,
        part: page.part,
        // The site is the one the browser says sent the text (the same as pageUrl's for a tab's own text).
        excluded: exclusionTest(exclusions, siteHostOf(ctx.sender.url ?? pageUrl)),
        createdAt: snap.createdAt,
      };
      const found = matchPageText(snap.matcher, texts, breaks, judge);
      return zones ? { enabled: true, revision: snap.revision, ...found, zones: await zones } : { enabled: true, revision: snap.revision, ...found };
    },

    async 'page.report'(report, ctx) {
      const url = canonicalArticleUrl(report.pageUrl, report.canonicalHref, report.ogUrl);
      // Only pages that mention something are recorded: the reading index is about entities.
      if (!url || report.mentions.length === 0) return { recorded: false, url };
      const settings = await getSettings(await db());
      if (!settings.recordHistory || isSiteDisabled(settings, report.pageUrl)) return { recorded: false, url };
      // Private windows leave no trace unless the reader opted in.
      if (ctx.sender.tab?.incognito && !settings.recordPrivate) return { recorded: false, url };
      const result = await recordVisit(
        await db(),
        {
          url,
          title: report.title.slice(0, MAX_TITLE_LENGTH),
          site: siteName(url, report.site || undefined),
          mentions: report.mentions,
          publishedAt: parsePublishedTime(report.publishedTime, now()),
        },
        now(),
      );
      if (result.recorded) rememberFiled(report.pageUrl, url);
      return { recorded: result.recorded, url };
    },

    async 'entity.card'({ entityId, pageUrl, canonicalHref }) {
      const d = await db();
      const [entity] = await getEntities(d, [entityId]);
      if (!entity) return null;
      const here = filedAs.get(pageUrl) ?? canonicalArticleUrl(pageUrl, canonicalHref);
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
      const removed = await removeEntity(await db(), id);
      await afterGlossaryWrite();
      return { deleted: removed !== null, removed };
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

    async 'settings.get'() {
      return getSettings(await db());
    },

    async 'settings.update'({ patch }) {
      const settings = await updateSettings(await db(), patch);
      const snap = await glossary.current();
      deps.refreshTabs(snap.revision);
      return settings;
    },

    ...createKnowledgeHandlers(deps, afterGlossaryWrite),
    ...createDiscoveryHandlers({ ...deps, scanTexts }),
    ...createNoteHandlers(deps, afterGlossaryWrite),
    ...createNamesHandlers(deps, afterGlossaryWrite),
  };
  return withReadableErrors(handlers);
}

/** Keep a scan's layout part; for its last part, the zones of its article. */
function articleZonesOf(
  articles: PageArticles,
  sender: Parameters<typeof scanKey>[0],
  pageUrl: string,
  texts: string[],
  breaks: number[],
  scan: RequestOf<ToBackground, 'page.match'>['scan'],
  layout: RequestOf<ToBackground, 'page.match'>['layout'],
) {
  const key = scan && layout ? scanKey(sender, scan.id) : null;
  if (!key || !scan || !layout) return null;
  const cut = scan.cut ? { text: scan.cut[0], offset: scan.cut[1] } : null;
  return articles.keep({ key, part: scan.part, overlap: scan.overlap, cut, texts, breaks, layout, pageUrl });
}

/**
 * Every handler's failure in words for the reader: storage errors (a full disk above all:
 * QuotaExceededError) get a clear message saying nothing was changed; the rest pass as they are.
 */
function withReadableErrors(handlers: Handlers): Handlers {
  const out: Record<string, unknown> = {};
  for (const [type, handler] of Object.entries(handlers) as [string, (p: unknown, c: unknown) => Promise<unknown>][]) {
    out[type] = async (payload: unknown, ctx: unknown) => {
      try {
        return await handler(payload, ctx);
      } catch (err) {
        throw new Error(describeStorageError(err));
      }
    };
  }
  return out as Handlers;
}
