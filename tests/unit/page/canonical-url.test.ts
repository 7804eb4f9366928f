import { describe, expect, it } from 'vitest';
import { canonicalArticleUrl, isTrackingParam, siteKey, siteName } from '../../../lib/page/canonical-url';

type Row = [description: string, pageUrl: string, canonicalHref: string | null, expected: string | null];

const rows: Row[] = [
  // Plain pages and clean-up
  ['plain article', 'https://www.reuters.com/world/middle-east/iran-2024-05-01/', null, 'https://www.reuters.com/world/middle-east/iran-2024-05-01/'],
  ['fragment dropped', 'https://www.bbc.co.uk/news/world-middle-east-68912345#comments', null, 'https://www.bbc.co.uk/news/world-middle-east-68912345'],
  ['utm_* removed', 'https://www.nytimes.com/2024/05/01/world/middleeast/iran.html?utm_source=twitter&utm_medium=social&utm_campaign=x', null, 'https://www.nytimes.com/2024/05/01/world/middleeast/iran.html'],
  ['NYT share id removed', 'https://www.nytimes.com/2024/05/01/world/iran.html?smid=nytcore-ios-share&referringSource=articleShare', null, 'https://www.nytimes.com/2024/05/01/world/iran.html?referringSource=articleShare'],
  ['Guardian CMP removed', 'https://www.theguardian.com/world/2024/may/01/iran-story?CMP=share_btn_tw', null, 'https://www.theguardian.com/world/2024/may/01/iran-story'],
  ['fbclid removed', 'https://www.aljazeera.com/news/2024/5/1/story?fbclid=IwAR0abc_DEF-123', null, 'https://www.aljazeera.com/news/2024/5/1/story'],
  ['gclid removed', 'https://example.com/a?gclid=Cj0KCQ', null, 'https://example.com/a'],
  ['Mailchimp mc_cid/mc_eid removed', 'https://example.com/a?mc_cid=abc123&mc_eid=def456', null, 'https://example.com/a'],
  ['Instagram igshid removed', 'https://example.com/a?igshid=MzRlODBiNWFlZA==', null, 'https://example.com/a'],
  ['Le Monde xtor removed', 'https://www.lemonde.fr/international/article/2024/05/01/iran_123_3210.html?xtor=RSS-3208', null, 'https://www.lemonde.fr/international/article/2024/05/01/iran_123_3210.html'],
  ['BBC at_* removed', 'https://www.bbc.com/news/articles/c0000?at_medium=RSS&at_campaign=rss', null, 'https://www.bbc.com/news/articles/c0000'],
  ['WaPo itid removed', 'https://www.washingtonpost.com/world/2024/05/01/iran/?itid=hp-top-table-main', null, 'https://www.washingtonpost.com/world/2024/05/01/iran/'],
  ['meaningful params kept in order', 'https://example.com/article.php?id=42&utm_medium=email&page=2&fbclid=x#top', null, 'https://example.com/article.php?id=42&page=2'],
  ['param values kept byte for byte', 'https://example.com/s?q=a%2Cb+c&tag=x,y', null, 'https://example.com/s?q=a%2Cb+c&tag=x,y'],
  ['percent-encoded tracking name removed', 'https://example.com/a?utm%5Fsource=x&k=1', null, 'https://example.com/a?k=1'],
  ['upper-case UTM removed', 'https://example.com/a?UTM_SOURCE=x', null, 'https://example.com/a'],
  ['empty query dropped', 'https://example.com/a?', null, 'https://example.com/a'],
  ['stray ampersands dropped', 'https://example.com/a?&&id=1&', null, 'https://example.com/a?id=1'],
  ['host lower-cased, default port dropped, path case kept', 'HTTPS://WWW.Example.COM:443/World/Story', null, 'https://www.example.com/World/Story'],
  ['http default port dropped', 'http://example.com:80/a', null, 'http://example.com/a'],
  ['other port kept', 'http://127.0.0.1:8080/fixtures/article.html', null, 'http://127.0.0.1:8080/fixtures/article.html'],
  ['no path gets /', 'https://www.example.com', null, 'https://www.example.com/'],
  ['credentials dropped', 'https://user:secret@example.com/a', null, 'https://example.com/a'],
  ['trailing dot in host dropped', 'https://www.example.com./a', null, 'https://www.example.com/a'],
  ['IDN host in punycode', 'https://bücher.example/a', null, 'https://xn--bcher-kva.example/a'],

  // Not recorded
  ['ftp', 'ftp://example.com/file', null, null],
  ['file', 'file:///home/me/article.html', null, null],
  ['about:blank', 'about:blank', null, null],
  ['extension page', 'chrome-extension://abcdefghijklmnop/options.html', null, null],
  ['data URL', 'data:text/html,<p>hi</p>', null, null],
  ['not a URL', 'not a url', null, null],
  ['too long', `https://example.com/${'a'.repeat(2100)}`, null, null],

  // rel=canonical: used when same site
  ['absolute canonical', 'https://www.example.com/world/story?id=1&utm_source=x', 'https://www.example.com/world/story', 'https://www.example.com/world/story'],
  ['relative canonical', 'https://www.example.com/world/story/?ref=home', '/world/story', 'https://www.example.com/world/story'],
  ['dot-relative canonical', 'https://www.example.com/world/2024/story/print', '../story', 'https://www.example.com/world/2024/story'],
  ['protocol-relative canonical', 'https://www.example.com/a?x=1', '//www.example.com/a', 'https://www.example.com/a'],
  ['canonical with whitespace', 'https://www.example.com/a?x=1', '  https://www.example.com/a  ', 'https://www.example.com/a'],
  ['canonical cleaned too', 'https://www.example.com/a', 'https://www.example.com/a?utm_source=feed#x', 'https://www.example.com/a'],
  ['AMP subdomain collapses to desktop', 'https://amp.theguardian.com/world/2024/may/01/iran-story', 'https://www.theguardian.com/world/2024/may/01/iran-story', 'https://www.theguardian.com/world/2024/may/01/iran-story'],
  ['AMP path collapses', 'https://www.example.com/news/story/amp/', 'https://www.example.com/news/story/', 'https://www.example.com/news/story/'],
  ['AMP query collapses', 'https://www.example.com/news/story?amp=1', 'https://www.example.com/news/story', 'https://www.example.com/news/story'],
  ['mobile subdomain collapses', 'https://m.bbc.co.uk/news/world-68912345', 'https://www.bbc.co.uk/news/world-68912345', 'https://www.bbc.co.uk/news/world-68912345'],
  ['mobile. prefix collapses', 'https://mobile.example.com/a', 'https://example.com/a', 'https://example.com/a'],
  ['bare host to www', 'https://example.com/a', 'https://www.example.com/a', 'https://www.example.com/a'],
  ['http canonical on https page is upgraded', 'https://www.example.com/a', 'http://www.example.com/a', 'https://www.example.com/a'],
  ['https canonical on http page kept', 'http://www.example.com/a', 'https://www.example.com/a', 'https://www.example.com/a'],
  ['empty canonical ignored', 'https://www.example.com/a#x', '', 'https://www.example.com/a'],

  // rel=canonical: ignored
  ['other site', 'https://evil.example/fake-news', 'https://www.nytimes.com/2024/05/01/world/iran.html', 'https://evil.example/fake-news'],
  ['look-alike host', 'https://www.nytimes.com.evil.example/x', 'https://www.nytimes.com/x', 'https://www.nytimes.com.evil.example/x'],
  ['sibling on a shared host', 'https://attacker.github.io/post', 'https://victim.github.io/post', 'https://attacker.github.io/post'],
  ['parent of a shared host', 'https://someone.substack.com/p/story', 'https://substack.com/p/story', 'https://someone.substack.com/p/story'],
  ['child of the page host', 'https://example.com/a', 'https://blog.example.com/a', 'https://example.com/a'],
  ['other subdomain of the same paper (not collapsed)', 'https://edition.cnn.com/2024/05/01/world/iran', 'https://www.cnn.com/2024/05/01/world/iran', 'https://edition.cnn.com/2024/05/01/world/iran'],
  ['different port', 'http://127.0.0.1:8080/a', 'http://127.0.0.1:9090/a', 'http://127.0.0.1:8080/a'],
  ['javascript: canonical', 'https://www.example.com/a', 'javascript:alert(1)', 'https://www.example.com/a'],
  ['data: canonical', 'https://www.example.com/a', 'data:text/html,x', 'https://www.example.com/a'],
  ['unparseable canonical', 'https://www.example.com/a', 'https://exa mple.com/[', 'https://www.example.com/a'],
  ['canonical to the home page (CMS mistake)', 'https://www.example.com/world/story', 'https://www.example.com/', 'https://www.example.com/world/story'],
  ['home page with home canonical', 'https://www.example.com/?utm_source=x', 'https://www.example.com/', 'https://www.example.com/'],
  ['too long canonical falls back to the page', 'https://www.example.com/a', `https://www.example.com/${'a'.repeat(2100)}`, 'https://www.example.com/a'],
  ['fixture server', 'http://127.0.0.1:4173/article-2.html', 'http://127.0.0.1:4173/article-2.html', 'http://127.0.0.1:4173/article-2.html'],
];

