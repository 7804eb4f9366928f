import type { EntityType } from '../../lib/model/entity';
import { ENTITY_TYPE_LABELS } from './entity-types';

/** A small, quiet label naming an entity's type. Colours live in shared/theme.css. */
export function TypeBadge({ type }: { type: EntityType }) {
  return (
    <span class={`type-badge type-badge--${type}`} data-type={type} data-testid="type-badge">
      {ENTITY_TYPE_LABELS[type]}
    </span>
  );
}
