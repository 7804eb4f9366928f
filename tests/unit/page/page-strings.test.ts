import { describe, expect, it } from 'vitest';
import { pageString } from '../../../lib/page/page-strings';
import { siteName } from '../../../lib/page/canonical-url';

describe('pageString: a page’s title or site name as stored', () => {
  it('collapses white space and drops control characters, keeps bidi controls (isolated where shown)', () => {
    expect(pageString('  Breaking:\n\tnews\u0000 \u0007here ', 100)).toBe('Breaking: news here');
    expect(pageString('Reuters\u202E', 100)).toBe('Reuters\u202E');
  });

  it('caps the length with an ellipsis, never splitting a surrogate pair', () => {
    expect(pageString('x'.repeat(10), 10)).toBe('x'.repeat(10));
    expect(pageString('x'.repeat(11), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(pageString(`${'x'.repeat(8)}😀😀`, 10)).toBe(`${'x'.repeat(8)}…`);
  });

  it('siteName uses it: a huge og:site_name is cut at 100 characters', () => {
    expect(siteName('https://evil.example/a', 'R'.repeat(5_000))).toHaveLength(100);
    expect(siteName('https://www.evil.example/a', ' \n ')).toBe('evil.example');
  });
});
