/**
 * Join pass for events: one year and one kind of event are one event ("the 2009 protests" ↔
 * "the 2009 uprising"), and a year-prefixed name is the name ("1939 World’s Fair" ↔ "World’s
 * Fair"). A JoinPass (forms.ts); resolve.ts runs it in order.
 */
import { EVENT, type Form, type FormTable } from './forms';

export function joinEvents(forms: FormTable): void {
  const byYearAndKind = new Map<string, Form>();
  for (const f of forms.list) {
    if (f.votes[EVENT] <= 0) continue;
    if (f.year && f.eventNoun) {
      const k = `${f.year}|${f.eventNoun}`;
      const g = byYearAndKind.get(k);
      if (g) forms.join(f, g);
      else byYearAndKind.set(k, f);
    }
    if (/^\d{4}$/.test(f.parts[0]!) && f.parts.length >= 3) {
      const name = forms.get(f.parts.slice(1).join(' '));
      if (name) forms.join(f, name);
    }
  }
}
