/**
 * Conflict rules (docs/sync.md#conflicts). Pure: given the leaf revisions CouchDB kept of one
 * document, what the document becomes. Deterministic: two devices resolving the same conflict
 * at once write the same content, so their two resolutions meet as equal texts and settle.
 *
 *  - An edit beats a delete: a deletion loses to any edit made without seeing it.
 *  - A deletion by merge ("merged into Y") beats an edit of the merged entity, and the edit is
 *    folded into Y (name as an alias, aliases, tags, links united, notes appended).
 *  - Two edits: aliases, tags, links (a note's tags and entities) united; a name, an entity's
 *    notes or a note's comment that differ keep both texts — the primary's in the record, the
 *    other's in `conflict` — until the reader chooses.
 *  - Settings: the primary's, with the sites switched off united.
 *  - Articles read (the reading index): one article, the earliest first read and the latest
 *    last read, mention rows united by entity (the later-seen row of an entity both hold).
 *  - An article forgotten on one device (`forgottenAt` on its tombstone) against reads on the
 *    other: the reader's deletion of history wins over everything seen up to it; what was read
 *    after it survives (the article comes back with those reads alone).
 */
import { canonicalEntity, uniqueLinks, uniqueTags, type Alias, type Entity } from '../model/entity';
import { combineNotes } from '../model/merge';
import { nameKey } from '../text/fold';
import type { Note } from '../model/note';
import { compareRowRank, type ArticleDoc, type ArticleMention, type EntityConflict, type EntityDoc, type NoteConflict, type NoteDoc, type SettingsDoc, type SyncedDoc } from '../model/sync';
import { MAX_ALIASES, MAX_LINKS, MAX_TAGS } from '../model/entity';
import { MAX_NOTE_ENTITIES } from '../model/note';

/** One leaf revision: its rev, and its content (null for a deletion). */
export interface Leaf {
  rev: string;
  doc: SyncedDoc | null;
  /** For a deleted entity: the entity it was merged into. */
  mergedInto?: string;
  /** For a deleted article: when the reader forgot it. */
  forgottenAt?: number;
}

export type Resolution =
  | { kind: 'keep'; doc: SyncedDoc }
  | { kind: 'deleted'; mergedInto?: string; fold?: EntityDoc[]; forgottenAt?: number };

/** CouchDB's order of revisions: higher generation first, then the higher hash. */
export function compareRevs(a: string, b: string): number {
  const [ga, ha] = splitRev(a);
  const [gb, hb] = splitRev(b);
  if (ga !== gb) return gb - ga;
  return ha < hb ? 1 : ha > hb ? -1 : 0;
}

function splitRev(rev: string): [number, string] {
  const dash = rev.indexOf('-');
  return [Number(rev.slice(0, dash)) || 0, rev.slice(dash + 1)];
}

/** What the leaves of one document resolve to. */
export function resolveLeaves(leaves: readonly Leaf[]): Resolution {
  const sorted = [...leaves].sort((a, b) => compareRevs(a.rev, b.rev));
  const live = sorted.filter((l) => l.doc !== null).map((l) => l.doc!);
  const merge = sorted.find((l) => l.doc === null && l.mergedInto);
  if (merge) return { kind: 'deleted', mergedInto: merge.mergedInto, fold: live.filter((d): d is EntityDoc => d.kind === 'entity') };
  if (live.length === 0) return { kind: 'deleted' };
  const doc = live.reduce((a, b) => mergeDocs(a, b));
  const forgotten = sorted.reduce<number | undefined>((at, l) => (l.doc === null && l.forgottenAt !== undefined ? Math.max(at ?? 0, l.forgottenAt) : at), undefined);
  if (doc.kind === 'article' && forgotten !== undefined) {
    const left = afterForgetting(doc, forgotten);
    return left ? { kind: 'keep', doc: left } : { kind: 'deleted', forgottenAt: forgotten };
  }
  return { kind: 'keep', doc };
}

/** Two versions of one document written without seeing each other: `primary` keeps its texts in the record. */
export function mergeDocs(primary: SyncedDoc, other: SyncedDoc): SyncedDoc {
  if (primary.kind === 'entity' && other.kind === 'entity') return mergeEntityDocs(primary, other);
  if (primary.kind === 'note' && other.kind === 'note') return mergeNoteDocs(primary, other);
  if (primary.kind === 'settings' && other.kind === 'settings') return mergeSettingsDocs(primary, other);
  if (primary.kind === 'article' && other.kind === 'article') return mergeArticleDocs(primary, other);
  return primary;
}

function textConflict(kept: string, other: string, already?: { other: string }): { other: string } | undefined {
  if (already) return already;
  return kept === other ? undefined : { other };
}

function unionAliases(name: string, lists: readonly Alias[][]): Alias[] {
  const seen = new Set<string>([nameKey(name)]);
  const out: Alias[] = [];
  for (const list of lists) {
    for (const a of list) {
      const k = nameKey(a.text);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      out.push(a);
    }
  }
  return out.slice(0, MAX_ALIASES);
}

function mergeEntityDocs(primary: EntityDoc, other: EntityDoc): EntityDoc {
  const a = primary.record;
  const b = other.record;
  const conflict: EntityConflict = {};
  // The other version's name: kept as the conflict's other text; its old self stays findable as an alias.
  const name = textConflict(a.name, b.name, primary.conflict?.name ?? other.conflict?.name);
  if (name) conflict.name = name;
  const notes = textConflict(a.notes, b.notes, primary.conflict?.notes ?? other.conflict?.notes);
  if (notes) conflict.notes = notes;
  const record: Entity = canonicalEntity({
    ...a,
    aliases: unionAliases(a.name, [a.aliases, b.aliases]),
    tags: uniqueTags([...(a.tags ?? []), ...(b.tags ?? [])]).slice(0, MAX_TAGS),
    links: uniqueLinks([...(a.links ?? []), ...(b.links ?? [])]).slice(0, MAX_LINKS),
    createdAt: Math.min(a.createdAt, b.createdAt),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  });
  return { kind: 'entity', record, ...(conflict.name || conflict.notes ? { conflict } : {}) };
}

