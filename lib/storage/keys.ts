/**
 * Index keys derived from a record. They live only in the storage layer (never leave it) and
 * are recomputed whenever the record is written.
 */
import { surfaceForms, tagKey, type Entity } from '../model/entity';

/**
 * The key duplicate checks compare: Unicode NFC, curly apostrophes straightened, runs of
 * white space collapsed, trimmed, lower-cased (locale-independent). Diacritics still count.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Every name the entity goes by (its name and aliases), normalised, without repeats. */
export function aliasKeysOf(entity: Pick<Entity, 'name' | 'aliases'>): string[] {
  return [...new Set(surfaceForms(entity).map((a) => normalizeName(a.text)).filter(Boolean))];
}

export function tagKeysOf(entity: Pick<Entity, 'tags'>): string[] {
  return [...new Set((entity.tags ?? []).map(tagKey).filter(Boolean))];
}
