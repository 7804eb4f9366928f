/**
 * Combining two descriptions of the same entity: merging two glossary entries, or an imported
 * entry into the one already stored. Pure.
 */
import {
  MAX_ALIASES,
  MAX_LINKS,
  MAX_NOTES_LENGTH,
  MAX_TAGS,
  canonicalEntity,
  uniqueLinks,
  uniqueTags,
  type Alias,
  type EntityInputParsed,
} from './entity';
import { nameKey } from '../text/fold';


/**
 * Notes of both, the kept entity's first. Identical or contained notes are not repeated; two
 * different notes are separated by a blank line (a new paragraph in the Markdown subset).
 */
export function combineNotes(kept: string, other: string): string {
  const a = kept.trim();
  const b = other.trim();
  if (!b || a.includes(b)) return kept;
  if (!a || b.includes(a)) return other;
  return `${kept.trimEnd()}\n\n${other.trim()}`;
}

export class MergeTooLargeError extends Error {
  override name = 'MergeTooLargeError';
}

/**
 * `kept` with `other` folded in: kept's name and type; other's name becomes an alias; aliases,
 * tags and links are the union (kept's first, nothing repeated: aliases compare by their
 * normalised text); notes combined. Throws MergeTooLargeError when a limit would be passed.
 */
export function mergeEntityFields<T extends EntityInputParsed>(kept: T, other: Pick<EntityInputParsed, 'name' | 'aliases' | 'notes' | 'tags' | 'links'>): T {
  const seen = new Set<string>([nameKey(kept.name)]);
  const aliases: Alias[] = [];
  const add = (a: Alias) => {
    const k = nameKey(a.text);
    if (!k || seen.has(k)) return;
    seen.add(k);
    aliases.push(a);
  };
  kept.aliases.forEach(add);
  add({ text: other.name });
  other.aliases.forEach(add);

  const notes = combineNotes(kept.notes, other.notes);
  const tags = uniqueTags([...(kept.tags ?? []), ...(other.tags ?? [])]);
  const links = uniqueLinks([...(kept.links ?? []), ...(other.links ?? [])]);
  const over: string[] = [];
  if (aliases.length > MAX_ALIASES) over.push(`${aliases.length} aliases (at most ${MAX_ALIASES})`);
  if (notes.length > MAX_NOTES_LENGTH) over.push(`notes of ${notes.length.toLocaleString('en-US')} characters (at most ${MAX_NOTES_LENGTH.toLocaleString('en-US')})`);
  if (tags.length > MAX_TAGS) over.push(`${tags.length} tags (at most ${MAX_TAGS})`);
  if (links.length > MAX_LINKS) over.push(`${links.length} links (at most ${MAX_LINKS})`);
  if (over.length) throw new MergeTooLargeError(`the merged entity would have ${over.join(' and ')}`);
  return canonicalEntity({ ...kept, aliases, notes, tags, links });
}

/** Whether two entries say the same thing (name, type, aliases with options, notes, tags, links). */
export function sameEntityContent(a: EntityInputParsed, b: EntityInputParsed): boolean {
  const list = (x: readonly string[] | undefined) => (x ?? []).join('\u0000');
  return (
    a.name === b.name &&
    a.type === b.type &&
    a.notes === b.notes &&
    list(a.tags) === list(b.tags) &&
    list(a.links) === list(b.links) &&
    a.aliases.length === b.aliases.length &&
    a.aliases.every((x, i) => {
      const y = b.aliases[i]!;
      return x.text === y.text && x.exactCase === y.exactCase && x.diacriticSensitive === y.diacriticSensitive && Boolean(x.hidden) === Boolean(y.hidden);
    })
  );
}
