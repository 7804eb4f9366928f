/**
 * Team glossary subscriptions in the extension's own database (docs/sync-team-glossary.md).
 *
 * The subscriptions themselves (address, credentials, status, where the next refresh resumes)
 * are one `meta` record. The entities they bring live in the `entities` store beside the
 * reader's own, each with `source` (lib/model/entity.ts) and an id of their own
 * (`teamEntityId`): the glossary compiler, the card, the list and the reading index see them
 * with no change, while every edit path refuses them (versions.ts) and neither export nor the
 * reader's own sync carries them. Each write here is one transaction that bumps the glossary
 * revision: nothing is half-applied.
 */
import { z } from 'zod';
import { canonicalEntity, type Entity, type EntityInputParsed } from '../model/entity';
import { Subscription, teamEntityId, type SubscriptionCursor, type SubscriptionStatus } from '../model/subscription';
import { nextVersion } from '../model/version';
import { runTransaction, type Database, type Tx } from './db';
import { bumpRevision, checkedEntity, fromStored, toStored } from './entity-records';
import { articleUrlsOf, rewriteRows } from './reading-rows';
import { StatsEditor } from './stats';
import type { StoredEntity } from './schema';

export const META_SUBSCRIPTIONS = 'subscriptions';

const Subscriptions = z.array(Subscription);

/** Every subscription (an unreadable record reads as none: nothing to refresh). */
export async function getSubscriptions(db: Database): Promise<Subscription[]> {
  const r = Subscriptions.safeParse(await db.get('meta', META_SUBSCRIPTIONS));
  return r.success ? r.data : [];
}

export async function getSubscription(db: Database, id: string): Promise<Subscription | undefined> {
  return (await getSubscriptions(db)).find((s) => s.id === id);
}

/** Add one, or replace the one with its id. */
export async function putSubscription(db: Database, sub: Subscription): Promise<void> {
  const parsed = Subscription.parse(sub);
  await runTransaction(db, ['meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const r = Subscriptions.safeParse(await meta.get(META_SUBSCRIPTIONS));
    const list = r.success ? r.data : [];
    const i = list.findIndex((s) => s.id === parsed.id);
    if (i >= 0) list[i] = parsed;
    else list.push(parsed);
    await meta.put(list, META_SUBSCRIPTIONS);
  });
}

/** Update a subscription's status and cursor (no-op when it was removed meanwhile). */
async function patchSubscription(
  meta: { get(k: string): Promise<unknown>; put(v: unknown, k: string): Promise<unknown> },
  id: string,
  patch: { status?: SubscriptionStatus; cursor?: SubscriptionCursor },
): Promise<void> {
  const r = Subscriptions.safeParse(await meta.get(META_SUBSCRIPTIONS));
  if (!r.success) return;
  const list = r.data.map((s) => (s.id === id ? Subscription.parse({ ...s, ...patch }) : s));
  await meta.put(list, META_SUBSCRIPTIONS);
}

export async function setSubscriptionState(db: Database, id: string, patch: { status?: SubscriptionStatus; cursor?: SubscriptionCursor }): Promise<void> {
  await runTransaction(db, ['meta'], 'readwrite', async (tx) => patchSubscription(tx.objectStore('meta'), id, patch));
}

/** One entry a refresh brought, already validated: its id at the source and its fields. */
export interface TeamEntry {
  remoteId: string;
  entity: EntityInputParsed & { createdAt?: number; updatedAt?: number };
}

export interface TeamChanges {
  /** Entries to write (added or changed). */
  put: TeamEntry[];
  /** Ids at the source of entries that were deleted there. */
  remove: string[];
  /** A whole file: every entity of the subscription not in `put` goes. */
  replaceAll: boolean;
  status: SubscriptionStatus;
  cursor: SubscriptionCursor;
}

/**
 * Apply what a refresh brought, with the subscription's new status and cursor, in one
 * transaction. Returns whether the glossary changed (an entry equal to the stored one is not
 * written: a refresh that brings nothing new leaves the glossary revision where it was).
 */
