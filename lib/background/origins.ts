/**
 * Which host permission an extension page may give back (docs/sync-team-glossary.md,
 * "Permission"): sync and every subscription ask for their server's origin, and one origin may
 * serve several of them. Asked after the change (sync turned off, a subscription removed or not
 * added), against what is stored then.
 */
import type { Database } from '../storage/db';
import { getSubscriptions } from '../storage/subscriptions';
import { getSyncConfig } from '../storage/sync-records';
import { originToRelease } from '../model/subscription';

export async function releasableOrigin(db: Database, address: string): Promise<string | null> {
  const [sync, subscriptions] = await Promise.all([getSyncConfig(db), getSubscriptions(db)]);
  return originToRelease(address, { sync, subscriptions });
}
