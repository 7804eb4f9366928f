/**
 * The hover card for one entity. Renders only, in the extension frame (entrypoints/card): data
 * arrives as props (lib/inpage/ui/tooltip-host.ts decides what, through the frame's port). Everything from the reader's data or from visited pages is
 * rendered as text — never as markup.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Entity } from '../../lib/model/entity';
import { parseTagList } from '../../lib/model/note';
import { ENTITY_TYPE_LABELS } from '../shared/entity-types';
import { formatDate } from '../shared/format';
import { NoteMarkdown } from '../shared/NoteMarkdown';
import { httpHref } from '../shared/links';
import { isSaveShortcut } from '../shared/keys';
import { MatchReason } from './MatchReason';
import type { CardState } from '../../lib/inpage/core/card-state';
import type { AlsoIn } from '../../lib/messaging/protocol';
import { ErrorLine } from '../shared/ErrorLine';
import { TagsField } from '../inpage/TagsField';


/** What the card can do besides showing (given by lib/inpage/ui/tooltip-host.ts). */
export interface CardActions {
  /** Save a note about the entity, on this page; optionally also append it to its notes. */
  /** `entityVersion`: the entity's version this card shows, so notes changed since are not appended to. */
  addNote(entityId: string, comment: string, tags: string[], appendToEntity: boolean, entityVersion?: number): Promise<{ appended: boolean }>;
  /** Keep the card open while the reader writes (true), or let hover rules apply again. */
  pin(on: boolean): void;
  /** Never match this alias of the entity on this site; resolves to the site. */
  excludeAlias?(entityId: string, alias: string): Promise<string>;
}


