/**
 * Handlers of the page messages (lib/messaging/page.ts): what a tab asks and reports for its
 * own page. The glossary is matched here, never sent to tabs; a scan's text is kept for
 * discovery and its layout for main-content detection.
 */
import { getSyncConflicts } from '../storage/sync-records';
import type { pageMessages } from '../messaging/page';
import type { AreaDeps, HandlersOf, SenderInfo } from './handler-types';
import type { RequestOf, ToBackground } from '../messaging/protocol';
import { getEntities, teamEntitiesSharingNames } from '../storage/entities';
import { alsoIn, hasArticle, recordVisit } from '../storage/reading';
import { getSettings } from '../storage/settings';
import { exclusionTest, listExclusions } from '../storage/alias-exclusions';
import { isSiteDisabled, siteHostOf } from '../model/settings';
import { articleUrlOf } from '../page/article-url';
import { siteName } from '../page/canonical-url';
import { MAX_TITLE_LENGTH, parsePublishedTime } from '../model/article';
import { matchPageText } from './page-matching';
import { PageEvidence } from './page-evidence';
import { scanKey } from './scan-texts';
import { PageArticles } from './page-articles';
import { createArticleRunner } from './article-runner';
import { senderPage } from './tab-pages';
import { pageString } from '../page/page-strings';

type PageMatch = RequestOf<ToBackground, 'page.match'>;

export function createPageHandlers(deps: AreaDeps): HandlersOf<typeof pageMessages> {
  const { db, glossary, now, scanTexts, tabPages, recordLimits } = deps;
  const articles = new PageArticles(deps.articleRunner ?? createArticleRunner());
  /** What each tab's page has named so far (word-like aliases need it; page-evidence.ts). */
  const evidence = new PageEvidence();

  return {
    async 'page.start'({ pageUrl: claimed }, ctx) {
      // The site is the one the browser says this tab shows, whatever the request claims.
      const pageUrl = ctx.kind === 'content' ? (ctx.sender.url ?? claimed) : claimed;
      // Both reads at once: this answer is on every tab's start-up path.
      const [settings, snap] = await Promise.all([db().then(getSettings), glossary.current(), tabPages.saw(ctx.sender)]);
      const page = { markStyle: settings.markStyle, markDensity: settings.markDensity, markFurniture: settings.markFurniture, suggestions: settings.suggestions };
      // Per-site "off" is decided here, before the tab reads a single character of the page.
      if (isSiteDisabled(settings, pageUrl)) return { enabled: false, settings: page, revision: -1, hasGlossary: false };
      return { enabled: true, settings: page, revision: snap.revision, hasGlossary: snap.matcher !== null };
    },

    async 'page.match'({ pageUrl, texts, breaks, scan, layout }, ctx) {
      // The page's layout (main-content detection) is kept before anything is awaited: the
      // scan's next part may arrive meanwhile, and the last one is answered with the zones.
      const zones = articleZonesOf(articles, ctx.sender, { pageUrl, texts, breaks, scan, layout });
      const [settings, snap, exclusions] = await Promise.all([db().then(getSettings), glossary.current(), db().then(listExclusions)]);
      // Switched off between page.start and now: the text is not even looked at.
      if (isSiteDisabled(settings, ctx.kind === 'content' ? (ctx.sender.url ?? pageUrl) : pageUrl)) return { enabled: false, revision: snap.revision, entities: [], matches: [], snippets: [] };
      const key = scan && settings.suggestions !== 'off' ? scanKey(ctx.sender, scan.id) : null;
      if (key && scan) scanTexts.keep(key, scan.part, { texts, breaks, overlap: scan.overlap, cut: cutOf(scan) });
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
      // What the background matched on this tab's page: the cards it may ask for (entity.card).
      await tabPages.matched(ctx.sender, found.entities.map((e) => e.id));
      return zones ? { enabled: true, revision: snap.revision, ...found, zones: await zones } : { enabled: true, revision: snap.revision, ...found };
    },

    async 'page.report'(stated, ctx) {
      // Filed under the page the browser says sent it; a report naming another page is not filed.
      const report = senderPage(stated, ctx.sender, ctx.kind);
      if (!report) return { recorded: false, url: null };
      await tabPages.claimed(ctx.sender, report);
      const url = articleUrlOf(report);
      // Only pages that mention something are recorded: the reading index is about entities.
      if (!url || report.mentions.length === 0) return { recorded: false, url };
      const d = await db();
      const settings = await getSettings(d);
      if (!settings.recordHistory || isSiteDisabled(settings, report.pageUrl)) return { recorded: false, url };
      // Private windows leave no trace unless the reader opted in.
      if (ctx.sender.tab?.incognito && !settings.recordPrivate) return { recorded: false, url };
      // A revisit is always recorded; a new article only within the tab's and the site's pace.
      if (!(await hasArticle(d, url)) && !recordLimits.allowNew(ctx.sender.tab?.id, url, now())) return { recorded: false, url };
      const visit = {
        url,
        title: pageString(report.title, MAX_TITLE_LENGTH),
        site: siteName(url, report.site || undefined),
        mentions: report.mentions,
        publishedAt: parsePublishedTime(report.publishedTime, now()),
      };
      const result = await recordVisit(d, visit, now());
      return { recorded: result.recorded, url };
    },

    async 'entity.card'({ entityId, ...stated }, ctx) {
      // A tab gets the card only of an entity the background matched on the page it shows now
      // (a content script that learned an id cannot read the notes and history of any entity).
      if (ctx.kind === 'content' && !(await tabPages.mayShow(ctx.sender, entityId))) return null;
      const d = await db();
      const [entity] = await getEntities(d, [entityId]);
      if (!entity) return null;
      // The page is filed the way page.report filed it (same identity, same URL): left out.
      const page = senderPage(stated, ctx.sender, ctx.kind) ?? { pageUrl: ctx.sender.url ?? '', canonicalHref: null };
      const here = articleUrlOf(page);
      const others = await alsoIn(d, entityId, { excludeUrl: here ?? undefined, limit: 20 });
      const conflict = (await getSyncConflicts(d)).entities[entityId];
      const otherTexts = conflict && { ...(conflict.name ? { name: conflict.name.other } : {}), ...(conflict.notes ? { notes: conflict.notes.other } : {}) };
      const team = await teamEntitiesSharingNames(d, entity);
      return {
        entity,
        alsoIn: others,
        ...(conflict ? { editedOnTwoDevices: true, otherTexts } : {}),
        ...(team.length ? { alsoFrom: team } : {}),
      };
    },
  };
}

function cutOf(scan: NonNullable<PageMatch['scan']>) {
  return scan.cut ? { text: scan.cut[0], offset: scan.cut[1] } : null;
}

/** Keep a scan's layout part; for its last part, the zones of its article. */
function articleZonesOf(articles: PageArticles, sender: SenderInfo, part: Pick<PageMatch, 'pageUrl' | 'texts' | 'breaks' | 'scan' | 'layout'>) {
  const { scan, layout } = part;
  const key = scan && layout ? scanKey(sender, scan.id) : null;
  if (!key || !scan || !layout) return null;
  return articles.keep({ key, part: scan.part, overlap: scan.overlap, cut: cutOf(scan), texts: part.texts, breaks: part.breaks, layout, pageUrl: part.pageUrl });
}
