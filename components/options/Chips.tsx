/**
 * The chips box shared by the aliases and the tags of the entity form: the chips so far, each
 * with a remove button, then the field that adds more (disabled once the list is full).
 */
import type { ComponentChildren, TargetedClipboardEvent, TargetedInputEvent, TargetedKeyboardEvent } from 'preact';

interface ChipsProps {
  invalid?: boolean;
  /** One <li class="chip"> per chip. */
  chips: ComponentChildren[];
  /** The field (ChipsInput) and anything after it. */
  children: ComponentChildren;
}

export function Chips({ invalid, chips, children }: ChipsProps) {
  return (
    <div class={`chips${invalid ? ' chips--invalid' : ''}`}>
      {chips.length > 0 && <ul class="chips__list">{chips}</ul>}
      {children}
    </div>
  );
}

export function ChipRemove({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <button type="button" class="chip__remove" aria-label={label} title="Remove" onClick={onRemove}>
      ×
    </button>
  );
}

interface ChipsInputProps {
  id: string;
  draft: string;
  /** How many chips there are, and how many there may be. */
  count: number;
  max: number;
  /** The placeholder before the first chip, and after it. */
  first: string;
  more: string;
  invalid?: boolean;
  describedBy?: string;
  maxLength: number;
  /** A <datalist> of suggestions. */
  list?: string;
  spellcheck?: boolean;
  onInput: (e: TargetedInputEvent<HTMLInputElement>) => void;
  onKeyDown: (e: TargetedKeyboardEvent<HTMLInputElement>) => void;
  onPaste?: (e: TargetedClipboardEvent<HTMLInputElement>) => void;
  onBlur: () => void;
}

export function ChipsInput({ id, draft, count, max, first, more, invalid, describedBy, ...rest }: ChipsInputProps) {
  return (
    <input
      id={id}
      class="chips__input"
      type="text"
      autocomplete="off"
      value={draft}
      disabled={count >= max}
      placeholder={count ? more : first}
      aria-invalid={invalid ? 'true' : undefined}
      aria-describedby={describedBy}
      {...rest}
    />
  );
}
