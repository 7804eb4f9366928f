/**
 * Team glossary subscriptions (docs/sync-team-glossary.md): read-only sources of entities beside
 * the reader's own glossary: a CouchDB database pulled (never pushed), or a published glossary
 * file at an https address refreshed daily with conditional requests. Pure: no PouchDB, no
 * IndexedDB, no network.
 */
import { z } from 'zod';
import { EntityId } from './entity';
import { DatabaseName, ServerUrl, originPattern } from './sync';

/** How many subscriptions a reader may keep (each is a daily request, and a list in Settings). */
export const MAX_SUBSCRIPTIONS = 20;

/**
 * A published file's address: https, or http on the reader's own machine (127.0.0.1,
 * localhost; what browsers call a potentially trustworthy origin, and what tests serve).
 */
export const FileUrl = ServerUrl.refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}, 'must be an https:// address');

export const SubscriptionName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

/** What a reader adds: a name shown on the card ("Team: <name>"), then where it comes from. */
export const SubscriptionInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('couch'),
    name: SubscriptionName,
    serverUrl: ServerUrl,
    database: DatabaseName,
    username: z.string().trim().max(200).default(''),
    password: z.string().max(1000).default(''),
  }),
  z.strictObject({
    kind: z.literal('file'),
    name: SubscriptionName,
    url: FileUrl,
  }),
]);
export type SubscriptionInput = z.input<typeof SubscriptionInput>;

/** What the last refresh found, in numbers and words (Settings › Subscriptions). */
export const SubscriptionStatus = z.strictObject({
  /** When the last refresh that reached the source ended (epoch ms); null: never. */
  lastRefreshAt: z.number().nullable().default(null),
  /** Entities this subscription holds in the glossary now. */
  entities: z.number().int().nonnegative().default(0),
  /** Entries refused since it was added (invalid, over the limits): counted, never written. */
  skipped: z.number().int().nonnegative().default(0),
  skippedExamples: z.array(z.string().max(300)).max(5).default([]),
  /** The last refresh's answer: 'unchanged' for a 304 or an empty changes feed. */
  lastResult: z.enum(['changed', 'unchanged']).nullable().default(null),
  /** The last error, in words; null after a refresh that went through. */
  message: z.string().max(500).nullable().default(null),
});
export type SubscriptionStatus = z.output<typeof SubscriptionStatus>;

/** Where a refresh resumes: the CouchDB changes feed's sequence, a file's validators. */
export const SubscriptionCursor = z.strictObject({
  since: z.union([z.string().max(2000), z.number()]).nullable().default(null),
  etag: z.string().max(500).nullable().default(null),
  lastModified: z.string().max(200).nullable().default(null),
});
export type SubscriptionCursor = z.output<typeof SubscriptionCursor>;

const Common = {
  id: EntityId,
  name: SubscriptionName,
  createdAt: z.number().int().nonnegative(),
  status: SubscriptionStatus.default(SubscriptionStatus.parse({})),
  cursor: SubscriptionCursor.default(SubscriptionCursor.parse({})),
};

/** A subscription as stored (meta `subscriptions`, the extension's own IndexedDB). */
export const Subscription = z.discriminatedUnion('kind', [
  z.strictObject({ ...Common, kind: z.literal('couch'), serverUrl: ServerUrl, database: DatabaseName, username: z.string().max(200), password: z.string().max(1000) }),
  z.strictObject({ ...Common, kind: z.literal('file'), url: FileUrl }),
]);
export type Subscription = z.output<typeof Subscription>;

/** The address whose origin the subscription needs permission for. */
export function subscriptionAddress(s: { kind: 'couch'; serverUrl: string } | { kind: 'file'; url: string }): string {
  return s.kind === 'couch' ? s.serverUrl : s.url;
}

/**
 * The origin permission to give back once something stopped using `address` (sync turned off or
 * pointed elsewhere, a subscription removed or never added): its pattern, unless sync (when on)
 * or a remaining subscription still reaches that origin; then null. Host permissions are per
 * origin pattern, not per user of it: releasing one that something else still needs would make
 * that one fail silently on its next request.
 */
export function originToRelease(address: string, stillInUse: { sync: { enabled: boolean; serverUrl: string }; subscriptions: readonly Parameters<typeof subscriptionAddress>[0][] }): string | null {
  const pattern = originPattern(address);
  if (!pattern) return null;
  const users = [...(stillInUse.sync.enabled ? [stillInUse.sync.serverUrl] : []), ...stillInUse.subscriptions.map(subscriptionAddress)];
  return users.some((u) => originPattern(u) === pattern) ? null : pattern;
}

/** Every team entity's id starts so (the store's own ids are hex digits). */
export const TEAM_ID_PREFIX = 't-';

/**
 * The local id of an entity a subscription brought: the prefix `t-` (the store's own ids are 32
 * hex digits, lib/storage/ids.ts, so never start so) and a 64-bit hash of the subscription and
 * the entity's id there, so that two subscriptions (or a team entity and an own one) never collide.
 */
export function teamEntityId(subscriptionId: string, remoteId: string): string {
  const key = `${subscriptionId}\u0000${remoteId}`;
  return `${TEAM_ID_PREFIX}${subscriptionId.slice(0, 12)}-${fnv(key, 0x811c9dc5)}${fnv(key, 0x01000193 ^ 0x9e3779b9)}`;
}

function fnv(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
