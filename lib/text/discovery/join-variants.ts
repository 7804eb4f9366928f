/**
 * Join passes for spelling variants of one name: plural and singular ("Revolutionary Guards" ↔
 * "Revolutionary Guard"), and a person's name with and without initials ("Donald J. Trump" ↔
 * "Donald Trump"). Each is one JoinPass (forms.ts); resolve.ts runs them in order.
 */
import { PERSON, type Form, type FormTable } from './forms';

/** A multi-word name ending in "s" and the same name without it, when the page uses both. */
export function joinPluralForms(forms: FormTable): void {
  for (const f of forms.list) {
    if (!f.key.endsWith('s') || f.parts.length < 2) continue;
    const singular = forms.get(f.key.slice(0, -1));
    if (singular) forms.join(f, singular);
  }
}

/** The words of a name that are not initials ("donald trump" for "donald j. trump"). */
export function withoutInitials(parts: readonly string[]): string {
  return parts.filter((p) => !/^(?:[a-z]\.)+$/.test(p)).join(' ');
}

/** Multi-word names with person votes that are the same once initials are dropped. */
export function joinPersonInitials(forms: FormTable): void {
  const byName = new Map<string, Form>();
  for (const f of forms.list) {
    if (f.parts.length < 2 || f.votes[PERSON] <= 0) continue;
    const k = withoutInitials(f.parts);
    const g = byName.get(k);
    if (g) forms.join(f, g);
    else byName.set(k, f);
  }
}