describe('canonicalArticleUrl', () => {
  it.each(rows)('%s', (_description, pageUrl, canonicalHref, expected) => {
    expect(canonicalArticleUrl(pageUrl, canonicalHref)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const [, pageUrl, canonicalHref] of rows) {
      const once = canonicalArticleUrl(pageUrl, canonicalHref);
      if (once !== null) expect(canonicalArticleUrl(once, null)).toBe(once);
    }
  });
});

describe('site helpers', () => {
  it.each([
    ['www.example.com', 'example.com'],
    ['WWW2.Example.com.', 'example.com'],
    ['amp.theguardian.com', 'theguardian.com'],
    ['m.bbc.co.uk', 'bbc.co.uk'],
    ['www.m.example.com', 'example.com'],
    ['www.com', 'www.com'],
    ['edition.cnn.com', 'edition.cnn.com'],
    ['127.0.0.1', '127.0.0.1'],
  ])('siteKey(%s) = %s', (host, key) => {
    expect(siteKey(host)).toBe(key);
  });

  it('tracking parameters', () => {
    for (const p of ['utm_source', 'utm_content', 'fbclid', 'gclid', 'mc_cid', 'mc_eid', 'igshid', 'pk_campaign', 'CMP']) expect(isTrackingParam(p)).toBe(true);
    for (const p of ['id', 'p', 'page', 'story', 'article', 'q', 'amp', 'ref']) expect(isTrackingParam(p)).toBe(false);
  });

  it.each([
    ['https://www.theguardian.com/world/x', 'The Guardian', 'The Guardian'],
    ['https://www.theguardian.com/world/x', '  The\n  Guardian ', 'The Guardian'],
    ['https://www.theguardian.com/world/x', undefined, 'theguardian.com'],
    ['https://m.bbc.co.uk/news/x', '', 'bbc.co.uk'],
    ['https://amp.example.org/x', null, 'example.org'],
    ['not a url', undefined, ''],
  ])('siteName(%s, %j) = %s', (url, og, expected) => {
    expect(siteName(url, og as string | undefined)).toBe(expected);
  });

  it('cuts an overlong og:site_name', () => {
    const name = siteName('https://example.com/', 'x'.repeat(500));
    expect(name).toHaveLength(100);
    expect(name.endsWith('…')).toBe(true);
  });
});

