import { ENTITY_TYPES, type EntityType } from '../../lib/model/entity';

/** How each entity type is named to the reader. */
export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organization',
  event: 'Event',
  place: 'Place',
  other: 'Other',
};

/** Plural labels, for filters and headings. */
export const ENTITY_TYPE_PLURALS: Record<EntityType, string> = {
  person: 'People',
  organization: 'Organizations',
  event: 'Events',
  place: 'Places',
  other: 'Other',
};

/** The types in the order readers see them. */
export const ENTITY_TYPE_OPTIONS: readonly EntityType[] = ENTITY_TYPES;

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}
