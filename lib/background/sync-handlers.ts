/** Handlers of the sync messages (lib/messaging/sync.ts); the work is SyncService's. */
import type { syncMessages } from '../messaging/sync';
import type { AreaDeps, HandlersOf } from './handler-types';
import type { SyncService } from './sync-service';

export function createSyncHandlers(deps: AreaDeps): HandlersOf<typeof syncMessages> {
  const service = (): SyncService => {
    if (!deps.sync) throw new Error('Sync is not available here.');
    return deps.sync;
  };
  return {
    async 'sync.get'() {
      return service().state();
    },
    async 'sync.configure'({ settings }) {
      return service().configure(settings);
    },
    async 'sync.test'({ settings }) {
      return service().test(settings);
    },
    async 'sync.now'() {
      return service().syncNow();
    },
    async 'sync.choose'({ kind, id, field, keep }) {
      const state = await service().choose(kind, id, field, keep, deps.now());
      if (kind === 'entity') await deps.afterGlossaryWrite();
      return state;
    },
  };
}
