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