export async function applyTeamChanges(db: Database, sub: Pick<Subscription, 'id' | 'name'>, changes: TeamChanges, now: number): Promise<{ changed: boolean; entities: number }> {
  return runTransaction(db, ['entities', 'articles', 'readings', 'meta', 'statBuckets'], 'readwrite', async (tx) => {
    const store = tx.objectStore('entities');
    const mine = await entitiesOf(store, sub.id);
    const byId = new Map(mine.map((e) => [e.id, e]));
    let changed = false;
    const keep = new Set<string>();
    for (const { remoteId, entity } of changes.put) {
      const id = teamEntityId(sub.id, remoteId);
      keep.add(id);
      const old = byId.get(id);
      const next = checkedEntity({
        ...canonicalEntity({ name: entity.name, type: entity.type, aliases: entity.aliases, notes: entity.notes, tags: entity.tags, links: entity.links }),
        id,
        createdAt: old?.createdAt ?? entity.createdAt ?? now,
        updatedAt: entity.updatedAt ?? now,
        version: old ? nextVersion(old) : 1,
        source: { subscription: sub.id, name: sub.name, remoteId },
      });
      if (old && sameContent(fromStored(old), next)) continue;
      await store.put(toStored(next));
      changed = true;
    }
    const gone = new Set(changes.remove.map((r) => teamEntityId(sub.id, r)).filter((id) => byId.has(id)));
    if (changes.replaceAll) for (const e of mine) if (!keep.has(e.id)) gone.add(e.id);
    if (gone.size) {
      await removeWithRows(tx, [...gone]);
      changed = true;
    }
    if (changed) await bumpRevision(tx.objectStore('meta'));
    const entities = mine.length - [...gone].length + [...keep].filter((id) => !byId.has(id)).length;
    await patchSubscription(tx.objectStore('meta'), sub.id, { status: { ...changes.status, entities }, cursor: changes.cursor });
    return { changed, entities };
  });
}

/**
 * Unsubscribe: the subscription and every entity it brought (their reading rows and statistics
 * too), nothing else, in one transaction. The reader's own entities and notes stay; a note that
 * named a removed entity keeps its text (as after deleting an entity).
 */
export async function removeSubscription(db: Database, id: string): Promise<{ removed: number; subscription: Subscription | null }> {
  return runTransaction(db, ['entities', 'articles', 'readings', 'meta', 'statBuckets'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const r = Subscriptions.safeParse(await meta.get(META_SUBSCRIPTIONS));
    const list = r.success ? r.data : [];
    const sub = list.find((s) => s.id === id) ?? null;
    const mine = await entitiesOf(tx.objectStore('entities'), id);
    if (mine.length) {
      await removeWithRows(tx, mine.map((e) => e.id));
      await bumpRevision(meta);
    }
    await meta.put(
      list.filter((s) => s.id !== id),
      META_SUBSCRIPTIONS,
    );
    return { removed: mine.length, subscription: sub };
  });
}

type WriteTx = Tx<['entities', 'articles', 'readings', 'meta', 'statBuckets'], 'readwrite'>;

async function entitiesOf(store: { getAll(): Promise<StoredEntity[]> }, subscriptionId: string): Promise<StoredEntity[]> {
  return (await store.getAll()).filter((e) => e.source?.subscription === subscriptionId);
}

/** Delete entities with their reading rows and statistics, as deleting an entity does. */
async function removeWithRows(tx: WriteTx, ids: string[]): Promise<void> {
  const gone = new Set(ids);
  const articles = tx.objectStore('articles');
  const urls = await articleUrlsOf(articles, ids);
  if (urls.length) await rewriteRows(articles, tx.objectStore('readings'), urls, (rows) => rows.filter((row) => !gone.has(row.entityId)));
  const entities = tx.objectStore('entities');
  for (const id of ids) await entities.delete(id);
  const stats = new StatsEditor(tx.objectStore('statBuckets'));
  await stats.load(ids);
  for (const id of ids) stats.set(id, null);
  await stats.flush();
}

/** Equal but for the bookkeeping a write changes (version, updatedAt). */
function sameContent(a: Entity, b: Entity): boolean {
  const strip = ({ version: _v, updatedAt: _u, ...rest }: Entity) => rest;
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : val,
  );
}
