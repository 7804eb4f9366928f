/**
 * One glossary entry: name, type, aliases, first line of the notes, and its actions. Editing
 * happens in place; deleting asks for confirmation in place.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Entity, EntityInput } from '../../lib/model/entity';
import { TypeBadge } from '../shared/TypeBadge';
import { errorMessage } from '../shared/errors';
import { firstLine } from '../shared/format';
import { EntityForm } from './EntityForm';

interface EntityRowProps {
  entity: Entity;
  editing: boolean;
  onEdit: () => void;
  onCancelEdit: () => void;
  onSave: (input: EntityInput) => Promise<void>;
  onDelete: () => Promise<void>;
}

export function EntityRow({ entity, editing, onEdit, onCancelEdit, onSave, onDelete }: EntityRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  // Leaving the editor puts focus back on this row's Edit button.
  useEffect(() => {
    if (wasEditing.current && !editing) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (editing) {
    return (
      <li class="entity-row entity-row--editing" data-testid="entity-row" data-entity-id={entity.id}>
        <EntityForm entity={entity} onSubmit={onSave} onCancel={onCancelEdit} />
      </li>
    );
  }

  const confirmDelete = async () => {
    setDeleting(true);
    setDeleteError(null);
    try {
      await onDelete();
    } catch (err) {
      setDeleteError(errorMessage(err));
      setDeleting(false);
    }
  };

  const note = firstLine(entity.notes);

  return (
    <li class="entity-row" data-testid="entity-row" data-entity-id={entity.id}>
      <div class="entity-row__main">
        <div class="entity-row__head">
          <span class="entity-row__name" data-testid="entity-name">
            {entity.name}
          </span>
          <TypeBadge type={entity.type} />
        </div>
        {entity.aliases.length > 0 && (
          <p class="entity-row__aliases" data-testid="entity-aliases">
            <span class="sr-only">Aliases: </span>
            {entity.aliases.map((a, i) => (
              <span key={i} class="alias" title={a.exactCase ? 'Exact capitalisation only' : undefined}>
                {a.text}
                {a.exactCase && <span class="alias__case" aria-label="(exact case)"> Aa</span>}
              </span>
            ))}
          </p>
        )}
        {note && (
          <p class="entity-row__notes" data-testid="entity-notes">
            {note}
          </p>
        )}
        {deleteError && (
          <p class="entity-row__error" role="alert">
            Could not delete: {deleteError}
          </p>
        )}
      </div>

      {confirming ? (
        <div class="entity-row__confirm" role="group" aria-label={`Confirm deleting ${entity.name}`}>
          <span class="entity-row__confirm-text">Delete “{entity.name}”?</span>
          <button type="button" class="btn btn--small btn--danger" onClick={confirmDelete} disabled={deleting}>
            {deleting ? 'Deleting…' : 'Yes, delete'}
          </button>
          <button
            ref={cancelRef}
            type="button"
            class="btn btn--small btn--ghost"
            onClick={() => {
              setConfirming(false);
              setDeleteError(null);
            }}
            disabled={deleting}
          >
            Keep
          </button>
        </div>
      ) : (
        <div class="entity-row__actions">
          <button ref={editRef} type="button" class="btn btn--small" aria-label={`Edit ${entity.name}`} onClick={onEdit}>
            Edit
          </button>
          <button
            type="button"
            class="btn btn--small btn--ghost entity-row__delete"
            aria-label={`Delete ${entity.name}`}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
