/** Handlers of the subscription messages (lib/messaging/subscriptions.ts); the work is SubscriptionService's. */
import type { subscriptionMessages } from '../messaging/subscriptions';
import type { AreaDeps, HandlersOf } from './handler-types';
import type { SubscriptionService } from './subscription-service';

export function createSubscriptionHandlers(deps: AreaDeps): HandlersOf<typeof subscriptionMessages> {
  const service = (): SubscriptionService => {
    if (!deps.subscriptions) throw new Error('Subscriptions are not available here.');
    return deps.subscriptions;
  };
  return {
    async 'subscription.list'() {
      return service().state();
    },
    async 'subscription.add'({ input }) {
      return service().add(input);
    },
    async 'subscription.remove'({ id }) {
      return service().remove(id);
    },
    async 'subscription.releasable'({ address }) {
      return service().releasable(address);
    },
    async 'subscription.refresh'({ id }) {
      return service().refresh(id);
    },
  };
}
