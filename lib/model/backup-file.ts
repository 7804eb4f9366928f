/**
 * The full backup file: glossary, reading index (articles and mention rows), saved notes and
 * settings, in one versioned JSON document. Documented in docs/backup-format.md; its JSON
 * Schema is docs/schemas/backup.schema.json (generated, see lib/model/json-schema.ts). Pure.
 *
 * Every reference is checked: a mention names an entity and an article of the same file.
 */
import { errorText } from './error-text';
import { z } from 'zod';
import { EntityId, MAX_TAGS, Tag, type Entity } from './entity';
import { Article, MAX_SNIPPET_LENGTH, MAX_TITLE_LENGTH, type Mention } from './article';
import { Note, NoteAnchor, MAX_NOTE_ENTITIES, MAX_NOTE_SITE } from './note';
import { QuoteSelector } from './quote';
import { Settings } from './settings';
import { AliasExclusion, MAX_ALIAS_EXCLUSIONS } from './alias-exclusion';
import {
  FileTimestamp,
  capErrors,
  checkFormatVersion,
  checkListLength,
  clip,
  duplicateProblems,
  formatIssues,
  friendlyMessage,
  iso,
  readJsonDocument,
} from './file-common';
import { FileEntity, FileEntityV2, fileEntity, toGlossaryEntity, MAX_GLOSSARY_ENTITIES, type GlossaryEntity } from './glossary-file';

export const BACKUP_FORMAT = 'news-context-reader/backup';
/** 2 adds the alias option `hidden` (as the glossary file's version 3); version 1 is still read. */
export const BACKUP_FORMAT_VERSION = 2;
/** Characters. A backup of years of reading is large; the import message allows this much. */
export const MAX_BACKUP_FILE_CHARS = 60_000_000;
export const MAX_BACKUP_ARTICLES = 1_000_000;
export const MAX_BACKUP_MENTIONS = 2_000_000;
export const MAX_BACKUP_NOTES = 1_000_000;

export const BACKUP_SPEC = { format: BACKUP_FORMAT, what: 'backup', maxVersion: BACKUP_FORMAT_VERSION } as const;

export const FileArticle = z.strictObject({
  url: Article.shape.url,
  title: z.string().max(MAX_TITLE_LENGTH),
  site: z.string().max(200),
  publishedAt: FileTimestamp.optional(),
  firstSeen: FileTimestamp,
  lastSeen: FileTimestamp,
});

export const FileMention = z.strictObject({
  entityId: EntityId,
  url: Article.shape.url,
  count: z.number().int().positive().max(1_000_000),
  snippet: z.string().max(MAX_SNIPPET_LENGTH),
  lastSeen: FileTimestamp,
});

export const FileNote = z.strictObject({
  id: Note.shape.id,
  quote: Note.shape.quote,
  comment: Note.shape.comment,
  url: Note.shape.url,
  title: Note.shape.title,
  createdAt: FileTimestamp,
  // Since the notes issue (all optional: older backups are still read).
  site: z.string().max(MAX_NOTE_SITE).optional(),
  selector: QuoteSelector.nullable().optional(),
  tags: z.array(Tag).max(MAX_TAGS).optional(),
  entityIds: z.array(EntityId).max(MAX_NOTE_ENTITIES).optional(),
  updatedAt: FileTimestamp.optional(),
  anchor: z.strictObject({ status: NoteAnchor.shape.status, checkedAt: FileTimestamp }).nullable().optional(),
});

/** A note of the file in the store's shape (fields older files lack get their defaults). */
function storeNote(n: z.output<typeof FileNote>): Note {
  let site = n.site;
  if (site === undefined) {
    try {
      site = new URL(n.url).hostname.replace(/^www\./, '');
    } catch {
      site = '';
    }
  }
  return {
    id: n.id,
    quote: n.quote,
    comment: n.comment,
    url: n.url,
    title: n.title,
    createdAt: n.createdAt,
    site,
    selector: n.selector ?? null,
    tags: n.tags ?? [],
    entityIds: n.entityIds ?? [],
    updatedAt: n.updatedAt ?? n.createdAt,
    anchor: n.anchor ?? null,
  };
}

