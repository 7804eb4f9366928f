import { parseHTML } from 'linkedom';
import { readFileSync } from 'node:fs';
import { detectArticle } from '../lib/article/detect';
const src = readFileSync(process.argv[2]!, 'utf8').replace(/<script[\s\S]*?<\/script>/gi, '');
const { document } = parseHTML(src);
const SKIP = new Set(['script','style','noscript','template','textarea','input','select','option','button','iframe','object','embed','canvas','svg','math','video','audio','head','title','code']);
const L = { tags: [] as string[], parents: [] as number[], at: [] as number[], attrs: [] as string[], texts: [] as string[], blockStarts: [] as boolean[], owners: [] as number[], title: document.title, types: [] as string[], url: 'http://x/' };
let chars = 0;
function walk(node: any, id: number) {
  for (const c of node.childNodes) {
    if (c.nodeType === 3) { if (c.data.trim()) { L.texts.push(c.data); L.owners.push(id); L.blockStarts.push(true); chars += c.data.length; } }
    else if (c.nodeType === 1) {
      const tag = c.localName; if (SKIP.has(tag) || c.hasAttribute('hidden') || c.getAttribute('aria-hidden') === 'true') continue;
      const k = L.tags.length; L.tags.push(tag); L.parents.push(id); L.at.push(chars);
      const href = tag === 'a' ? c.getAttribute('href') : null;
      L.attrs.push(c.attributes.length ? [c.getAttribute('class') ?? '', c.id ?? '', c.getAttribute('role') ?? '', c.getAttribute('itemprop') ?? '', c.getAttribute('rel') ?? '', href ? href.slice(0,1) : ''].join('\x01') : '');
      walk(c, k);
    }
  }
}
walk(document.body, -1);
console.log('elements', L.tags.length, 'texts', L.texts.length);
const t0 = performance.now();
const { document: d2 } = parseHTML('<!doctype html><html><head><title></title></head><body></body></html>');
const r = detectArticle(d2 as any, L as any);
console.log('ms', (performance.now() - t0).toFixed(1), r.article, r.articleChars, r.zones.length, r.zones.slice(0, 20));