/**
 * An edit of an entity that was merged into `target` on another device: folded in as the merge
 * itself would have (its name an alias, aliases, tags and links united, notes appended).
 */
export function foldIntoTarget(target: EntityDoc, edited: EntityDoc): EntityDoc {
  const a = target.record;
  const b = edited.record;
  const record: Entity = canonicalEntity({
    ...a,
    aliases: unionAliases(a.name, [a.aliases, [{ text: b.name }], b.aliases]),
    notes: combineNotes(a.notes, b.notes),
    tags: uniqueTags([...(a.tags ?? []), ...(b.tags ?? [])]).slice(0, MAX_TAGS),
    links: uniqueLinks([...(a.links ?? []), ...(b.links ?? [])]).slice(0, MAX_LINKS),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  });
  return { ...target, record };
}

function mergeNoteDocs(primary: NoteDoc, other: NoteDoc): NoteDoc {
  const a = primary.record;
  const b = other.record;
  const conflict: NoteConflict = {};
  const comment = textConflict(a.comment, b.comment, primary.conflict?.comment ?? other.conflict?.comment);
  if (comment) conflict.comment = comment;
  const record: Note = {
    ...a,
    tags: uniqueTags([...a.tags, ...b.tags]).slice(0, MAX_TAGS),
    entityIds: [...new Set([...a.entityIds, ...b.entityIds])].slice(0, MAX_NOTE_ENTITIES),
    updatedAt: Math.max(a.updatedAt ?? a.createdAt, b.updatedAt ?? b.createdAt),
  };
  return { kind: 'note', record, ...(conflict.comment ? { conflict } : {}) };
}

function mergeSettingsDocs(primary: SettingsDoc, other: SettingsDoc): SettingsDoc {
  const sites = [...new Set([...primary.record.disabledSites, ...other.record.disabledSites])].sort();
  return { kind: 'settings', record: { ...primary.record, disabledSites: sites } };
}

/** The later-seen of two rows of one entity (then the higher count, then the one with a snippet). */
function laterRow(a: ArticleMention, b: ArticleMention): ArticleMention {
  if (a.lastSeen !== b.lastSeen) return a.lastSeen > b.lastSeen ? a : b;
  if (a.count !== b.count) return a.count > b.count ? a : b;
  return a.snippet || !b.snippet ? a : b;
}

function byEntity(a: ArticleMention, b: ArticleMention): number {
  return a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0;
}

/**
 * The same article read on two devices: one article, the earliest first read, the latest last
 * read (title and site of the later reading), rows united by entity. Symmetric, so two devices
 * resolving it write the same content. Two cut documents stay cut (rows neither carried are
 * still unknown to the result).
 */
function mergeArticleDocs(primary: ArticleDoc, other: ArticleDoc): ArticleDoc {
  const a = primary.record;
  const b = other.record;
  const later = b.lastSeen > a.lastSeen ? b : a;
  const rows = new Map<string, ArticleMention>();
  for (const m of [...primary.mentions, ...other.mentions]) {
    const had = rows.get(m.entityId);
    rows.set(m.entityId, had ? laterRow(had, m) : m);
  }
  const publishedAt = a.publishedAt ?? b.publishedAt;
  return {
    kind: 'article',
    record: {
      url: a.url,
      title: later.title || a.title || b.title,
      site: later.site || a.site || b.site,
      firstSeen: Math.min(a.firstSeen, b.firstSeen),
      lastSeen: Math.max(a.lastSeen, b.lastSeen),
      ...(publishedAt !== undefined ? { publishedAt } : {}),
    },
    mentions: [...rows.values()].sort(byEntity),
    ...(primary.cut || other.cut ? { cut: true as const } : {}),
  };
}

/**
 * An article after the reader forgot it at `at`: only what was seen after that — the rows last
 * seen later, the first read no earlier than the first of those. Null when nothing was read
 * after (the deletion stands).
 */
export function afterForgetting(doc: ArticleDoc, at: number): ArticleDoc | null {
  if (doc.record.lastSeen <= at) return null;
  const mentions = doc.mentions.filter((m) => m.lastSeen > at);
  if (mentions.length === 0) return null;
  const firstAfter = Math.min(...mentions.map((m) => m.lastSeen));
  const { cut: _cut, ...rest } = doc;
  return { ...rest, record: { ...doc.record, firstSeen: Math.max(doc.record.firstSeen, Math.min(firstAfter, doc.record.lastSeen)) }, mentions };
}

/**
 * A pulled article document written over this device's rows: its rows replace them (a row it
 * lacks was removed: the page changed, the entity was deleted), except past a cut — rows ranking
 * after the document's last are not known to it and stay as they are here.
 */
export function rowsAfterPull(doc: ArticleDoc, local: readonly ArticleMention[]): ArticleMention[] {
  if (!doc.cut || doc.mentions.length === 0) return [...doc.mentions];
  const last = [...doc.mentions].sort(compareRowRank).at(-1)!;
  const carried = new Set(doc.mentions.map((m) => m.entityId));
  const beyond = local.filter((m) => !carried.has(m.entityId) && compareRowRank(m, last) > 0);
  return [...doc.mentions, ...beyond].sort(byEntity);
}
