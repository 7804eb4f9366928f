/**
 * Messages of "names, not words" (docs/matching.md): the per-site alias switch and the review
 * of an entity's aliases the options page shows while the reader types.
 */
import { z } from 'zod';
import { Alias, EntityId, MAX_ALIASES, MAX_NAME_LENGTH } from '../model/entity';
import { AliasExclusions } from '../model/alias-exclusion';
import { AliasReview } from '../model/alias-review';
import { Empty, type MessageTable } from './table';

export { AliasReview, ImportAliasNote, SharedWith } from '../model/alias-review';

const AliasText = z.string().trim().min(1).max(MAX_NAME_LENGTH);

export const ExclusionList = z.strictObject({
  exclusions: AliasExclusions,
  /** Entity id -> its name (entities since deleted are absent). */
  names: z.record(z.string(), z.string()),
});

export const namesMessages = {
  /**
   * "Never match this alias here": from the card (content: the site is the sender's, never the
   * page's word) or from the options page (undo: the site is given).
   */
  'alias.exclude': {
    from: ['content', 'extension-page'],
    request: z.strictObject({ entityId: EntityId, alias: AliasText, site: z.string().max(253).optional() }),
    reply: z.strictObject({ site: z.string() }),
  },
  'alias.include': {
    from: ['extension-page'],
    request: z.strictObject({ entityId: EntityId, alias: AliasText, site: z.string().min(1).max(253) }),
    reply: ExclusionList,
  },
  'alias.exclusions': {
    from: ['extension-page'],
    request: Empty,
    reply: ExclusionList,
  },
  /** What the matcher will do with these names and aliases (the entity form, as the reader types). */
  'alias.review': {
    from: ['extension-page'],
    request: z.strictObject({
      entity: z.strictObject({ id: EntityId.optional(), name: z.string().max(MAX_NAME_LENGTH), aliases: z.array(Alias).max(MAX_ALIASES) }),
    }),
    reply: z.array(AliasReview).max(MAX_ALIASES + 1),
  },
} as const satisfies MessageTable;
