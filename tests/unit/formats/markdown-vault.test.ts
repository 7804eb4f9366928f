import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import yaml from 'js-yaml';
import {
  StemAllocator,
  VAULT_MANIFEST,
  buildVault,
  contentHash,
  planVaultWrite,
  readManifest,
  safeStem,
  vaultWithManifest,
  type VaultFile,
} from '../../../lib/formats/markdown-vault';
import { Entity } from '../../../lib/model/entity';
import type { Article, Mention } from '../../../lib/model/article';
import type { Note } from '../../../lib/model/note';
import { hardNonEmpty, hardText } from './note-arbitraries';

const T = Date.UTC(2024, 4, 1);
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function entity(id: string, name: string, extra: Partial<Entity> = {}): Entity {
  return Entity.parse({ id, name, type: 'person', aliases: [], notes: '', createdAt: T, updatedAt: T, version: 1, ...extra });
}

function frontMatter(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error(`no front matter in ${text.slice(0, 80)}`);
  return yaml.load(m[1]!) as Record<string, unknown>;
}

/** Every [[target]] or [[target|label]] the export wrote (not those in the reader's own notes). */
function wikiTargets(files: readonly VaultFile[]): string[] {
  const ours = (text: string) => text.replace(/## Notes\n[\s\S]*?(?=\n## |$)/, '');
  return files.flatMap((f) => [...ours(f.text).matchAll(/\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/g)].map((m) => m[1]!));
}

const sample = () => {
  const entities = [
    entity('e1', 'Ali Khamenei', { aliases: [{ text: 'Khamenei' }, { text: 'Supreme Leader' }], tags: ['iran'], links: ['https://www.wikidata.org/wiki/Q57336'], notes: 'Leader since *1989*.' }),
    entity('e2', 'IAEA', { type: 'organization' }),
    entity('e3', 'CON'),
    entity('e4', '../../etc/passwd'),
    entity('e5', 'iaea'),
  ];
  const articles: Article[] = [
    { url: 'https://e.com/a', title: 'Talks resume | World', site: 'E News', firstSeen: T, lastSeen: T + 1000 },
    { url: 'https://e.com/b', title: 'Second piece', site: 'E News', firstSeen: T, lastSeen: T + 2000 },
  ];
  const mentions: Mention[] = [
    { entityId: 'e1', url: 'https://e.com/a', count: 2, snippet: 'Khamenei said the talks [would] go on.', lastSeen: T + 1000 },
    { entityId: 'e2', url: 'https://e.com/a', count: 1, snippet: 'The IAEA reported.', lastSeen: T + 1000 },
    { entityId: 'e1', url: 'https://e.com/b', count: 1, snippet: 'Again Khamenei.', lastSeen: T + 2000 },
  ];
  const notes: Note[] = [
    { id: 'n1', quote: 'the talks would go on <script>', comment: 'Key line', url: 'https://e.com/a', title: 'Talks resume | World', site: 'E News', selector: null, tags: ['nuclear'], entityIds: ['e1', 'e2'], createdAt: T, updatedAt: T, anchor: null, version: 1 },
  ];
  return { entities, articles, mentions, notes, now: T + 5000 };
};

describe('Markdown vault', () => {
  it('safe file names: no path traversal, no reserved or hidden names, no link syntax, bounded, never empty', () => {
    expect(safeStem('../../etc/passwd')).toBe('etc passwd');
    expect(safeStem('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j');
    expect(safeStem('CON')).toBe('CON_');
    expect(safeStem('lpt1.txt')).toBe('lpt1.txt_');
    expect(safeStem('...')).toBe('Untitled');
    expect(safeStem('.hidden')).toBe('hidden');
    expect(safeStem('name. ')).toBe('name');
    expect(safeStem('[[link]] #tag ^block')).toBe('link tag block');
    expect(safeStem('evil\u202Etxt.exe')).toBe('eviltxt.exe');
    expect(safeStem('x'.repeat(500))).toHaveLength(80);
    expect(safeStem('😀'.repeat(100))).toBe('😀'.repeat(80));
    fc.assert(
      fc.property(hardText(200), (name) => {
        const s = safeStem(name);
        expect(s.length).toBeGreaterThan(0);
        expect(s).not.toMatch(/[\\/:*?"<>|#^[\]\u0000-\u001f]/);
        expect(s).not.toMatch(/^[. ]|[. ]$/);
        expect(s).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
        expect(s).toBe(wellFormed(s));
      }),
      { numRuns: 500 },
    );
  });

  it('collisions get a number, compared as case-insensitive file systems do', () => {
    const a = new StemAllocator();
    expect([a.take('IAEA'), a.take('iaea'), a.take('IAEA'), a.take('a/b'), a.take('a b')]).toEqual(['IAEA', 'iaea 2', 'IAEA 3', 'a b', 'a b 2']);
  });

  it('one file per entity and per article with quotes; front matter parses back; every wiki link resolves', () => {
    const files = buildVault(sample());
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(['pages/etc passwd.md', 'pages/Ali Khamenei.md', 'pages/CON_.md', 'pages/IAEA.md', 'pages/iaea 2.md', 'pages/Talks resume World.md']);
    const byPath = new Map(files.map((f) => [f.path, f.text]));
    const ali = byPath.get('pages/Ali Khamenei.md')!;
    expect(frontMatter(ali)).toEqual({ type: 'person', aliases: ['Khamenei', 'Supreme Leader'], tags: ['iran'], links: ['https://www.wikidata.org/wiki/Q57336'] });
    expect(ali).toContain('## Notes\n\nLeader since *1989*.');
    expect(ali).toContain('## What I read');
    // The timeline: newest first, the article with quotes as a wiki link, the other as a web link, the sentence.
    const timeline = ali.slice(ali.indexOf('## What I read'));
    expect(timeline).toContain(
      '- 2024-05-01 · [Second piece](https://e.com/b) · E News · <https://e.com/b>\n  > Again Khamenei.\n' +
        '- 2024-05-01 · [[Talks resume World]] · E News · <https://e.com/a>\n  > Khamenei said the talks \\[would\\] go on.',
    );
    expect(ali).toContain('## Mentioned with\n\n- [[IAEA]] (1)');
    const article = byPath.get('pages/Talks resume World.md')!;
    expect(frontMatter(article)).toEqual({ type: 'article', url: 'https://e.com/a', site: 'E News', tags: ['nuclear'] });
    expect(article).toContain('> the talks would go on \\<script\\>');
    expect(article).toContain('About [[Ali Khamenei]], [[IAEA]]');
    const stems = new Set(paths.map((p) => p.slice('pages/'.length, -'.md'.length)));
    for (const t of wikiTargets(files)) expect(stems.has(t)).toBe(true);
  });

  it('front matter parses back for any names, aliases and tags; wiki links always resolve (fast-check)', () => {
    const ent = fc.record({ name: hardNonEmpty(60), aliases: fc.array(hardNonEmpty(30), { maxLength: 3 }), notes: hardText(100) });
    fc.assert(
      fc.property(fc.array(ent, { minLength: 1, maxLength: 5 }), hardText(60), (raw, title) => {
        const entities = raw.flatMap((r, i) => {
          const p = Entity.safeParse({ id: `e${i}`, name: r.name, type: 'other', aliases: r.aliases.map((text) => ({ text })), notes: r.notes, createdAt: T, updatedAt: T, version: 1 });
          return p.success ? [p.data] : [];
        });
        const url = 'https://e.com/x';
        const notes: Note[] = [{ id: 'n', quote: 'q', comment: '', url, title, site: '', selector: null, tags: [], entityIds: entities.map((e) => e.id), createdAt: T, updatedAt: T, anchor: null, version: 1 }];
        const mentions: Mention[] = entities.map((e) => ({ entityId: e.id, url, count: 1, snippet: title.slice(0, 300), lastSeen: T }));
        const files = buildVault({ entities, articles: [], mentions, notes, now: T });
        expect(new Set(files.map((f) => f.path.toLowerCase())).size).toBe(files.length);
        // Entity files come first, by name (then id), as buildVault orders them.
        const ordered = [...entities].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
        ordered.forEach((e, i) => {
          const fm = frontMatter(files[i]!.text);
          expect(fm).toEqual({ type: 'other', aliases: e.aliases.map((a) => wellFormed(a.text)), tags: [], links: [] });
        });
        const stems = new Set(files.map((f) => f.path.slice('pages/'.length, -'.md'.length)));
        for (const t of wikiTargets(files)) expect(stems.has(t)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('re-export overwrites only files it wrote and the reader left alone', () => {
    const first = buildVault(sample());
    const disk = new Map<string, string>();
    const apply = (files: readonly VaultFile[]) => {
      const plan = planVaultWrite(files, disk.get(VAULT_MANIFEST) ?? null, new Map(files.map((f) => [f.path, disk.get(f.path) ?? null])), T);
      for (const f of [...plan.write, plan.manifest]) disk.set(f.path, f.text);
      return plan;
    };
    // A file the reader made before the first export, where the export would write.
    disk.set('pages/IAEA.md', 'my own IAEA page');
    const p1 = apply(first);
    expect(p1.kept).toEqual(['pages/IAEA.md']);
    expect(disk.get('pages/IAEA.md')).toBe('my own IAEA page');
    expect(Object.keys(readManifest(disk.get(VAULT_MANIFEST)!))).not.toContain('pages/IAEA.md');

    // The reader edits one of ours; the glossary changes; export again.
    disk.set('pages/CON_.md', `${disk.get('pages/CON_.md')}\nmy addition`);
    const s = sample();
    s.entities[0] = entity('e1', 'Ali Khamenei', { notes: 'Changed notes.' });
    s.entities.splice(4, 1); // "iaea" deleted: its file stays
    const p2 = apply(buildVault(s));
    expect(p2.kept.sort()).toEqual(['pages/CON_.md', 'pages/IAEA.md']);
    expect(disk.get('pages/CON_.md')).toMatch(/my addition$/);
    expect(disk.get('pages/Ali Khamenei.md')).toContain('Changed notes.');
    expect(p2.write.map((f) => f.path)).toEqual(['pages/Ali Khamenei.md']);
    expect(p2.unchanged.sort()).toEqual(['pages/Talks resume World.md', 'pages/etc passwd.md']);
    expect(disk.has('pages/iaea 2.md')).toBe(true);
    // A file of ours the reader deleted is written again.
    disk.delete('pages/etc passwd.md');
    expect(apply(buildVault(s)).write.map((f) => f.path)).toEqual(['pages/etc passwd.md']);
  });

  it('a zip holds a manifest of every file, with the hash of what was written', () => {
    const files = buildVault(sample());
    const all = vaultWithManifest(files, T);
    const manifest = readManifest(all.at(-1)!.text);
    expect(all.at(-1)!.path).toBe(VAULT_MANIFEST);
    expect(manifest).toEqual(Object.fromEntries(files.map((f) => [f.path, contentHash(f.text)])));
    expect(readManifest('{"format":"something else","files":{"a":"b"}}')).toEqual({});
    expect(readManifest('not json')).toEqual({});
  });
});
