/**
 * The reader's knowledge as a Markdown vault for Obsidian or Logseq: one file per entity and one
 * per article with saved quotes, linked with [[wiki links]]. Pure: records in, files (paths and
 * text) out; the options page zips them or writes them into a folder (docs/formats-notes.md).
 *
 * - Every file is `pages/<name>.md` (Logseq reads pages from `pages/`; Obsidian reads any
 *   folder). One folder means one namespace: a [[link]] can only mean one file.
 * - An entity's file: YAML front matter (type, aliases, tags, links), the reader's notes, the
 *   saved quotes about it, "What I read" (the reading index: date, title, link, the sentence it
 *   was mentioned in) and the entities it is most often mentioned with.
 * - An article's file (only articles with saved quotes): its quotes, comments and tags, and the
 *   entities it mentions.
 * - Text that came from web pages (quotes, titles, sentences) is escaped as Markdown; the
 *   reader's own entity notes are Markdown already and are written as they are.
 * - Re-export into a folder overwrites only files it wrote: `.news-context-reader.json` keeps a
 *   hash of each file as written; a file whose text no longer has that hash (the reader changed
 *   it) or that the manifest does not list (the reader made it) is left alone (planVaultWrite).
 */
import type { Entity } from '../model/entity';
import type { Article, Mention } from '../model/article';
import type { Note } from '../model/note';
import { blockQuote, escapeMarkdown, markdownUrl } from './markdown';

export const VAULT_FOLDER = 'pages';
export const VAULT_MANIFEST = '.news-context-reader.json';
export const VAULT_FORMAT = 'news-context-reader/vault';
/** Longest file name stem, in characters (file systems allow 255 bytes; CJK takes 3 each). */
const MAX_STEM = 80;
/** "Mentioned with": at most this many entities. */
const MAX_RELATED = 12;
/** "Mentioned with" counts the entities of an entity's newest readings, at most this many. */
const MAX_TOGETHER_READINGS = 200;

export interface VaultInput {
  entities: readonly Entity[];
  articles: readonly Article[];
  mentions: readonly Mention[];
  notes: readonly Note[];
  now: number;
}

export interface VaultFile {
  path: string;
  text: string;
}

/** A lone surrogate has no UTF-8 form: a file holds U+FFFD in its place. */
export const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** Names Windows keeps for devices, with or without an extension. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;

/**
 * A name as a file name stem that is safe on Windows, macOS, Linux and in a wiki link: no path
 * separator, no character Windows refuses, no [ ] | # ^ (link syntax), no control or bidi
 * override character, no leading dot (a hidden file, or "..") nor trailing dot or space, not a
 * device name, at most 80 characters. Never empty.
 */
export function safeStem(name: string): string {
  let s = wellFormed(name)
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\\/:*?"<>|#^[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^[.\s]+/, '');
  s = Array.from(s).slice(0, MAX_STEM).join('');
  s = s.replace(/[.\s]+$/, '');
  if (!s) s = 'Untitled';
  if (RESERVED.test(s)) s = `${s}_`;
  return s;
}

/** Hands out stems unique in one folder, compared as case-insensitive file systems do. */
export class StemAllocator {
  private readonly taken = new Set<string>();
  private key(stem: string): string {
    return stem.normalize('NFC').toLowerCase();
  }
  take(name: string): string {
    const base = safeStem(name);
    let stem = base;
    for (let n = 2; this.taken.has(this.key(stem)); n++) stem = `${base} ${n}`;
    this.taken.add(this.key(stem));
    return stem;
  }
}

/** A YAML double-quoted scalar: \ and " escaped, and every character YAML may not print. */
export function yamlString(s: string): string {
  const out = wellFormed(s).replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '"') return '\\"';
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${out}"`;
}

function yamlList(key: string, items: readonly string[]): string {
  return items.length ? `${key}:\n${items.map((i) => `  - ${yamlString(i)}`).join('\n')}` : `${key}: []`;
}

/** Text for a wiki link's shown part: no ] or | (they would end it), one line. */
const linkLabel = (s: string) => wellFormed(s).replace(/[\]|[]/g, ' ').replace(/\s+/g, ' ').trim();

