/**
 * Where a page's article is found (lib/article/detect.ts): never on the page's main thread and
 * never in the service worker, which has no DOM. In Chrome the offscreen document that runs
 * entity discovery (entrypoints/discovery) runs it too; in Firefox the background page, which
 * has a DOM, runs it itself, loading Readability on first use. Unit tests pass their own.
 */
import type { PageLayout } from '../article/layout';
import type { Detection } from '../article/detect';
import { askOffscreen, chromeOffscreen } from './offscreen';

export const ARTICLE_CHANNEL = 'ncr-article/1';

export type ArticleRunner = (layout: PageLayout) => Promise<Detection>;

export function createArticleRunner(): ArticleRunner {
  const offscreen = chromeOffscreen();
  if (offscreen) {
    return async (layout) => (await askOffscreen<{ detection: Detection }>(offscreen, { channel: ARTICLE_CHANNEL, layout }, 'article detection')).detection;
  }
  // Firefox's persistent background page has a DOM; the build-time condition keeps Readability
  // out of Chrome's service worker bundle.
  if (import.meta.env.FIREFOX) {
    let detector: Promise<typeof import('../article/detect')> | null = null;
    return async (layout) => {
      detector ??= import('../article/detect');
      return (await detector).detectArticle(document.implementation.createHTMLDocument(''), layout);
    };
  }
  return async () => {
    throw new Error('article detection is not available here');
  };
}