describe('og:url, AMP and mobile variants (issue 5)', () => {
  type Row3 = [description: string, pageUrl: string, canonicalHref: string | null, ogUrl: string | null, expected: string | null];
  const variants: Row3[] = [
    // og:url when there is no usable rel=canonical
    ['og:url used without canonical', 'https://www.example.com/world/story?ref=feed', null, 'https://www.example.com/world/story', 'https://www.example.com/world/story'],
    ['canonical wins over og:url', 'https://www.example.com/a', 'https://www.example.com/canonical', 'https://www.example.com/og', 'https://www.example.com/canonical'],
    ['og:url of another site ignored', 'https://evil.example/fake', null, 'https://www.nytimes.com/2024/05/01/world/iran.html', 'https://evil.example/fake'],
    ['og:url to the home page ignored', 'https://www.example.com/world/story', null, 'https://www.example.com/', 'https://www.example.com/world/story'],
    ['og:url when the canonical is another site', 'https://www.example.com/a?x=1', 'https://other.example/a', 'https://www.example.com/a', 'https://www.example.com/a'],
    ['relative og:url', 'https://www.example.com/a/b?x=1', null, '/a/b', 'https://www.example.com/a/b'],
    // AMP pages without a canonical (or with one we cannot use)
    ['AMP host without canonical', 'https://amp.theguardian.com/world/2024/may/01/iran-story', null, null, 'https://www.theguardian.com/world/2024/may/01/iran-story'],
    ['/amp suffix', 'https://www.example.com/news/story/amp', null, null, 'https://www.example.com/news/story'],
    ['/amp/ suffix keeps the slash', 'https://www.example.com/news/story/amp/', null, null, 'https://www.example.com/news/story/'],
    ['/amp/ prefix (CNN, Reuters style)', 'https://www.example.com/amp/news/story', null, null, 'https://www.example.com/news/story'],
    ['.amp.html', 'https://www.example.com/2024/05/story.amp.html', null, null, 'https://www.example.com/2024/05/story.html'],
    ['trailing .amp', 'https://www.example.com/news/story-123.amp', null, null, 'https://www.example.com/news/story-123'],
    ['?amp', 'https://www.example.com/news/story?amp', null, null, 'https://www.example.com/news/story'],
    ['?amp=1 with other params kept', 'https://www.example.com/news/story?id=7&amp=1', null, null, 'https://www.example.com/news/story?id=7'],
    ['?outputType=amp (Washington Post)', 'https://www.washingtonpost.com/world/2024/05/01/iran/?outputType=amp', null, null, 'https://www.washingtonpost.com/world/2024/05/01/iran/'],
    ['outputType other than amp kept', 'https://www.example.com/a?outputType=print', null, null, 'https://www.example.com/a?outputType=print'],
    ['Google AMP cache', 'https://www-theguardian-com.cdn.ampproject.org/c/s/www.theguardian.com/world/2024/may/01/iran-story', null, null, 'https://www.theguardian.com/world/2024/may/01/iran-story'],
    ['Google AMP cache, http origin', 'https://example-com.cdn.ampproject.org/c/example.com/a/amp', null, null, 'http://example.com/a'],
    ['Google AMP viewer', 'https://www.google.com/amp/s/www.bbc.co.uk/news/world-68912345.amp', null, null, 'https://www.bbc.co.uk/news/world-68912345'],
    ['AMP cache with canonical of the publisher', 'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/amp/a', 'https://www.example.com/a', null, 'https://www.example.com/a'],
    ['not an AMP cache path', 'https://cdn.ampproject.org/v0.js', null, null, 'https://cdn.ampproject.org/v0.js'],
    ['google.com non-AMP page kept', 'https://www.google.com/search?q=iran', null, null, 'https://www.google.com/search?q=iran'],
    // Mobile hosts without a canonical
    ['m. host', 'https://m.bbc.co.uk/news/world-68912345', null, null, 'https://www.bbc.co.uk/news/world-68912345'],
    ['mobile. host', 'https://mobile.nytimes.com/2024/05/01/world/iran.html', null, null, 'https://www.nytimes.com/2024/05/01/world/iran.html'],
    ['Wikipedia mobile', 'https://en.m.wikipedia.org/wiki/Tehran', null, null, 'https://en.wikipedia.org/wiki/Tehran'],
    ['m. host with port', 'http://m.example.com:8080/a', null, null, 'http://www.example.com:8080/a'],
    ['two-label host stays', 'https://m.com/a', null, null, 'https://m.com/a'],
    ['IP address stays', 'http://127.0.0.1:4173/amp/x', null, null, 'http://127.0.0.1:4173/x'],
    ['a path merely containing amp stays', 'https://www.example.com/news/amplifier-review', null, null, 'https://www.example.com/news/amplifier-review'],
    ['example.com/amp alone stays a page', 'https://www.example.com/amp', null, null, 'https://www.example.com/'],
  ];

  it.each(variants)('%s', (_d, pageUrl, canonicalHref, ogUrl, expected) => {
    expect(canonicalArticleUrl(pageUrl, canonicalHref, ogUrl)).toBe(expected);
  });

  it('an article, its AMP page and its mobile page are filed under one URL', () => {
    const forms = [
      canonicalArticleUrl('https://www.bbc.co.uk/news/world-68912345', null),
      canonicalArticleUrl('https://www.bbc.co.uk/news/world-68912345?utm_source=twitter#comments', null),
      canonicalArticleUrl('https://m.bbc.co.uk/news/world-68912345', null),
      canonicalArticleUrl('https://www.bbc.co.uk/news/world-68912345.amp', null),
      canonicalArticleUrl('https://amp.bbc.co.uk/news/world-68912345', null),
      canonicalArticleUrl('https://www.google.com/amp/s/www.bbc.co.uk/news/world-68912345.amp', null),
      canonicalArticleUrl('https://www-bbc-co-uk.cdn.ampproject.org/c/s/www.bbc.co.uk/news/world-68912345.amp', null),
    ];
    expect(new Set(forms)).toEqual(new Set(['https://www.bbc.co.uk/news/world-68912345']));
  });

  it('is idempotent on every variant', () => {
    for (const [, pageUrl, canonicalHref, ogUrl] of variants) {
      const once = canonicalArticleUrl(pageUrl, canonicalHref, ogUrl);
      if (once !== null) expect(canonicalArticleUrl(once, null)).toBe(once);
    }
  });
});

