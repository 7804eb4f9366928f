/**
 * The background's side of main-content detection: a tab's full scan sends the page's layout
 * with its text (page.match `layout`), part by part; the parts are kept here until the last
 * one, then the article is found off the page (article-runner.ts) and the zones go back in the
 * last part's reply. In memory only, a few scans at most; what a scan sent is forgotten once
 * answered. Whatever goes wrong (a part missing, a malformed layout, detection failing or slow)
 * ends in zones from the markup alone (landmarks and comment sections), or — when the layout
 * itself is unusable — in null, and the tab keeps every mention as it did before detection.
 */
import { LayoutAssembler, landmarkZones, statedKind, type LayoutPart, type PageLayout } from '../article/layout';
import type { PartPosition } from '../text/parts';
import type { ArticleZones } from '../messaging/page';
import type { ArticleRunner } from './article-runner';

const MAX_SCANS = 8;
const MAX_CHARS = 6_000_000;
/** Past this, the markup's landmarks answer instead (the tab is waiting to paint). */
const DETECTION_TIMEOUT_MS = 3_000;

export interface LayoutMessage {
  key: string;
  part: number;
  overlap: number;
  cut: PartPosition | null;
  texts: readonly string[];
  breaks: readonly number[];
  layout: LayoutPart & { page?: { title: string; types: string[] } };
  pageUrl: string;
}

export class PageArticles {
  private readonly scans = new Map<string, LayoutAssembler>();

  constructor(
    private readonly run: ArticleRunner,
    private readonly timeoutMs = DETECTION_TIMEOUT_MS,
  ) {}

  /**
   * Keep one part (synchronously: the next part may arrive while an earlier one awaits). For the
   * last part (it carries `page`), the zones; null for the others.
   */
  keep(m: LayoutMessage): Promise<ArticleZones | null> | null {
    let scan = this.scans.get(m.key);
    if (!scan) {
      scan = new LayoutAssembler();
      this.scans.set(m.key, scan);
      for (const key of this.scans.keys()) if (this.scans.size > MAX_SCANS) this.scans.delete(key);
    }
    const { page, ...part } = m.layout;
    scan.add(m.part, part, m.texts, m.breaks, m.overlap, m.cut);
    if (!page) {
      if (scan.chars > MAX_CHARS) this.scans.delete(m.key);
      return null;
    }
    this.scans.delete(m.key);
    const layout = scan.assemble(m.part, { ...page, url: m.pageUrl });
    return this.zonesOf(layout);
  }

  /** Null when the layout could not be put together (a part missing): the tab then keeps every mention, as before detection. */
  private async zonesOf(layout: PageLayout | null): Promise<ArticleZones | null> {
    if (!layout) return null;
    const fallback = (): ArticleZones => ({ article: statedKind(layout.types) !== 'list', zones: landmarkZones(layout) });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const detection = await Promise.race([
        this.run(layout),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.timeoutMs))),
      ]);
      return detection ? { article: detection.article, zones: detection.zones } : fallback();
    } catch (err) {
      console.debug('[news-context-reader] article detection failed', err);
      return fallback();
    } finally {
      clearTimeout(timer);
    }
  }
}
