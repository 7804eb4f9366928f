/** The glossary list, or the right empty state. */
import type { Entity, EntityInput } from '../../lib/model/entity';
import { EntityRow } from './EntityRow';

interface EntityListProps {
  entities: Entity[];
  totalCount: number;
  editingId: string | null;
  onEdit: (id: string) => void;
  onCancelEdit: () => void;
  onSave: (id: string, input: EntityInput) => Promise<void>;
  onDelete: (entity: Entity) => Promise<void>;
  onClearFilter: () => void;
}

export function EntityList(props: EntityListProps) {
  const { entities, totalCount, editingId } = props;

  if (totalCount === 0) {
    return (
      <div class="empty" data-testid="glossary-empty">
        <p class="empty__title">Your glossary is empty.</p>
        <p class="muted">
          Add the people, organizations and events you follow, with the other names the news uses for them. The
          extension marks them on the pages you read and shows your notes when you hover them. You can also import a
          glossary file.
        </p>
      </div>
    );
  }

  if (entities.length === 0) {
    return (
      <div class="empty" data-testid="glossary-no-match">
        <p class="empty__title">Nothing matches.</p>
        <p class="muted">
          No entity has that name or alias.{' '}
          <button type="button" class="link-button" onClick={props.onClearFilter}>
            Clear the search
          </button>
        </p>
      </div>
    );
  }

  return (
    <ul class="entity-list" aria-label="Glossary entries" data-testid="glossary-list">
      {entities.map((e) => (
        <EntityRow
          key={e.id}
          entity={e}
          editing={editingId === e.id}
          onEdit={() => props.onEdit(e.id)}
          onCancelEdit={props.onCancelEdit}
          onSave={(input) => props.onSave(e.id, input)}
          onDelete={() => props.onDelete(e)}
        />
      ))}
    </ul>
  );
}