/** A stored note as the file writes it. */
function fileNote(n: Note) {
  return {
    id: n.id,
    quote: n.quote,
    comment: n.comment,
    url: n.url,
    title: n.title,
    site: n.site,
    selector: n.selector,
    tags: n.tags,
    entityIds: n.entityIds,
    anchor: n.anchor ? { status: n.anchor.status, checkedAt: iso(n.anchor.checkedAt) } : null,
    createdAt: iso(n.createdAt),
    updatedAt: iso(n.updatedAt ?? n.createdAt),
  };
}

/** "Never match this alias here" (lib/model/alias-exclusion.ts), as the file writes it. */
export const FileAliasExclusion = AliasExclusion.extend({ createdAt: FileTimestamp });

export const BackupFileV1 = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  exportedAt: FileTimestamp.optional(),
  /** Entities of a backup always have their id: mentions refer to it. */
  entities: z.array(FileEntityV2.extend({ id: EntityId })).max(MAX_GLOSSARY_ENTITIES),
  articles: z.array(FileArticle).max(MAX_BACKUP_ARTICLES).default([]),
  mentions: z.array(FileMention).max(MAX_BACKUP_MENTIONS).default([]),
  notes: z.array(FileNote).max(MAX_BACKUP_NOTES).default([]),
  settings: Settings.optional(),
  /** Added after version 1 was published; optional, so older backups are still read. */
  aliasExclusions: z.array(FileAliasExclusion).max(MAX_ALIAS_EXCLUSIONS).optional(),
});

/** Version 2: the same, with the glossary file's version 3 entities (aliases may be hidden). */
export const BackupFileV2 = BackupFileV1.extend({
  version: z.literal(2),
  entities: z.array(FileEntity.extend({ id: EntityId })).max(MAX_GLOSSARY_ENTITIES),
});

/** Everything a backup holds, validated, in the store's shapes. */
export interface BackupData {
  entities: Entity[] | GlossaryEntity[];
  articles: Article[];
  mentions: Mention[];
  notes: Note[];
  settings: Settings | null;
  aliasExclusions: AliasExclusion[];
}

export type ParseBackupResult =
  | { ok: true; entities: GlossaryEntity[]; articles: Article[]; mentions: Mention[]; notes: Note[]; settings: Settings | null; aliasExclusions: AliasExclusion[] }
  | { ok: false; errors: string[] };

export function parseBackupFile(text: string): ParseBackupResult {
  try {
    const doc = readJsonDocument(text, { ...BACKUP_SPEC, maxChars: MAX_BACKUP_FILE_CHARS });
    if (!doc.ok) return doc;
    return parseBackupRoot(doc.root, doc.version);
  } catch (err) {
    return { ok: false, errors: [`the file could not be read: ${errorText(err)}`] };
  }
}