export function EntityCard({ state, actions }: { state: CardState; actions?: CardActions }) {
  if (state.status !== 'ready') {
    return (
      <div class="card" role="dialog" aria-label={state.name}>
        <header>
          <h2 class="name">{state.name}</h2>
        </header>
        <div class="card-body">
          <p class="muted">{state.status === 'loading' ? 'Loading…' : state.message}</p>
        </div>
      </div>
    );
  }
  const { entity, alsoIn } = state;
  // Hidden aliases (known misspellings) match but are never shown.
  const aliases = entity.aliases.filter((a) => !a.hidden).map((a) => a.text).filter((t) => t !== entity.name);
  return (
    <div class="card" role="dialog" aria-label={entity.name} data-type={entity.type}>
      <header>
        <h2 class="name">{entity.name}</h2>
        <span class={`type type-${entity.type}`}>{ENTITY_TYPE_LABELS[entity.type]}</span>
      </header>
      {/* The body scrolls inside the card; header and footer ("Add note") stay in view (lib/inpage/ui/card-fit.ts). */}
      <div class="card-body">
      {/* A team glossary's entity (docs/sync-team-glossary.md): where it comes from, read-only. */}
      {entity.source && <p class="source muted" data-testid="card-source">Team: {entity.source.name}</p>}
      {state.editedOnTwoDevices && <EditedTwice entity={entity} other={state.otherTexts ?? {}} />}
      {state.why && <MatchReason entity={entity} why={state.why} exclude={actions?.excludeAlias} />}
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
      {state.alsoFrom?.map((team) => <TeamText key={team.id} team={team} />)}
      <section class="also-in" aria-label="Also in">
        <h3>Also in</h3>
        {alsoIn.length === 0 ? (
          <p class="muted">No other article you have read mentions it yet.</p>
        ) : (
          <ul>
            {alsoIn.map((a) => {
              const href = httpHref(a.url);
              // Titles and site names are what pages said about themselves: each is isolated
              // (<bdi>: a U+202E in one cannot turn the card's own text around) and capped; the
              // real host, from the stored URL, stands beside the name a site claims.
              const title = <bdi>{capped(a.title || a.url, TITLE_MAX)}</bdi>;
              const host = (a as AlsoIn & { host?: string }).host;
              return (
                <li key={a.url}>
                  {href ? (
                    <a href={href} class="article-title">
                      {title}
                    </a>
                  ) : (
                    <span class="article-title">{title}</span>
                  )}
                  <span class="meta">
                    <bdi>{capped(a.site, SITE_MAX)}</bdi>
                    {host && host !== a.site ? (
                      <>
                        {' '}
                        (<bdi class="host">{capped(host, SITE_MAX)}</bdi>)
                      </>
                    ) : null}{' '}
                    · {formatDate(a.lastSeen)}
                    {a.count > 1 ? ` · ${a.count} mentions` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      </div>
      {actions && <AddNote key={entity.id} entity={entity} actions={actions} />}
    </div>
  );
}

/**
 * Two devices wrote its name or notes at once (docs/sync.md): both texts, this one first, and
 * where the one-click choice is (the card cannot open extension pages: its links go to the web).
 */
function EditedTwice({ entity, other }: { entity: Entity; other: { name?: string; notes?: string } }) {
  return (
    <div class="edited-twice" data-testid="card-edited-twice">
      <p class="muted">Edited on two devices:</p>
      {other.name !== undefined && (
        <p class="both">
          <span class="label">Name </span>“{entity.name}” <span class="muted">or</span> “{other.name}”
        </p>
      )}
      {other.notes !== undefined && (
        <p class="both">
          <span class="label">Notes </span>“{capped(entity.notes, NOTES_MAX)}” <span class="muted">or</span> “{capped(other.notes, NOTES_MAX)}”
        </p>
      )}
      <p class="muted">Choose one on its page in the glossary (options › {entity.name}) or in Settings › Sync.</p>
    </div>
  );
}

/** A team glossary's entity going by the same name: its source, its aliases and notes, after the reader's own. */
function TeamText({ team }: { team: Entity }) {
  const aliases = team.aliases.filter((a) => !a.hidden).map((a) => a.text).filter((t) => t !== team.name);
  return (
    <section class="team-text" aria-label={`From ${team.source?.name ?? 'a team glossary'}`} data-testid="card-also-from">
      <h3>
        From {team.source?.name ?? 'a team glossary'}: <span class="muted">{team.name}</span>
      </h3>
      {aliases.length > 0 && <p class="aliases">{aliases.join(' · ')}</p>}
      {team.notes.trim() ? <NoteMarkdown text={team.notes} class="notes" /> : <p class="muted notes-empty">No notes from the team.</p>}
    </section>
  );
}

/** Page strings shown at most this long (characters), whatever was stored. */
const TITLE_MAX = 160;
const SITE_MAX = 60;
/** Each of two conflicting notes texts on the card (the whole of both is on the entity's page). */
const NOTES_MAX = 300;

function capped(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** How long "Note saved" stays before the form folds away. */
const SAVED_MS = 1_500;

/**
 * "Add note": a short note about this entity, kept with this page; optionally appended to the
 * entity's own notes. Only a real click or key press saves (a page cannot synthesise one here:
 * the card lives in an extension frame, another origin, and `isTrusted` is checked besides).
 */
function AddNote({ entity, actions }: { entity: Entity; actions: CardActions }) {
  const [mode, setMode] = useState<'closed' | 'open' | 'saving' | 'saved'>('closed');
  const [comment, setComment] = useState('');
  const [tags, setTags] = useState('');
  const [append, setAppend] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [appended, setAppended] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  // Focus in the same task as the render (a layout effect): the field has focus the moment it
  // is on screen, so the first keystrokes are not lost.
  useLayoutEffect(() => {
    if (mode === 'open') area.current?.focus({ preventScroll: true });
  }, [mode]);
  // Whatever happens, the card is not left pinned.
  useEffect(() => () => actions.pin(false), [actions]);

  const open = (e: Event) => {
    if (!e.isTrusted) return;
    actions.pin(true);
    setMode('open');
  };
  const cancel = (e: Event) => {
    if (!e.isTrusted) return;
    setMode('closed');
    setError(null);
    actions.pin(false);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (!e.isTrusted || mode !== 'open' || !comment.trim()) return;
    setMode('saving');
    setError(null);
    try {
      const r = await actions.addNote(entity.id, comment.trim(), parseTagList(tags), append, entity.version);
      setAppended(r.appended);
      setMode('saved');
      setComment('');
      setTags('');
      setTimeout(() => {
        setMode('closed');
        actions.pin(false);
      }, SAVED_MS);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setMode('open');
    }
  };

  if (mode === 'closed') {
    return (
      <footer class="card-actions">
        <button type="button" class="action" onClick={open}>
          Add note
        </button>
      </footer>
    );
  }
  if (mode === 'saved') {
    return (
      <footer class="card-actions">
        <p class="saved" role="status">
          Note saved{appended ? ` and added to ${entity.name}’s notes` : ''}.
        </p>
      </footer>
    );
  }
  return (
    <form class="add-note" onSubmit={save} onKeyDown={(e) => isSaveShortcut(e) && void save(e)}>
      <label class="field">
        <span class="label">Your note about {entity.name} on this page</span>
        <textarea
          ref={area}
          rows={3}
          maxLength={2000}
          value={comment}
          disabled={mode === 'saving'}
          onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      <TagsField value={tags} disabled={mode === 'saving'} onInput={setTags} />
      {/* A team entity's notes are the team's: the reader's note stays a note of theirs. */}
      {!entity.source && <label class="check">
        <input type="checkbox" checked={append} onChange={(e) => setAppend((e.currentTarget as HTMLInputElement).checked)} />
        Also add it to {entity.name}’s notes
      </label>}
      <ErrorLine class="error" error={error} />
      <div class="buttons">
        <button type="button" class="action" onClick={cancel} disabled={mode === 'saving'}>
          Cancel
        </button>
        <button type="submit" class="action primary" disabled={mode === 'saving' || !comment.trim()}>
          {mode === 'saving' ? 'Saving…' : 'Save note'}
        </button>
      </div>
    </form>
  );
}