describe('AMP unwrapping trusts only the real AMP cache and viewer hosts (issue 15, attack 5)', () => {
  // A page on any of these hosts must be filed under its own host, never as the article it names.
  const impostors: [string, string][] = [
    ['google.<anything> that is not a Google domain', 'https://google.evil.test/amp/s/news.test/article-a'],
    ['www.google.<anything>', 'https://www.google.evil.test/amp/s/news.test/article-a'],
    ['google under a private suffix anyone can register on', 'https://google.herokuapp.com/amp/s/news.test/article-a'],
    ['google.com as a subdomain of another site', 'https://google.com.evil.test/amp/s/news.test/article-a'],
    ['a name merely ending in google', 'https://evilgoogle.com/amp/s/news.test/article-a'],
    ['a subdomain of Google other than www', 'https://sites.google.com/amp/s/news.test/article-a'],
    ['the viewer over plain http', 'http://www.google.com/amp/s/news.test/article-a'],
    ['an AMP-cache look-alike', 'https://news-test.cdn.ampproject.org.evil.test/c/s/news.test/article-a'],
    ['an AMP cache subdomain of another publisher', 'https://evil-test.cdn.ampproject.org/c/s/news.test/article-a'],
  ];
  it.each(impostors)('%s', (_d, pageUrl) => {
    const filed = canonicalArticleUrl(pageUrl, null);
    expect(filed).not.toBeNull();
    expect(new URL(filed!).hostname).toBe(new URL(pageUrl).hostname);
  });

  const genuine: [string, string, string][] = [
    ['google.co.uk viewer', 'https://www.google.co.uk/amp/s/news.test/article-a', 'https://news.test/article-a'],
    ['google.de without www', 'https://google.de/amp/s/news.test/article-a', 'https://news.test/article-a'],
    ['google.com.au', 'https://www.google.com.au/amp/s/news.test/article-a', 'https://news.test/article-a'],
    ['AMP cache of a hyphenated host', 'https://my--site-example-com.cdn.ampproject.org/c/s/my-site.example.com/a', 'https://my-site.example.com/a'],
  ];
  it.each(genuine)('%s', (_d, pageUrl, expected) => {
    expect(canonicalArticleUrl(pageUrl, null)).toBe(expected);
  });
});
