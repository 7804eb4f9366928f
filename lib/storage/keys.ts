/**
 * Index keys derived from a record. They live only in the storage layer (never leave it) and
 * are recomputed whenever the record is written.
 */
import { surfaceForms, tagKey, type Entity } from '../model/entity';
import { nameKey } from '../text/fold';

/**
 * The key duplicate checks compare: Unicode NFC, curly apostrophes straightened, runs of
 * white space collapsed, trimmed, lower-cased (locale-independent). Diacritics still count.
 * The policy is `nameKey` (lib/text/fold.ts), which merging uses too.
 */
export function normalizeName(name: string): string {
  return nameKey(name);
}

/** Every name the entity goes by (its name and aliases), normalised, without repeats. */
export function aliasKeysOf(entity: Pick<Entity, 'name' | 'aliases'>): string[] {
  return [...new Set(surfaceForms(entity).map((a) => normalizeName(a.text)).filter(Boolean))];
}

export function tagKeysOf(entity: Pick<Entity, 'tags'>): string[] {
  return [...new Set((entity.tags ?? []).map(tagKey).filter(Boolean))];
}