/** A backup whose format and version were checked (checkFormatVersion). */
export function parseBackupRoot(root: Record<string, unknown>, version: number): ParseBackupResult {
  const checked = checkFormatVersion(root, BACKUP_SPEC);
  if (!checked.ok) return checked;
  const tooMany = [
    checkListLength(root, 'entities', MAX_GLOSSARY_ENTITIES, 'entities'),
    checkListLength(root, 'articles', MAX_BACKUP_ARTICLES, 'articles'),
    checkListLength(root, 'mentions', MAX_BACKUP_MENTIONS, 'mention rows'),
    checkListLength(root, 'notes', MAX_BACKUP_NOTES, 'notes'),
  ].filter((p): p is string => p !== null);
  if (tooMany.length) return { ok: false, errors: tooMany };

  const parsed = (version === 1 ? BackupFileV1 : BackupFileV2).safeParse(root, { error: friendlyMessage });
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues) };
  const d = parsed.data;

  const errors = [
    ...duplicateProblems(d.entities, (e) => e.id, (i) => `entities[${i}]`, 'id'),
    ...duplicateProblems(d.articles, (a) => a.url, (i) => `articles[${i}]`, 'url'),
    ...duplicateProblems(d.notes, (n) => n.id, (i) => `notes[${i}]`, 'id'),
  ];
  const entityIds = new Set(d.entities.map((e) => e.id));
  const urls = new Set(d.articles.map((a) => a.url));
  const pairs = new Map<string, number>();
  d.mentions.forEach((m, i) => {
    if (!entityIds.has(m.entityId)) errors.push(`mentions[${i}].entityId: ${clip(JSON.stringify(m.entityId), 80)} is not the id of an entity in this file`);
    if (!urls.has(m.url)) errors.push(`mentions[${i}].url: no article in this file has the URL ${clip(JSON.stringify(m.url), 120)}`);
    const key = `${m.entityId}\u0000${m.url}`;
    const first = pairs.get(key);
    if (first === undefined) pairs.set(key, i);
    else errors.push(`mentions[${i}]: the same entity and article as mentions[${first}]`);
  });
  (d.aliasExclusions ?? []).forEach((x, i) => {
    if (!entityIds.has(x.entityId)) errors.push(`aliasExclusions[${i}].entityId: ${clip(JSON.stringify(x.entityId), 80)} is not the id of an entity in this file`);
  });
  if (errors.length) return { ok: false, errors: capErrors(errors) };

  return {
    ok: true,
    entities: d.entities.map(toGlossaryEntity),
    articles: d.articles.map((a) => {
      const out: Article = { url: a.url, title: a.title, site: a.site, firstSeen: a.firstSeen, lastSeen: a.lastSeen };
      if (a.publishedAt !== undefined) out.publishedAt = a.publishedAt;
      return out;
    }),
    mentions: d.mentions.map((m) => ({ entityId: m.entityId, url: m.url, count: m.count, snippet: m.snippet, lastSeen: m.lastSeen })),
    notes: d.notes.map(storeNote),
    settings: d.settings ?? null,
    aliasExclusions: d.aliasExclusions ?? [],
  };
}

/** The backup file of everything, ordered as given. Parses back to the same data. */
export function serializeBackupFile(
  data: { entities: Entity[]; articles: Article[]; mentions: Mention[]; notes: Note[]; settings: Settings; aliasExclusions?: AliasExclusion[] },
  now: number,
): string {
  // Written by hand, one record a line: readable, and far faster than pretty-printing 100,000 rows.
  const lines: string[] = [];
  const list = (key: string, items: unknown[], last = false) => {
    lines.push(`  ${JSON.stringify(key)}: [${items.length ? '' : `]${last ? '' : ','}`}`);
    if (!items.length) return;
    items.forEach((item, i) => lines.push(`    ${JSON.stringify(item)}${i < items.length - 1 ? ',' : ''}`));
    lines.push(`  ]${last ? '' : ','}`);
  };
  lines.push('{');
  lines.push(`  "format": ${JSON.stringify(BACKUP_FORMAT)},`);
  lines.push(`  "version": ${BACKUP_FORMAT_VERSION},`);
  lines.push(`  "exportedAt": ${JSON.stringify(iso(now))},`);
  lines.push(`  "settings": ${JSON.stringify(data.settings)},`);
  list('aliasExclusions', (data.aliasExclusions ?? []).map((x) => ({ site: x.site, entityId: x.entityId, alias: x.alias, createdAt: iso(x.createdAt) })));
  list('entities', data.entities.map(fileEntity));
  list(
    'articles',
    data.articles.map((a) => ({
      url: a.url,
      title: a.title,
      site: a.site,
      ...(a.publishedAt !== undefined ? { publishedAt: iso(a.publishedAt) } : {}),
      firstSeen: iso(a.firstSeen),
      lastSeen: iso(a.lastSeen),
    })),
  );
  list('mentions', data.mentions.map((m) => ({ entityId: m.entityId, url: m.url, count: m.count, snippet: m.snippet, lastSeen: iso(m.lastSeen) })));
  list('notes', data.notes.map(fileNote), true);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function backupFileName(now: number): string {
  return `news-context-reader-backup-${iso(now).slice(0, 10)}.json`;
}
