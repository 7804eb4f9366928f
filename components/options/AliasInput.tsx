/**
 * Aliases as chips. Typing "|" or ";" (or Enter) turns the text so far into a chip; pasting
 * several lines adds them all; Backspace in the empty field removes the last chip. Each chip
 * has an "Aa" toggle for exact-case matching (Alias.exactCase), an "é" toggle for accents
 * (Alias.diacriticSensitive), a "hide" toggle (Alias.hidden: match, never show — a known
 * misspelling; the chip is then greyed, and only this form shows it) and a remove button. A toggle shows the option in effect (the
 * alias's own, else the reader's default); pressing it sets the opposite, and an option equal
 * to the default is stored as "follow the default".
 * The text still being typed is held by the parent form (`draft`) so that submitting the form
 * keeps it.
 */
import type { TargetedClipboardEvent, TargetedInputEvent, TargetedKeyboardEvent } from 'preact';
import type { Alias, MatchDefaults } from '../../lib/model/entity';
import { MAX_ALIASES, MAX_NAME_LENGTH, NO_MATCH_DEFAULTS, effectiveOptions } from '../../lib/model/entity';
import { addAliases, ALIAS_SEPARATOR, splitAliasText } from './aliases';
import { ChipRemove, Chips, ChipsInput } from './Chips';

interface AliasInputProps {
  id: string;
  aliases: Alias[];
  draft: string;
  onChange: (aliases: Alias[], draft: string) => void;
  invalid?: boolean;
  describedBy?: string;
  defaults?: MatchDefaults;
}

export function AliasInput({ id, aliases, draft, onChange, invalid, describedBy, defaults = NO_MATCH_DEFAULTS }: AliasInputProps) {
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

  const toggle = (index: number, option: 'exactCase' | 'diacriticSensitive') =>
    onChange(
      aliases.map((a, i) => {
        if (i !== index) return a;
        const next = !effectiveOptions(a, defaults)[option];
        const out: Alias = { ...a };
        // The default needs no saying: the alias then follows it should the default change.
        if (next === defaults[option]) delete out[option];
        else out[option] = next;
        return out;
      }),
      draft,
    );

  const toggleHidden = (index: number) =>
    onChange(
      aliases.map((a, i) => {
        if (i !== index) return a;
        const out: Alias = { ...a };
        if (a.hidden) delete out.hidden;
        else out.hidden = true;
        return out;
      }),
      draft,
    );

  const removeAt = (index: number) => onChange(aliases.filter((_, i) => i !== index), draft);

  return (
    <Chips
      invalid={invalid}
      chips={aliases.map((alias, i) => (
        <AliasChip
          key={`${alias.text}\u0000${i}`}
          alias={alias}
          options={effectiveOptions(alias, defaults)}
          onToggle={(option) => toggle(i, option)}
          onToggleHidden={() => toggleHidden(i)}
          onRemove={() => removeAt(i)}
        />
      ))}
    >
      <ChipsInput
        id={id}
        draft={draft}
        count={aliases.length}
        max={MAX_ALIASES}
        first="e.g. MEK, PMOI"
        more="Add another…"
        invalid={invalid}
        describedBy={describedBy}
        spellcheck={false}
        maxLength={MAX_NAME_LENGTH * 4}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={onBlur}
      />
    </Chips>
  );
}

interface AliasChipProps {
  alias: Alias;
  /** The options in effect: the alias's own, else the reader's defaults. */
  options: MatchDefaults;
  onToggle: (option: 'exactCase' | 'diacriticSensitive') => void;
  onToggleHidden: () => void;
  onRemove: () => void;
}

function AliasChip({ alias, options: o, onToggle, onToggleHidden, onRemove }: AliasChipProps) {
  return (
    <li class={`chip${alias.hidden ? ' chip--hidden' : ''}`} data-testid="alias-chip" data-hidden={alias.hidden ? 'true' : undefined}>
      <span class="chip__text">{alias.text}</span>
      <button
        type="button"
        class={`chip__case${o.exactCase ? ' chip__case--on' : ''}`}
        aria-pressed={o.exactCase ? 'true' : 'false'}
        aria-label={`Match exact capitalisation of ${alias.text}`}
        title={o.exactCase ? 'Matches this exact capitalisation only' : 'Matches any capitalisation'}
        onClick={() => onToggle('exactCase')}
      >
        Aa
      </button>
      <button
        type="button"
        class={`chip__case${o.diacriticSensitive ? ' chip__case--on' : ''}`}
        aria-pressed={o.diacriticSensitive ? 'true' : 'false'}
        aria-label={`Match accents of ${alias.text} exactly`}
        title={o.diacriticSensitive ? 'Accents must match (Côte is not Cote)' : 'Accents ignored (Côte matches Cote)'}
        onClick={() => onToggle('diacriticSensitive')}
      >
        é
      </button>
      <button
        type="button"
        class={`chip__case${alias.hidden ? ' chip__case--on' : ''}`}
        aria-pressed={alias.hidden ? 'true' : 'false'}
        aria-label={`Match ${alias.text} but never show it`}
        title={alias.hidden ? 'Matched on pages, never shown (e.g. a known misspelling)' : 'Shown as one of the names'}
        data-testid="alias-hidden"
        onClick={onToggleHidden}
      >
        hide
      </button>
      <ChipRemove label={`Remove alias ${alias.text}`} onRemove={onRemove} />
    </li>
  );
}
