/** Tags as chips, and external references as a list of web addresses. */
import { useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import { MAX_LINKS, MAX_TAGS, MAX_TAG_LENGTH, uniqueTags } from '../../lib/model/entity';
import { ChipRemove, Chips, ChipsInput } from './Chips';
import { ErrorLine } from '../shared/ErrorLine';

interface TagInputProps {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  /** Tags already used in the glossary, offered as suggestions. */
  suggestions?: string[];
  describedBy?: string;
  invalid?: boolean;
}

export function TagInput({ id, tags, onChange, suggestions = [], describedBy, invalid }: TagInputProps) {
  const [draft, setDraft] = useState('');
  const commit = (text: string) => {
    const parts = text.split(/[,;|]/).map((t) => t.trim()).filter(Boolean);
    if (parts.length) onChange(uniqueTags([...tags, ...parts]).slice(0, MAX_TAGS));
    setDraft('');
  };
  const onKeyDown = (e: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      commit(draft);
    } else if (e.key === 'Backspace' && draft === '' && tags.length) {
      e.preventDefault();
      onChange(tags.slice(0, -1));
    }
  };
  const listId = `${id}-suggestions`;
  return (
    <Chips
      invalid={invalid}
      chips={tags.map((t, i) => (
        <li class="chip chip--tag" key={`${t}\u0000${i}`} data-testid="tag-chip">
          <span class="chip__text">#{t}</span>
          <ChipRemove label={`Remove tag ${t}`} onRemove={() => onChange(tags.filter((_, k) => k !== i))} />
        </li>
      ))}
    >
      <ChipsInput
        id={id}
        draft={draft}
        count={tags.length}
        max={MAX_TAGS}
        first="e.g. iran, elections"
        more="Add a tag…"
        invalid={invalid}
        describedBy={describedBy}
        list={suggestions.length ? listId : undefined}
        maxLength={MAX_TAG_LENGTH}
        onInput={(e) => {
          const v = e.currentTarget.value;
          if (/[,;|]/.test(v)) commit(v);
          else setDraft(v);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (draft.trim()) commit(draft);
        }}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.slice(0, 200).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </Chips>
  );
}

interface LinksInputProps {
  id: string;
  links: string[];
  onChange: (links: string[]) => void;
  describedBy?: string;
  invalid?: boolean;
}

export function LinksInput({ id, links, onChange, describedBy, invalid }: LinksInputProps) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const url = draft.trim();
    if (!url) return;
    let ok = false;
    try {
      const u = new URL(url);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) {
      setProblem('A reference is a web address starting with http:// or https://.');
      return;
    }
    setProblem(null);
    if (!links.includes(url)) onChange([...links, url].slice(0, MAX_LINKS));
    setDraft('');
  };
  return (
    <div class="links-input">
      {links.length > 0 && (
        <ul class="links-input__list">
          {links.map((l, i) => (
            <li key={l} class="links-input__item" data-testid="link-item">
              <a href={l} target="_blank" rel="noopener noreferrer">
                {l}
              </a>
              <button type="button" class="btn btn--small btn--ghost" aria-label={`Remove reference ${l}`} onClick={() => onChange(links.filter((_, k) => k !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="links-input__add">
        <input
          id={id}
          class="input"
          type="url"
          inputMode="url"
          placeholder="https://en.wikipedia.org/wiki/…"
          value={draft}
          aria-describedby={describedBy}
          aria-invalid={problem || invalid ? 'true' : undefined}
          disabled={links.length >= MAX_LINKS}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          onBlur={() => draft.trim() && add()}
        />
        <button type="button" class="btn" onClick={add} disabled={!draft.trim()}>
          Add
        </button>
      </div>
      <ErrorLine class="field__error" error={problem} />
    </div>
  );
}
