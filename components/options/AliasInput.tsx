/**
 * Aliases as chips. Typing a comma (or Enter) turns the text so far into a chip; pasting
 * several lines adds them all; Backspace in the empty field removes the last chip. Each chip
 * has an "Aa" toggle for exact-case matching (the model's Alias.exactCase) and a remove button.
 * The text still being typed is held by the parent form (`draft`) so that submitting the form
 * keeps it.
 */
import type { TargetedClipboardEvent, TargetedInputEvent, TargetedKeyboardEvent } from 'preact';
import type { Alias } from '../../lib/model/entity';
import { MAX_ALIASES, MAX_NAME_LENGTH } from '../../lib/model/entity';
import { addAliases, ALIAS_SEPARATOR, splitAliasText } from './aliases';

interface AliasInputProps {
  id: string;
  aliases: Alias[];
  draft: string;
  onChange: (aliases: Alias[], draft: string) => void;
  invalid?: boolean;
  describedBy?: string;
}

export function AliasInput({ id, aliases, draft, onChange, invalid, describedBy }: AliasInputProps) {
  const commit = (texts: string[], nextDraft: string) => onChange(addAliases(aliases, texts), nextDraft);

  const onInput = (e: TargetedInputEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    if (ALIAS_SEPARATOR.test(value)) {
      const parts = value.split(ALIAS_SEPARATOR);
      const rest = (parts.pop() ?? '').trimStart();
      // Set the field now: if the draft state does not change, no re-render would clear it.
      e.currentTarget.value = rest;
      commit(parts, rest);
    } else {
      onChange(aliases, value);
    }
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      // Enter adds the alias; it does not submit the form.
      e.preventDefault();
      if (draft.trim()) commit([draft], '');
    } else if (e.key === 'Backspace' && draft === '' && aliases.length > 0) {
      e.preventDefault();
      onChange(aliases.slice(0, -1), '');
    }
  };

  const onPaste = (e: TargetedClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData?.getData('text') ?? '';
    if (/[\n\r]/.test(text)) {
      // A single-line input would flatten the lines; split them ourselves.
      e.preventDefault();
      commit(splitAliasText(draft + text), '');
    }
  };

  const onBlur = () => {
    if (draft.trim()) commit([draft], '');
  };

  const toggleCase = (index: number) =>
    onChange(
      aliases.map((a, i) => (i === index ? (a.exactCase ? { text: a.text } : { text: a.text, exactCase: true }) : a)),
      draft,
    );

  const removeAt = (index: number) => onChange(aliases.filter((_, i) => i !== index), draft);

  return (
    <div class={`chips${invalid ? ' chips--invalid' : ''}`}>
      {aliases.length > 0 && (
        <ul class="chips__list">
          {aliases.map((alias, i) => (
            <li class="chip" key={`${alias.text}\u0000${i}`} data-testid="alias-chip">
              <span class="chip__text">{alias.text}</span>
              <button
                type="button"
                class={`chip__case${alias.exactCase ? ' chip__case--on' : ''}`}
                aria-pressed={alias.exactCase ? 'true' : 'false'}
                aria-label={`Match exact capitalisation of ${alias.text}`}
                title="Match this exact capitalisation only"
                onClick={() => toggleCase(i)}
              >
                Aa
              </button>
              <button
                type="button"
                class="chip__remove"
                aria-label={`Remove alias ${alias.text}`}
                title="Remove"
                onClick={() => removeAt(i)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        class="chips__input"
        type="text"
        autocomplete="off"
        spellcheck={false}
        value={draft}
        maxLength={MAX_NAME_LENGTH * 4}
        disabled={aliases.length >= MAX_ALIASES}
        placeholder={aliases.length ? 'Add another…' : 'e.g. MEK, PMOI'}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={onBlur}
      />
    </div>
  );
}
