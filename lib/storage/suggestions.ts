/**
 * Where the reader met entities that are not in the glossary yet: one row per suggestion key
 * and article, so a suggestion can say "seen in 3 articles you read". Written with the same
 * rules as the reading index (recording on, not private unless opted in, site not off): the
 * caller decides; this module only stores.
 */
import { z } from 'zod';
import { requestAll, runTransaction, type Database } from './db';

export const SuggestionSighting = z.strictObject({
  key: z.string().min(1).max(300),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  name: z.string().min(1).max(300),
  type: z.enum(['person', 'organization', 'event']),
  count: z.number().int().positive(),
  lastSeen: z.number().int().nonnegative(),
});
export type SuggestionSighting = z.infer<typeof SuggestionSighting>;

/** Record this page's suggestions (replacing what the page had before) in one transaction. */
export async function recordSuggestions(
  db: Database,
  url: string,
  found: { key: string; name: string; type: SuggestionSighting['type']; count: number }[],
  now: number,
): Promise<void> {
  const rows = found.map((f) => SuggestionSighting.parse({ ...f, url, lastSeen: now }));
  await runTransaction(db, ['suggestions'], 'readwrite', async (tx) => {
    const store = tx.objectStore('suggestions');
    const before = await store.index('by-url').getAllKeys(url);
    const keep = new Set(rows.map((r) => r.key));
    await requestAll(before.filter(([key]) => !keep.has(key)), (k) => store.delete(k));
    await requestAll(rows, (r) => store.put(r));
  });
}

/** In how many articles each key was seen (one request per key, all in one transaction). */
export async function articlesSeenIn(db: Database, keys: readonly string[]): Promise<Map<string, number>> {
  const tx = db.transaction('suggestions', 'readonly');
  const index = tx.store.index('by-key');
  const counts = await requestAll(keys, (k) => index.count(k));
  await tx.done;
  return new Map(keys.map((k, i) => [k, counts[i]!]));
}

/** Forget every sighting of a key (dismissed, or added to the glossary). */
export async function forgetSuggestion(db: Database, key: string): Promise<void> {
  await runTransaction(db, ['suggestions'], 'readwrite', async (tx) => {
    const store = tx.objectStore('suggestions');
    const keys = await store.index('by-key').getAllKeys(key);
    await requestAll(keys, (k) => store.delete(k));
  });
}
