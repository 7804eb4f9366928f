/** The tags of a note written in the page (the note composer, the card's "Add note"): comma separated. */
export function TagsField({ value, disabled, onInput }: { value: string; disabled: boolean; onInput: (value: string) => void }) {
  return (
    <label class="field">
      <span class="label">Tags</span>
      <input type="text" value={value} placeholder="comma separated" disabled={disabled} onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />
    </label>
  );
}
