import { describe, expect, it } from 'vitest';
import { PageIdentity } from '../../../lib/model/page-identity';
import { articleUrlOf } from '../../../lib/page/article-url';

describe('page identity', () => {
  it('files a page under its canonical, else its og:url, else its own URL (same site only)', () => {
    const page = 'https://m.example.com/story?utm_source=x';
    expect(articleUrlOf({ pageUrl: page, canonicalHref: 'https://www.example.com/a', ogUrl: 'https://www.example.com/b' })).toBe('https://www.example.com/a');
    expect(articleUrlOf({ pageUrl: page, canonicalHref: null, ogUrl: 'https://www.example.com/b' })).toBe('https://www.example.com/b');
    expect(articleUrlOf({ pageUrl: page, canonicalHref: 'https://other.example.org/a', ogUrl: null })).toBe('https://www.example.com/story');
    expect(articleUrlOf({ pageUrl: page, canonicalHref: null })).toBe('https://www.example.com/story');
    expect(articleUrlOf({ pageUrl: 'chrome://newtab/', canonicalHref: null })).toBeNull();
  });

  it('is one strict schema: og:url optional, nothing else accepted', () => {
    expect(PageIdentity.safeParse({ pageUrl: 'https://a.example/', canonicalHref: null }).success).toBe(true);
    expect(PageIdentity.safeParse({ pageUrl: 'https://a.example/', canonicalHref: null, ogUrl: 'https://a.example/x' }).success).toBe(true);
    expect(PageIdentity.safeParse({ pageUrl: 'https://a.example/', canonicalHref: null, title: 'x' }).success).toBe(false);
    expect(PageIdentity.safeParse({ pageUrl: 'x'.repeat(5000), canonicalHref: null }).success).toBe(false);
  });
});
