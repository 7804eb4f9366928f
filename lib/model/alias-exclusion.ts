/**
 * "Never match this alias here": an alias of one entity the reader switched off on one site
 * (the card's one-click button; listed, removable and restorable in Options › Settings).
 * "Here" is the site as the per-site switch names it (host without "www.": bbc.co.uk), not
 * the page: the same word-like alias misfires on every page of a site about something else.
 */
import { z } from 'zod';
import { EntityId, MAX_NAME_LENGTH } from './entity';

export const MAX_ALIAS_EXCLUSIONS = 10_000;

export const AliasExclusion = z.strictObject({
  site: z.string().trim().toLowerCase().min(1).max(253),
  entityId: EntityId,
  alias: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  createdAt: z.number().int().nonnegative(),
});
export type AliasExclusion = z.infer<typeof AliasExclusion>;

export const AliasExclusions = z.array(AliasExclusion).max(MAX_ALIAS_EXCLUSIONS);