export function wikiLink(stem: string, label: string): string {
  const shown = linkLabel(label);
  return !shown || shown === stem ? `[[${stem}]]` : `[[${stem}|${shown}]]`;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const oneLine = (s: string) => wellFormed(s).replace(/\s+/g, ' ').trim();

function quoteBlock(text: string): string {
  return blockQuote(wellFormed(text));
}

function commentBlock(text: string): string {
  return escapeMarkdown(wellFormed(text).replace(/\r\n?/g, '\n').trim()).replace(/\n/g, '  \n');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

interface ArticleInfo {
  url: string;
  title: string;
  site: string;
  notes: Note[];
  stem: string | null;
}

/** Every file of the vault (without the manifest), in a stable order. */
export function buildVault(input: VaultInput): VaultFile[] {
  const stems = new StemAllocator();
  const entities = [...input.entities].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const entityStem = new Map<string, string>();
  for (const e of entities) entityStem.set(e.id, stems.take(e.name));

  // Articles: those read (reading index) and those with notes; a file only for the latter.
  const articles = new Map<string, ArticleInfo>();
  for (const a of input.articles) articles.set(a.url, { url: a.url, title: a.title, site: a.site, notes: [], stem: null });
  for (const n of input.notes) {
    const a = articles.get(n.url) ?? { url: n.url, title: n.title, site: n.site, notes: [], stem: null };
    a.notes.push(n);
    articles.set(n.url, a);
  }
  const withNotes = [...articles.values()].filter((a) => a.notes.length).sort((a, b) => (a.url < b.url ? -1 : 1));
  for (const a of withNotes) a.stem = stems.take(oneLine(a.title) || hostOf(a.url));

  const mentionsByEntity = new Map<string, Mention[]>();
  const mentionsByUrl = new Map<string, Mention[]>();
  for (const m of input.mentions) {
    (mentionsByEntity.get(m.entityId) ?? mentionsByEntity.set(m.entityId, []).get(m.entityId)!).push(m);
    (mentionsByUrl.get(m.url) ?? mentionsByUrl.set(m.url, []).get(m.url)!).push(m);
  }
  const readAt = new Map(input.articles.map((a) => [a.url, a]));
  const notesByEntity = new Map<string, Note[]>();
  for (const n of input.notes) for (const id of new Set(n.entityIds)) (notesByEntity.get(id) ?? notesByEntity.set(id, []).get(id)!).push(n);
  const entityById = new Map(input.entities.map((e) => [e.id, e]));
  const linkOfEntity = (id: string) => {
    const stem = entityStem.get(id);
    const e = entityById.get(id);
    return stem && e ? wikiLink(stem, e.name) : null;
  };
  const articleLink = (url: string) => {
    const a = articles.get(url);
    const title = oneLine(a?.title ?? '') || hostOf(url);
    if (a?.stem) return wikiLink(a.stem, title);
    return `[${escapeMarkdown(title)}](${markdownUrl(url)})`;
  };

  const files: VaultFile[] = [];
  for (const e of entities) {
    const stem = entityStem.get(e.id)!;
    const lines: string[] = [
      '---',
      `type: ${yamlString(e.type)}`,
      yamlList('aliases', e.aliases.map((a) => a.text)),
      yamlList('tags', e.tags ?? []),
      yamlList('links', e.links ?? []),
      '---',
      '',
      `# ${escapeMarkdown(oneLine(e.name))}`,
      '',
    ];
    if (e.notes.trim()) lines.push('## Notes', '', wellFormed(e.notes.replace(/\r\n?/g, '\n').trim()), '');
    const quotes = [...(notesByEntity.get(e.id) ?? [])].sort((a, b) => a.createdAt - b.createdAt);
    if (quotes.length) {
      lines.push('## Saved quotes', '');
      for (const n of quotes) {
        if (n.quote.trim()) lines.push(quoteBlock(n.quote), '');
        if (n.comment.trim()) lines.push(commentBlock(n.comment), '');
        lines.push(`*${day(n.createdAt)} · ${articleLink(n.url)}*`, '');
      }
    }
    const read = (mentionsByEntity.get(e.id) ?? [])
      .map((m) => ({ m, at: readAt.get(m.url)?.lastSeen ?? m.lastSeen }))
      .sort((a, b) => b.at - a.at || (a.m.url < b.m.url ? -1 : 1));
    if (read.length) {
      lines.push('## What I read', '');
      for (const { m, at } of read) {
        const site = readAt.get(m.url)?.site;
        lines.push(`- ${day(at)} · ${articleLink(m.url)}${site ? ` · ${escapeMarkdown(oneLine(site))}` : ''} · <${markdownUrl(m.url)}>`);
        if (m.snippet.trim()) lines.push(`  > ${escapeMarkdown(oneLine(m.snippet))}`);
      }
      lines.push('');
    }
    const together = new Map<string, number>();
    // From the newest readings (at most MAX_TOGETHER_READINGS): bounded work for an entity read everywhere.
    for (const { m } of read.slice(0, MAX_TOGETHER_READINGS)) for (const other of mentionsByUrl.get(m.url) ?? []) if (other.entityId !== e.id) together.set(other.entityId, (together.get(other.entityId) ?? 0) + 1);
    const related = [...together.entries()]
      .filter(([id]) => entityStem.has(id))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_RELATED);
    if (related.length) lines.push('## Mentioned with', '', related.map(([id, n]) => `- ${linkOfEntity(id)} (${n})`).join('\n'), '');
    files.push({ path: `${VAULT_FOLDER}/${stem}.md`, text: `${lines.join('\n').replace(/\n+$/, '')}\n` });
  }

  for (const a of withNotes) {
    const title = oneLine(a.title) || hostOf(a.url);
    const tags = [...new Set(a.notes.flatMap((n) => n.tags))];
    const lines: string[] = [
      '---',
      `type: ${yamlString('article')}`,
      `url: ${yamlString(a.url)}`,
      `site: ${yamlString(a.site)}`,
      yamlList('tags', tags),
      '---',
      '',
      `# ${escapeMarkdown(title)}`,
      '',
      `<${markdownUrl(a.url)}>`,
      '',
      '## Saved quotes',
      '',
    ];
    const ordered = [...a.notes].sort((x, y) => (x.selector?.position ?? Number.MAX_SAFE_INTEGER) - (y.selector?.position ?? Number.MAX_SAFE_INTEGER) || x.createdAt - y.createdAt);
    for (const n of ordered) {
      if (n.quote.trim()) lines.push(quoteBlock(n.quote), '');
      if (n.comment.trim()) lines.push(commentBlock(n.comment), '');
      const about = n.entityIds.map(linkOfEntity).filter((x): x is string => !!x);
      const details = [`Saved ${day(n.createdAt)}`];
      if (about.length) details.push(`About ${about.join(', ')}`);
      if (n.tags.length) details.push(n.tags.map((t) => escapeMarkdown(`#${t.replace(/\s+/g, '-')}`)).join(' '));
      lines.push(`*${details.join(' · ')}*`, '');
    }
    const mentioned = (mentionsByUrl.get(a.url) ?? []).map((m) => linkOfEntity(m.entityId)).filter((x): x is string => !!x);
    if (mentioned.length) lines.push('## Mentions', '', mentioned.join(', '), '');
    files.push({ path: `${VAULT_FOLDER}/${a.stem}.md`, text: `${lines.join('\n').replace(/\n+$/, '')}\n` });
  }
  return files;
}

/** A short hash of a file's text (cyrb53: 53 bits), to tell whether the reader changed it. */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export interface VaultManifest {
  format: typeof VAULT_FORMAT;
  version: 1;
  writtenAt: string;
  /** Each file this extension wrote, by path, with the hash of the text it wrote. */
  files: Record<string, string>;
}

/** The manifest in a folder, or an empty one when there is none or it is not ours. */
export function readManifest(text: string | null): VaultManifest['files'] {
  if (!text) return {};
  try {
    const m = JSON.parse(text) as Partial<VaultManifest>;
    if (m?.format !== VAULT_FORMAT || typeof m.files !== 'object' || m.files === null) return {};
    return Object.fromEntries(Object.entries(m.files).filter(([p, h]) => typeof h === 'string' && typeof p === 'string'));
  } catch {
    return {};
  }
}

export interface VaultWritePlan {
  /** Files to write (new, or ours and unchanged by the reader since). */
  write: VaultFile[];
  /** Files already as they would be written. */
  unchanged: string[];
  /** Paths left alone: the reader made or changed the file there. */
  kept: string[];
  /** The manifest to write after the files. */
  manifest: VaultFile;
}

/**
 * What a re-export into a folder does. `onDisk` gives the text now at each path the export would
 * write (null: no file there). A file is ours to overwrite when the manifest lists it with the
 * hash of the text now there; any other existing file is the reader's and is left alone (and
 * leaves the manifest, so it stays the reader's). Files of an earlier export that this one does
 * not produce (an entity deleted since) are never deleted.
 */
export function planVaultWrite(files: readonly VaultFile[], manifestText: string | null, onDisk: ReadonlyMap<string, string | null>, now: number): VaultWritePlan {
  const before = readManifest(manifestText);
  const after: Record<string, string> = {};
  const write: VaultFile[] = [];
  const unchanged: string[] = [];
  const kept: string[] = [];
  const produced = new Set(files.map((f) => f.path));
  for (const f of files) {
    const current = onDisk.get(f.path) ?? null;
    const hash = contentHash(f.text);
    if (current === null) {
      write.push(f);
      after[f.path] = hash;
    } else if (Object.prototype.hasOwnProperty.call(before, f.path) && before[f.path] === contentHash(current)) {
      if (current === f.text) unchanged.push(f.path);
      else write.push(f);
      after[f.path] = hash;
    } else {
      kept.push(f.path);
    }
  }
  // An earlier export's file not produced now stays listed (still ours, if the reader leaves it).
  for (const [path, hash] of Object.entries(before)) if (!produced.has(path)) after[path] = hash;
  const manifest: VaultManifest = { format: VAULT_FORMAT, version: 1, writtenAt: new Date(now).toISOString(), files: after };
  return { write, unchanged, kept, manifest: { path: VAULT_MANIFEST, text: `${JSON.stringify(manifest, null, 2)}\n` } };
}

/** The files of a zip: every vault file and a manifest listing them all. */
export function vaultWithManifest(files: readonly VaultFile[], now: number): VaultFile[] {
  return [...files, planVaultWrite(files, null, new Map(), now).manifest];
}

export function vaultFileName(now: number): string {
  return `news-context-reader-vault-${day(now)}.zip`;
}
