/**
 * The one function that files a page: its identity (lib/model/page-identity.ts) to the URL its
 * article is recorded under (reading index, notes, suggestions), by canonical-url.ts's rules.
 */
import type { PageIdentity } from '../model/page-identity';
import { canonicalArticleUrl } from './canonical-url';

/** The URL the page's article is filed under, or null when it is not one we record. */
export function articleUrlOf(page: PageIdentity): string | null {
  return canonicalArticleUrl(page.pageUrl, page.canonicalHref, page.ogUrl);
}
