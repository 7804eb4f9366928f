/**
 * Notes' Markdown subset. markdownToHtml (marked with the subset's renderer) is checked in
 * Node; the second layer, DOMPurify, needs a real DOM and is checked in Chromium by
 * tests/e2e/knowledge.spec.ts. Here the first layer alone must already be safe.
 */
import { describe, expect, it } from 'vitest';
import { markdownToHtml, notePlainText } from '../../../components/shared/markdown';

describe('notes Markdown subset (first layer)', () => {
  it.each([
    ['emphasis', '*a* **b** _c_', '<p><em>a</em> <strong>b</strong> <em>c</em></p>\n'],
    ['lists', '- one\n- two\n\n1. first', '<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n</ol>\n'],
    ['line breaks kept', 'line 1\nline 2', '<p>line 1<br>line 2</p>\n'],
    ['http link', '[Wikipedia](https://en.wikipedia.org/wiki/MEK)', '<p><a href="https://en.wikipedia.org/wiki/MEK">Wikipedia</a></p>\n'],
    ['mailto link', '[me](mailto:me@example.org)', '<p><a href="mailto:me@example.org">me</a></p>\n'],
    ['javascript: link is text', '[x](javascript:alert(1))', '<p>x</p>\n'],
    ['data: link is text', '[x](data:text/html,hi)', '<p>x</p>\n'],
    ['raw HTML is escaped', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['inline HTML is escaped', 'a <img src=x onerror=alert(1)> b', '<p>a &lt;img src=x onerror=alert(1)&gt; b</p>\n'],
    ['heading becomes bold paragraph', '# Title', '<p><strong>Title</strong></p>\n'],
    ['code is plain text', '`<b>`', '<p>&lt;b&gt;</p>\n'],
    ['image is its alt text', '![alt](https://x.example/i.png)', '<p>alt</p>\n'],
    ['quote is a paragraph', '> quoted', '<p>quoted</p>\n'],
  ])('%s', (_label, text, html) => {
    expect(markdownToHtml(text)).toBe(html);
  });

  it('never lets a tag or an attribute through other than the subset', () => {
    const nasty = [
      '<iframe src=x></iframe>',
      '[a](JaVaScRiPt:alert(1))',
      '[a](  javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '**<svg onload=alert(1)>**',
      '[x](https://a.example/" onmouseover="alert(1))',
      '<style>body{}</style>',
    ].join('\n\n');
    const html = markdownToHtml(nasty);
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase());
    for (const t of tags) expect(['p', 'br', 'em', 'strong', 'ul', 'ol', 'li', 'a']).toContain(t);
    expect(html).not.toMatch(/<a [^>]*on\w+=/i);
    expect(html).not.toMatch(/href="\s*javascript/i);
  });

  it('plain text for one-line previews', () => {
    expect(notePlainText('**Exiled** group, see [Wiki](https://x.example)')).toBe('Exiled group, see Wiki');
    expect(notePlainText('- item')).toBe('item');
  });
});
