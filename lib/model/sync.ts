/**
 * Sync through CouchDB replication (docs/sync.md): the reader's server settings, the status the
 * options page shows, and the shape of a replicated document. Pure: no PouchDB, no IndexedDB.
 *
 * A document carries one record of the extension's own model (an entity, a note, the settings)
 * in `record`, validated on arrival with the very schemas an import uses (Entity, Note,
 * Settings). Nothing else of a server's document is trusted.
 */
import { z } from 'zod';
import { Article, Mention } from './article';
import { Entity, EntityId } from './entity';
import { Note } from './note';
import { Settings } from './settings';

/** CouchDB's own rule for database names. */
export const DatabaseName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[a-z][a-z0-9_$()+/-]*$/, 'must start with a lower-case letter and hold only a-z, 0-9 and _ $ ( ) + - /');

/** The server's address: http or https, no credentials in it, no query (a token goes in its own field). */
export const ServerUrl = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' }))
  .refine((u) => {
    try {
      const url = new URL(u);
      return !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must not hold a user name or password (use the fields below)');

/** What syncs: the glossary, notes and settings by default; the reading index only when asked. */
export const SyncScope = z.strictObject({
  glossary: z.boolean().default(true),
  notes: z.boolean().default(true),
  settings: z.boolean().default(true),
  reading: z.boolean().default(false),
});
export type SyncScope = z.output<typeof SyncScope>;

/**
 * The reader's sync settings, kept in the extension's own IndexedDB (never synced: the password
 * must not travel into the replicated settings document).
 */
export const SyncConfig = z.strictObject({
  enabled: z.boolean().default(false),
  /** e.g. https://couch.example.org (a path is kept: a server behind a prefix). */
  serverUrl: z.union([ServerUrl, z.literal('')]).default(''),
  database: z.union([DatabaseName, z.literal('')]).default(''),
  username: z.string().max(200).default(''),
  password: z.string().max(1000).default(''),
  scope: SyncScope.default({ glossary: true, notes: true, settings: true, reading: false }),
});
export type SyncConfig = z.output<typeof SyncConfig>;
export type SyncConfigInput = z.input<typeof SyncConfig>;
export const DEFAULT_SYNC_CONFIG: SyncConfig = SyncConfig.parse({});

/** The origin the extension asks permission for: what the reader's server address names. */
export function serverOrigin(serverUrl: string): string | null {
  try {
    const url = new URL(serverUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The permission pattern of a server (match patterns have no port: the host, any port). */
export function originPattern(serverUrl: string): string | null {
  const origin = serverOrigin(serverUrl);
  if (!origin) return null;
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The database's URL: the server address, then the database name. */
export function databaseUrl(config: Pick<SyncConfig, 'serverUrl' | 'database'>): string {
  return `${config.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.database)}`;
}

/** Why a sync stopped, in the words the status line uses (lib/sync/status.ts). */
export const SYNC_PROBLEMS = ['unauthorized', 'forbidden', 'unreachable', 'missing-database', 'quota', 'not-configured', 'other'] as const;
export const SyncProblem = z.enum(SYNC_PROBLEMS);
export type SyncProblem = z.infer<typeof SyncProblem>;

/** What the status line says: the last sync, what waits, what was refused, the last error. */
export const SyncStatus = z.strictObject({
  /** When the last complete sync ended (epoch ms), null: never. */
  lastSyncAt: z.number().nullable().default(null),
  /** Local changes not yet on the server (as of the last look). */
  pending: z.number().int().nonnegative().default(0),
  /** Documents from the server refused since sync was turned on (invalid, too large). */
  rejected: z.number().int().nonnegative().default(0),
  /** The last few refused documents, said in words ("entity xyz: name must not …"). */
  rejectedExamples: z.array(z.string().max(300)).max(5).default([]),
  /** Records changed on the reader's side by the last pull. */
  lastPulled: z.number().int().nonnegative().default(0),
  lastPushed: z.number().int().nonnegative().default(0),
  /** The last error and what to do about it; null after a sync that went through. */
  problem: SyncProblem.nullable().default(null),
  message: z.string().max(500).nullable().default(null),
  /** A sync is under way now. */
  running: z.boolean().default(false),
});
export type SyncStatus = z.output<typeof SyncStatus>;

/** A replicated document larger than this (its JSON) is refused: an entity at its limits is ~80 KB. */
export const MAX_SYNC_DOC_CHARS = 256 * 1024;

/** Document ids: a kind prefix, then the record's own key (an article's: its canonical URL). */
export const DOC_PREFIX = { entity: 'e:', note: 'n:', settings: 's:', article: 'a:' } as const;
export const SETTINGS_DOC_ID = 's:reader';
export type DocKind = keyof typeof DOC_PREFIX;

export function docIdOf(kind: DocKind, key: string): string {
  return kind === 'settings' ? SETTINGS_DOC_ID : DOC_PREFIX[kind] + key;
}

export function kindOfDocId(id: string): DocKind | null {
  if (id === SETTINGS_DOC_ID) return 'settings';
  if (id.startsWith(DOC_PREFIX.entity)) return 'entity';
  if (id.startsWith(DOC_PREFIX.note)) return 'note';
  if (id.startsWith(DOC_PREFIX.article)) return 'article';
  return null;
}

/**
 * Names and aliases from a server must read as names. The glossary's own schema accepts any
 * text (the reader may type what they like, and it is always shown as text), but markup or
 * control characters in a name arriving from elsewhere mean a broken or hostile writer.
 */
const MARKUP = /<\s*\/?\s*[a-z!?]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|javascript:/i;

export function nameProblems(e: { name: string; aliases: { text: string }[] }): string | null {
  if (MARKUP.test(e.name)) return 'name holds markup or control characters';
  if (e.aliases.some((a) => MARKUP.test(a.text))) return 'an alias holds markup or control characters';
  return null;
}

/**
 * Texts two devices wrote at once (docs/sync.md#conflicts): the record keeps one, `other` keeps
 * the second; the reader picks with one click.
 */
export const TextConflict = z.strictObject({ other: z.string().max(50_000) });
export const EntityConflict = z.strictObject({
  name: TextConflict.optional(),
  notes: TextConflict.optional(),
});
export type EntityConflict = z.infer<typeof EntityConflict>;
export const NoteConflict = z.strictObject({ comment: TextConflict.optional() });
export type NoteConflict = z.infer<typeof NoteConflict>;

export const EntityDoc = z.strictObject({
  kind: z.literal('entity'),
  record: Entity,
  conflict: EntityConflict.optional(),
});
export const NoteDoc = z.strictObject({
  kind: z.literal('note'),
  record: Note,
  conflict: NoteConflict.optional(),
});
export const SettingsDoc = z.strictObject({
  kind: z.literal('settings'),
  record: Settings,
});
/** One mention row of an article as its document carries it: the model's row, the URL being the article's. */
export const ArticleMention = Mention.omit({ url: true });
export type ArticleMention = z.infer<typeof ArticleMention>;

/**
 * An article read, with its mention rows (the reading index, when its switch is on). Rows are
 * in entity-id order, one per entity. `cut`: the article mentions more entities than fit under
 * ARTICLE_DOC_BUDGET, and the document carries only the first rows in rank order (most
 * mentioned first, then entity id; articleDocOf): rows ranking after its last are not known to it.
 */
export const ArticleDoc = z
  .strictObject({
    kind: z.literal('article'),
    record: Article,
    mentions: z.array(ArticleMention).max(10_000),
    cut: z.literal(true).optional(),
  })
  .refine((d) => new Set(d.mentions.map((m) => m.entityId)).size === d.mentions.length, { message: 'names one entity twice', path: ['mentions'] });

/** A tombstone's one field of ours: the entity a deleted one was merged into. */
export const MergedInto = EntityId;
/** A deleted article's tombstone: when the reader forgot it (epoch ms). Reads after that survive it. */
export const ForgottenAt = z.number().int().nonnegative();

export type EntityDoc = z.output<typeof EntityDoc>;
export type NoteDoc = z.output<typeof NoteDoc>;
export type SettingsDoc = z.output<typeof SettingsDoc>;
export type ArticleDoc = z.output<typeof ArticleDoc>;
export type SyncedDoc = EntityDoc | NoteDoc | SettingsDoc | ArticleDoc;

/**
 * The body an article document may take (its JSON, without CouchDB's own fields): well under
 * MAX_SYNC_DOC_CHARS, which also counts the id (a URL up to 2 KB) and the revision fields.
 * Rows with 300-character snippets are ~350 characters each: about 580 rows fit.
 */
export const ARTICLE_DOC_BUDGET = 200 * 1024;

/** The order in which an article's rows earn a place in its document: most mentioned first, then entity id. */
export function compareRowRank(a: Pick<ArticleMention, 'entityId' | 'count'>, b: Pick<ArticleMention, 'entityId' | 'count'>): number {
  return b.count - a.count || (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0);
}

/**
 * The document of an article and its rows: every row when it fits ARTICLE_DOC_BUDGET, else the
 * first rows in rank order that fit, marked `cut` (docs/sync.md: an article with thousands of
 * mentions). Deterministic: the same rows make the same document on every device. `cut`: the
 * rows given are themselves only the first of the article's (from a cut document).
 */
export function articleDocOf(record: Article, rows: readonly ArticleMention[], cut = false): ArticleDoc {
  const mentions = rows.map((r) => ({ entityId: r.entityId, count: r.count, snippet: r.snippet, lastSeen: r.lastSeen }));
  const byId = (a: ArticleMention, b: ArticleMention) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0);
  const whole: ArticleDoc = { kind: 'article', record, mentions: mentions.sort(byId), ...(cut ? { cut: true as const } : {}) };
  let size = JSON.stringify(whole).length;
  if (size <= ARTICLE_DOC_BUDGET) return whole;
  size = JSON.stringify({ ...whole, mentions: [], cut: true }).length;
  const kept: ArticleMention[] = [];
  for (const m of [...mentions].sort(compareRowRank)) {
    size += JSON.stringify(m).length + 1;
    if (size > ARTICLE_DOC_BUDGET) break;
    kept.push(m);
  }
  return { kind: 'article', record, mentions: kept.sort(byId), cut: true };
}

export type DocCheck = { ok: true; doc: SyncedDoc } | { ok: false; reason: string };

/**
 * A record as its document carries it: without the edit version (issue 15's "changed
 * elsewhere" counter), which counts the writes of one profile and means nothing on another.
 * The store gives a pulled record the next version of its own (lib/storage/sync-records.ts).
 */
export function syncedRecord<T extends object>(record: T): T {
  if (!('version' in record)) return record;
  const { version: _version, ...rest } = record as T & { version?: unknown };
  return rest as T;
}

/** Strip CouchDB's own fields (`_id`, `_rev`, `_revisions`, ...) before validating ours. */
export function ownFields(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('_')));
}

/**
 * Validate a document that arrived from a server. Too large: refused before it is parsed any
 * further. Then the record's own schema, the id it must have, and names that read as names.
 */
export function checkIncomingDoc(raw: unknown, jsonChars?: number): DocCheck {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const doc = raw as Record<string, unknown>;
  const id = typeof doc._id === 'string' ? doc._id : '';
  const label = id.slice(0, 80) || '(no id)';
  const size = jsonChars ?? safeSize(doc);
  if (size > MAX_SYNC_DOC_CHARS) return { ok: false, reason: `${label}: ${Math.round(size / 1024).toLocaleString('en-US')} KB, over the ${MAX_SYNC_DOC_CHARS / 1024} KB limit` };
  const kind = kindOfDocId(id);
  if (!kind) return { ok: false, reason: `${label}: not a document of this extension` };
  const schema = kind === 'entity' ? EntityDoc : kind === 'note' ? NoteDoc : kind === 'article' ? ArticleDoc : SettingsDoc;
  const parsed = schema.safeParse(ownFields(doc));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${label}: ${issue ? `${issue.path.join('.') || 'document'} ${issue.message}` : 'invalid'}`.slice(0, 300) };
  }
  const value = parsed.data as SyncedDoc;
  if (value.kind !== 'settings' && docIdOf(value.kind, value.kind === 'article' ? value.record.url : value.record.id) !== id) return { ok: false, reason: `${label}: its record's id does not match` };
  if (value.kind === 'entity') {
    // Only a subscription's refresh marks an entity as the team's; a server cannot claim it.
    if (value.record.source) return { ok: false, reason: `${label}: carries a subscription's source` };
    const problem = nameProblems(value.record);
    if (problem) return { ok: false, reason: `${label}: ${problem}` };
  }
  return { ok: true, doc: value };
}

function safeSize(doc: unknown): number {
  try {
    return JSON.stringify(doc).length;
  } catch {
    return Infinity;
  }
}
