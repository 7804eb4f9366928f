/**
 * The aliases the reader switched off per site (lib/model/alias-exclusion.ts): one record in
 * the `meta` store, read leniently (an unreadable entry is dropped, never the whole list). A
 * change bumps the glossary revision in the same transaction, so every tab matches again.
 */
import { AliasExclusion, AliasExclusions, MAX_ALIAS_EXCLUSIONS, type AliasExclusion as Exclusion } from '../model/alias-exclusion';
import { normalizeText } from '../text/normalize';
import { runTransaction, type Database } from './db';
import { bumpRevision } from './entities';
import { ValidationError } from './errors';

export const META_ALIAS_EXCLUSIONS = 'aliasExclusions';

export function readExclusions(value: unknown): Exclusion[] {
  if (!Array.isArray(value)) return [];
  const out: Exclusion[] = [];
  for (const v of value.slice(0, MAX_ALIAS_EXCLUSIONS)) {
    const p = AliasExclusion.safeParse(v);
    if (p.success) out.push(p.data);
  }
  return out;
}

export async function listExclusions(db: Database): Promise<Exclusion[]> {
  return readExclusions(await db.get('meta', META_ALIAS_EXCLUSIONS));
}

const sameAlias = (a: Pick<Exclusion, 'site' | 'entityId' | 'alias'>, b: Pick<Exclusion, 'site' | 'entityId' | 'alias'>) =>
  a.site === b.site && a.entityId === b.entityId && normalizeText(a.alias) === normalizeText(b.alias);

/** Add (or, with `remove`, take out) one exclusion; returns the list after the change. */
export async function changeExclusion(db: Database, entry: Omit<Exclusion, 'createdAt'> & { createdAt?: number }, now: number, remove = false): Promise<Exclusion[]> {
  const parsed = AliasExclusion.safeParse({ ...entry, createdAt: entry.createdAt ?? now });
  if (!parsed.success) throw ValidationError.fromZod('alias exclusion', parsed.error);
  const item = parsed.data;
  return runTransaction(db, ['meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const list = readExclusions(await meta.get(META_ALIAS_EXCLUSIONS));
    const left = list.filter((x) => !sameAlias(x, item));
    const next = remove ? left : [...left, item];
    if (next.length > MAX_ALIAS_EXCLUSIONS) throw new ValidationError('alias exclusion', [`at most ${MAX_ALIAS_EXCLUSIONS} aliases can be switched off`]);
    if (next.length === list.length && remove) return list;
    await meta.put(AliasExclusions.parse(next), META_ALIAS_EXCLUSIONS);
    await bumpRevision(meta);
    return next;
  });
}

/**
 * `list` with `restored` added (a backup's switches, their entity ids as this store knows
 * them): one entry per site, entity and alias, the earliest kept; at most MAX_ALIAS_EXCLUSIONS.
 */
export function mergeExclusions(list: readonly Exclusion[], restored: readonly Exclusion[]): Exclusion[] {
  const out = [...list];
  for (const x of restored) {
    if (out.length >= MAX_ALIAS_EXCLUSIONS) break;
    if (!out.some((y) => sameAlias(x, y))) out.push(x);
  }
  return out;
}

/** A test for page.match: is (entity id, alias) switched off on `site`? */
export function exclusionTest(list: readonly Exclusion[], site: string | null): ((entityId: string, alias: string) => boolean) | undefined {
  if (!site) return undefined;
  const here = list.filter((x) => x.site === site || site.endsWith(`.${x.site}`));
  if (here.length === 0) return undefined;
  const keys = new Set(here.map((x) => `${x.entityId}\u0000${normalizeText(x.alias)}`));
  return (entityId, alias) => keys.has(`${entityId}\u0000${normalizeText(alias)}`);
}
