/**
 * One glossary entry in the list: name (to its page), type, aliases, tags, the first line of
 * the notes, what the reader has seen of it, and its actions. Fixed height (virtualised list).
 */
import type { GlossaryRow } from '../../lib/messaging/knowledge';
import { TypeBadge } from '../shared/TypeBadge';
import { firstLine, formatDate, plural } from '../shared/format';
import { notePlainText } from '../shared/markdown';
import { hrefOf } from './route';
import { shownAliases } from '../../lib/model/entity';

interface EntityRowProps {
  row: GlossaryRow;
  onEdit: () => void;
  onDelete: () => void;
  busy?: boolean;
}

export function EntityRow({ row, onEdit, onDelete, busy }: EntityRowProps) {
  const { entity } = row;
  const shown = shownAliases(entity.aliases);
  const note = firstLine(notePlainText(entity.notes), 160);
  return (
    <div class="entity-row" data-testid="entity-row" data-entity-id={entity.id}>
      <div class="entity-row__main">
        <div class="entity-row__head">
          <a class="entity-row__name" data-testid="entity-name" href={hrefOf({ page: 'entity', id: entity.id, edit: false })}>
            {entity.name}
          </a>
          <TypeBadge type={entity.type} />
          {entity.source && (
            <span class="tag entity-row__source" data-testid="entity-source" title="From a team glossary you subscribe to: read-only">
              Team: {entity.source.name}
            </span>
          )}
          {(entity.tags ?? []).slice(0, 4).map((t) => (
            <span key={t} class="tag" data-testid="entity-tag">
              #{t}
            </span>
          ))}
        </div>
        {shown.length > 0 && (
          <p class="entity-row__aliases" data-testid="entity-aliases">
            <span class="sr-only">Aliases: </span>
            {shown.slice(0, 8).map((a, i) => (
              <span key={i} class="alias" title={a.exactCase ? 'Exact capitalisation only' : undefined}>
                {a.text}
                {a.exactCase && <span class="alias__case" aria-label="(exact case)"> Aa</span>}
              </span>
            ))}
            {shown.length > 8 && <span class="muted">+{shown.length - 8}</span>}
          </p>
        )}
        <p class="entity-row__notes">
          {note && <span data-testid="entity-notes">{note}</span>}
        </p>
      </div>
      <div class="entity-row__side">
        <p class="entity-row__stats muted" data-testid="entity-stats">
          {row.mentions > 0 ? (
            <>
              {plural(row.mentions, 'mention')} · {plural(row.articles, 'article')}
              {row.lastSeen !== null && <span class="entity-row__seen"> · seen {formatDate(row.lastSeen)}</span>}
            </>
          ) : (
            'Not seen yet'
          )}
        </p>
        {/* A team entity is read-only here: unsubscribing (Settings › Subscriptions) removes it. */}
        {!entity.source && <div class="entity-row__actions">
          <button type="button" class="btn btn--small" aria-label={`Edit ${entity.name}`} onClick={onEdit} disabled={busy}>
            Edit
          </button>
          <button type="button" class="btn btn--small btn--ghost entity-row__delete" aria-label={`Delete ${entity.name}`} onClick={onDelete} disabled={busy}>
            Delete
          </button>
        </div>}
      </div>
    </div>
  );
}
