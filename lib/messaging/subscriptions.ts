/**
 * Team glossary subscriptions (extension pages only; docs/sync-team-glossary.md). Spread into
 * `toBackground` in protocol.ts. A password never travels back to a page.
 */
import { z } from 'zod';
import { EntityId } from '../model/entity';
import { DatabaseName, ServerUrl } from '../model/sync';
import { FileUrl, SubscriptionInput, SubscriptionName, SubscriptionStatus } from '../model/subscription';
import { Empty, type MessageTable } from './table';

export const SubscriptionView = z.discriminatedUnion('kind', [
  z.strictObject({ id: EntityId, name: SubscriptionName, kind: z.literal('couch'), serverUrl: ServerUrl, database: DatabaseName, username: z.string(), hasPassword: z.boolean(), status: SubscriptionStatus }),
  z.strictObject({ id: EntityId, name: SubscriptionName, kind: z.literal('file'), url: FileUrl, status: SubscriptionStatus }),
]);
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const SubscriptionsState = z.strictObject({ subscriptions: z.array(SubscriptionView).max(100) });
export type SubscriptionsState = z.infer<typeof SubscriptionsState>;

export const subscriptionMessages = {
  'subscription.list': {
    from: ['extension-page'],
    request: Empty,
    reply: SubscriptionsState,
  },
  /** Add one (the page asked for its origin's permission first), then refresh it once. */
  'subscription.add': {
    from: ['extension-page'],
    request: z.strictObject({ input: SubscriptionInput }),
    reply: SubscriptionsState.extend({ id: EntityId }),
  },
  /**
   * Unsubscribe: what it brought goes, nothing else. `releaseOrigin`: the permission pattern the
   * page may give back (null while sync or another subscription still needs that origin).
   */
  'subscription.remove': {
    from: ['extension-page'],
    request: z.strictObject({ id: EntityId }),
    reply: SubscriptionsState.extend({ removed: z.number().int().nonnegative(), releaseOrigin: z.string().nullable() }),
  },
  /**
   * A subscription the page asked permission for was not added: the permission pattern of
   * `address` it may give back (null while sync or a subscription still needs that origin).
   */
  'subscription.releasable': {
    from: ['extension-page'],
    request: z.strictObject({ address: z.string().max(2000) }),
    reply: z.strictObject({ releaseOrigin: z.string().nullable() }),
  },
  /** Refresh one now, or all. */
  'subscription.refresh': {
    from: ['extension-page'],
    request: z.strictObject({ id: EntityId.optional() }),
    reply: SubscriptionsState,
  },
} as const satisfies MessageTable;
