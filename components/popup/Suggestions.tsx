/**
 * "Suggestions": people, organisations and events the current page names that the glossary
 * does not hold (entity discovery). One click adds one, with its type and the aliases the
 * article used; "Not an entity" dismisses it for good. Renders only; the actions are props.
 */
import type { Suggestion } from '../../lib/messaging/discovery';
import { TypeBadge } from '../shared/TypeBadge';
import { plural } from '../shared/format';
import { ErrorLine } from '../shared/ErrorLine';

export interface SuggestionsProps {
  suggestions: Suggestion[];
  busy: ReadonlySet<string>;
  error: string | null;
  onAdd(s: Suggestion): void;
  onDismiss(s: Suggestion): void;
}

/** How many are listed before "show all". */
const FIRST = 8;

export function Suggestions({ suggestions, busy, error, onAdd, onDismiss }: SuggestionsProps) {
  if (suggestions.length === 0) return null;
  return (
    <section class="section suggestions" aria-labelledby="suggestions-heading">
      <div class="section__head">
        <h2 id="suggestions-heading">Suggestions</h2>
        <span class="section__meta">{plural(suggestions.length, 'name')} not in your glossary</span>
      </div>
      <ErrorLine class="suggestions__error" error={error} />
      <ul class="suggestions__list">
        {suggestions.slice(0, FIRST).map((s) => (
          <SuggestionRow key={s.key} s={s} busy={busy.has(s.key)} onAdd={onAdd} onDismiss={onDismiss} />
        ))}
      </ul>
      {suggestions.length > FIRST && (
        <details class="suggestions__more">
          <summary>Show {suggestions.length - FIRST} more</summary>
          <ul class="suggestions__list">
            {suggestions.slice(FIRST).map((s) => (
              <SuggestionRow key={s.key} s={s} busy={busy.has(s.key)} onAdd={onAdd} onDismiss={onDismiss} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function SuggestionRow({ s, busy, onAdd, onDismiss }: { s: Suggestion; busy: boolean; onAdd(s: Suggestion): void; onDismiss(s: Suggestion): void }) {
  return (
    <li class="suggestion" data-testid="suggestion">
      <div class="suggestion__text">
        <span class="suggestion__name">{s.name}</span> <TypeBadge type={s.type} />
        <span class="suggestion__meta">
          {plural(s.count, 'mention')}
          {s.seenIn > 1 ? ` · seen in ${plural(s.seenIn, 'article')} you read` : ''}
          {s.aliases.length ? ` · also ${s.aliases.slice(0, 3).join(', ')}` : ''}
        </span>
      </div>
      <div class="suggestion__actions">
        <button type="button" class="btn btn--small btn--primary" disabled={busy} onClick={() => onAdd(s)} aria-label={`Add ${s.name} to the glossary`}>
          Add
        </button>
        <button type="button" class="btn btn--small" disabled={busy} onClick={() => onDismiss(s)} aria-label={`${s.name} is not an entity`}>
          Not an entity
        </button>
      </div>
    </li>
  );
}
