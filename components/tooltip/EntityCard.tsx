/**
 * The hover card for one entity. Renders only: data arrives as props (see
 * lib/inpage/tooltip-host.ts). Everything from the reader's data or from visited pages is
 * rendered as text — never as markup.
 */
import type { Entity } from '../../lib/model/entity';
import type { AlsoIn } from '../../lib/messaging/protocol';
import { ENTITY_TYPE_LABELS } from '../shared/entity-types';
import { formatDate } from '../shared/format';
import { NoteMarkdown } from '../shared/NoteMarkdown';

export type CardState =
  | { status: 'loading'; name: string; type: Entity['type'] }
  | { status: 'ready'; entity: Entity; alsoIn: AlsoIn[] }
  | { status: 'error'; name: string; message: string };


/** Only http(s) links become anchors; anything else is shown as plain text. */
function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function EntityCard({ state }: { state: CardState }) {
  if (state.status !== 'ready') {
    return (
      <div class="card" role="dialog" aria-label={state.name}>
        <header>
          <h2 class="name">{state.name}</h2>
        </header>
        <p class="muted">{state.status === 'loading' ? 'Loading…' : state.message}</p>
      </div>
    );
  }
  const { entity, alsoIn } = state;
  const aliases = entity.aliases.map((a) => a.text).filter((t) => t !== entity.name);
  return (
    <div class="card" role="dialog" aria-label={entity.name} data-type={entity.type}>
      <header>
        <h2 class="name">{entity.name}</h2>
        <span class={`type type-${entity.type}`}>{ENTITY_TYPE_LABELS[entity.type]}</span>
      </header>
      {aliases.length > 0 && (
        <p class="aliases">
          <span class="label">Also known as </span>
          {aliases.join(' · ')}
        </p>
      )}
      {entity.notes.trim() ? (
        <NoteMarkdown text={entity.notes} class="notes" />
      ) : (
        <p class="muted notes-empty">No notes yet.</p>
      )}
      <section class="also-in" aria-label="Also in">
        <h3>Also in</h3>
        {alsoIn.length === 0 ? (
          <p class="muted">No other article you have read mentions it yet.</p>
        ) : (
          <ul>
            {alsoIn.map((a) => {
              const href = safeHref(a.url);
              return (
                <li key={a.url}>
                  {href ? (
                    <a href={href} class="article-title">
                      {a.title || a.url}
                    </a>
                  ) : (
                    <span class="article-title">{a.title || a.url}</span>
                  )}
                  <span class="meta">
                    {a.site} · {formatDate(a.lastSeen)}
                    {a.count > 1 ? ` · ${a.count} mentions` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
