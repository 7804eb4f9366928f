/**
 * What the entity card shows, as the in-page code knows it: loading (the name under the
 * pointer), ready (the entity, the other articles that mention it, and why a word-like alias
 * was matched) or an error in words. Defined here, where the card controller produces it; the
 * component (components/tooltip/EntityCard.tsx) only renders it. Types only: nothing of this
 * reaches the content script's bundle.
 */
import type { Entity } from '../../model/entity';
import type { AlsoIn } from '../../messaging/protocol';

/** Why a word-like alias ("May") was matched: the alias, the full name the page gave, and where ('above' | 'below' | ''). */
export type MatchWhy = [alias: string, named: string, where: string];

export type CardState =
  | { status: 'loading'; name: string; type: Entity['type'] }
  | {
      status: 'ready';
      entity: Entity;
      alsoIn: AlsoIn[];
      why?: MatchWhy;
      editedOnTwoDevices?: boolean;
      /** The other device's name and notes, when they differ (docs/sync.md). */
      otherTexts?: { name?: string; notes?: string };
      /** Team glossary entities going by the same name (docs/sync-team-glossary.md). */
      alsoFrom?: Entity[];
    }
  | { status: 'error'; name: string; message: string };
