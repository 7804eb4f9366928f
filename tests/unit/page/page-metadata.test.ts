import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { readPageHead, readPageMetadata } from '../../../lib/dom/page-metadata';

function meta(html: string, url = 'https://m.example.com/world/story?utm_source=x') {
  const { document } = parseHTML(`<!doctype html><html><head>${html}</head><body><p>x</p></body></html>`);
  return readPageMetadata(document as unknown as Document, new URL(url));
}

describe('readPageMetadata: og:url and publication time', () => {
  it('reads og:url (resolved) and article:published_time', () => {
    const m = meta('<title>T</title><meta property="og:url" content="/world/story"><meta property="article:published_time" content="2024-04-30T08:00:00+02:00">');
    expect(m).toMatchObject({ ogUrl: 'https://m.example.com/world/story', publishedTime: '2024-04-30T08:00:00+02:00', canonicalHref: null, title: 'T' });
  });

  it('falls back to JSON-LD datePublished, through @graph', () => {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, { '@type': 'NewsArticle', datePublished: '2024-05-01T10:00:00Z' }] });
    expect(meta(`<script type="application/ld+json">${ld}</script>`).publishedTime).toBe('2024-05-01T10:00:00Z');
    expect(meta('<script type="application/ld+json">{not json datePublished</script>').publishedTime).toBeNull();
  });

  it('no og:url and no date: null, not an error', () => {
    expect(meta('<title>T</title>')).toMatchObject({ ogUrl: null, publishedTime: null });
  });
});

describe('readPageHead: what the page says it is, from the same pass', () => {
  it('lists og:type and each JSON-LD object\'s first @type in document order, skipping other scripts', () => {
    const ld = (type: string) => `<script type="Application/LD+JSON">{"@type": "${type}"}</script>`;
    const { document } = parseHTML(
      `<!doctype html><html><head>${ld('WebPage')}<meta property="og:type" content="article"><script type="module">{"@type": "Nope"}</script>` +
        `<meta property="og:title" content="Title"></head><body>${ld('NewsArticle')}<p>x</p></body></html>`,
    );
    const head = readPageHead(document as unknown as Document, new URL('https://news.example/a'));
    expect(head.types).toEqual(['WebPage', 'article', 'NewsArticle']);
    expect(head.metadata.title).toBe('Title');
  });
});
