#!/usr/bin/env node
// Builds tests/fixtures/pages/seed-article.html, the bundled sample article, from the text of
// the reference article (tests/fixtures/seed-article.txt, a copy of shared/fixtures). The text is
// kept exactly as published (typos, curly apostrophes); only the page structure is added:
// breadcrumb, headline, byline, paragraphs, sub-headings, and the "Latest news" sidebar.
import { readFileSync, writeFileSync } from 'node:fs';

const src = new URL('../tests/fixtures/seed-article.txt', import.meta.url);
const out = new URL('../tests/fixtures/pages/seed-article.html', import.meta.url);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const lines = readFileSync(src, 'utf8').split('\n').map((l) => l.trimEnd());
const [crumb, , title] = lines;
const body = [];
const side = [];
let inSidebar = false;
for (const line of lines.slice(3)) {
  if (!line.trim()) continue;
  if (line.trim() === 'Latest news') inSidebar = true;
  (inSidebar ? side : body).push(line.trim());
}

const isHeading = (l) => l.length < 90 && !/[.!?”"…:,]$/.test(l) && !/^by\s/.test(l);
const article = body
  .map((l) => {
    if (/^by\s/.test(l)) return `      <p class="byline">${esc(l)}</p>`;
    if (isHeading(l)) return `      <h2>${esc(l)}</h2>`;
    return `      <p>${esc(l)}</p>`;
  })
  .join('\n');
const sidebar = side
  .map((l) => {
    if (l === 'Latest news' || l === 'Must read') return `      <h2>${esc(l)}</h2>`;
    if (/…|\.\.\.$/.test(l) || l.length > 90) return `      <p class="teaser">${esc(l)}</p>`;
    return `      <h3><a href="#">${esc(l)}</a></h3>`;
  })
  .join('\n');

const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${esc(title.trim())}</title>
  <link rel="canonical" href="/seed-article.html">
  <meta property="og:site_name" content="Iran Focus (sample)">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <style>
    body { font: 18px/1.6 Georgia, 'Times New Roman', serif; color: #222; margin: 0; background: #fafaf7; }
    .crumbs { font: 13px system-ui, sans-serif; color: #666; padding: 10px 24px; border-bottom: 1px solid #e4e4e0; }
    .wrap { display: flex; gap: 40px; max-width: 1100px; margin: 0 auto; padding: 24px; }
    main { flex: 1 1 auto; min-width: 0; }
    aside { flex: 0 0 260px; font: 14px/1.5 system-ui, sans-serif; border-left: 1px solid #e4e4e0; padding-left: 20px; }
    aside h3 { font-size: 15px; margin: 14px 0 2px; }
    aside a { color: #1a1a1a; text-decoration: none; }
    .teaser { color: #666; margin: 0; }
    h1 { font-size: 34px; line-height: 1.2; margin: 8px 0 12px; }
    .byline { font: 14px system-ui, sans-serif; color: #666; }
  </style>
</head>
<body>
  <nav class="crumbs">${esc(crumb.trim())}</nav>
  <div class="wrap">
    <main>
      <article>
      <h1>${esc(title.trim())}</h1>
${article}
      </article>
    </main>
    <aside>
${sidebar}
    </aside>
  </div>
</body>
</html>
`;
writeFileSync(out, html);
console.log(`wrote ${out.pathname} (${html.length} bytes)`);
