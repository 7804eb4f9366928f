/**
 * The background's side of team glossary subscriptions (docs/sync-team-glossary.md): adding,
 * removing, refreshing (on adding, on "Refresh", daily by an alarm that exists only while a
 * subscription does), and the permission a page may give back. The refresher
 * (lib/sync/subscription.ts) does the reading; this decides when. No subscription: nothing runs
 * and nothing reaches the network.
 */
import type { Database } from '../storage/db';
import { getSubscriptions, putSubscription, removeSubscription } from '../storage/subscriptions';
import { MAX_SUBSCRIPTIONS, Subscription, SubscriptionInput, subscriptionAddress } from '../model/subscription';
import { releasableOrigin } from './origins';
import type { SubscriptionsState, SubscriptionView } from '../messaging/subscriptions';
import type { AlarmsPort } from './sync-service';
import type { RefreshOutcome } from '../sync/subscription';
import type { z } from 'zod';

/** A published list is refreshed once a day, as filter lists are. */
export const REFRESH_PERIOD_MINUTES = 24 * 60;

export interface RefresherPort {
  refresh(id: string): Promise<RefreshOutcome | null>;
}

export class SubscriptionService {
  constructor(
    private readonly db: () => Promise<Database>,
    private readonly refresher: () => RefresherPort,
    private readonly now: () => number,
    private readonly newId: () => string,
    /** The glossary changed: recompile and tell the tabs. */
    private readonly afterChange: () => Promise<void>,
    private readonly alarms?: AlarmsPort,
  ) {}

  async state(): Promise<SubscriptionsState> {
    const list = await getSubscriptions(await this.db());
    return { subscriptions: list.map(viewOf) };
  }

  async add(input: z.input<typeof SubscriptionInput>): Promise<SubscriptionsState & { id: string }> {
    const db = await this.db();
    const parsed = SubscriptionInput.parse(input);
    const existing = await getSubscriptions(db);
    if (existing.length >= MAX_SUBSCRIPTIONS) throw new Error(`At most ${MAX_SUBSCRIPTIONS} subscriptions: remove one first.`);
    const sub = Subscription.parse({ ...parsed, id: this.newId(), createdAt: this.now() });
    await putSubscription(db, sub);
    await this.alarms?.set(REFRESH_PERIOD_MINUTES);
    await this.refresh(sub.id);
    return { ...(await this.state()), id: sub.id };
  }

  async remove(id: string): Promise<SubscriptionsState & { removed: number; releaseOrigin: string | null }> {
    const db = await this.db();
    const { removed, subscription } = await removeSubscription(db, id);
    if (removed) await this.afterChange();
    const rest = await getSubscriptions(db);
    if (!rest.length) await this.alarms?.clear();
    const releaseOrigin = subscription ? await releasableOrigin(db, subscriptionAddress(subscription)) : null;
    return { ...(await this.state()), removed, releaseOrigin };
  }

  /** Refresh one, or every subscription (the daily alarm), one after the other. */
  async refresh(id?: string): Promise<SubscriptionsState> {
    const ids = id ? [id] : (await getSubscriptions(await this.db())).map((s) => s.id);
    let changed = false;
    for (const one of ids) {
      const outcome = await this.refresher().refresh(one);
      changed ||= outcome?.changed ?? false;
    }
    if (changed) await this.afterChange();
    return this.state();
  }

  /** A subscription that was not added: may the page give back the permission it asked for? */
  async releasable(address: string): Promise<{ releaseOrigin: string | null }> {
    return { releaseOrigin: await releasableOrigin(await this.db(), address) };
  }
}

function viewOf(s: Subscription): SubscriptionView {
  if (s.kind === 'file') return { id: s.id, name: s.name, kind: 'file', url: s.url, status: s.status };
  return { id: s.id, name: s.name, kind: 'couch', serverUrl: s.serverUrl, database: s.database, username: s.username, hasPassword: s.password.length > 0, status: s.status };
}
