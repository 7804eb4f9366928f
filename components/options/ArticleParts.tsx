/**
 * Pieces of an article's row, shared by the entity page's reading list and the Articles view:
 * its title as a link (only an http(s) address is one), and where and when it was published.
 */
import { formatDate, hostOf, isoDateTime } from '../shared/format';
import { httpHref } from '../shared/links';

export function ArticleLink({ url, title }: { url: string; title: string }) {
  const href = httpHref(url);
  return href ? (
    <a class="reading__link" href={href} target="_blank" rel="noopener noreferrer">
      {title || url}
    </a>
  ) : (
    <span class="reading__link">{title || url}</span>
  );
}

/** "site · published <date>" (the date only when the page said it). */
export function ArticleSource({ url, site, publishedAt }: { url: string; site: string; publishedAt: number | null | undefined }) {
  return (
    <>
      {site || hostOf(url)}
      {publishedAt !== null && publishedAt !== undefined && (
        <>
          {' · published '}
          <DateTime at={publishedAt} />
        </>
      )}
    </>
  );
}

export function DateTime({ at }: { at: number }) {
  return <time dateTime={isoDateTime(at)}>{formatDate(at)}</time>;
}
