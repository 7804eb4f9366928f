/**
 * What the matcher will do with an entity's names and aliases, said before it does it: for the
 * entity form (alias.review) and import previews. Pure; the words are the options page's.
 */
import { effectiveOptions, surfaceForms, type Alias, type Entity, type MatchDefaults } from '../model/entity';
import type { AliasReview, ImportAliasNote } from '../model/alias-review';

export type { AliasReview, SharedWith } from '../model/alias-review';
import { isCommonWord, isMonthName } from '../text/common-words';
import { normalizeText } from '../text/normalize';

interface GlossaryEntry {
  id: string;
  name: string;
  aliases: Alias[];
  createdAt: number;
}

/** Lower-case and "any case" aliases are not judged as words: the reader asked for every case. */
function isCommonAlias(a: Alias, defaults?: MatchDefaults): boolean {
  const o = effectiveOptions(a, defaults);
  if (!o.exactCase && a.exactCase === false) return false;
  if (!/\p{Lu}/u.test(a.text) || a.text === a.text.toUpperCase()) return false;
  return isCommonWord(a.text);
}

/** An index of the glossary's forms by normalised text, built once per review. */
export function indexForms(glossary: readonly GlossaryEntry[]): Map<string, GlossaryEntry[]> {
  const byKey = new Map<string, GlossaryEntry[]>();
  for (const e of glossary) {
    for (const key of new Set(surfaceForms(e).map((a) => normalizeText(a.text)))) {
      const list = byKey.get(key);
      if (list) list.push(e);
      else byKey.set(key, [e]);
    }
  }
  return byKey;
}

export function reviewAliases(
  draft: { id?: string; name: string; aliases: Alias[]; createdAt?: number },
  byKey: Map<string, GlossaryEntry[]>,
  defaults?: MatchDefaults,
): AliasReview[] {
  const forms = surfaceForms(draft);
  const common = forms.map((a) => isCommonAlias(a, defaults));
  const keys = forms.map((a) => normalizeText(a.text));
  const shared = keys.map((k) => (byKey.get(k) ?? []).filter((e) => e.id !== draft.id).sort((a, b) => a.createdAt - b.createdAt));
  const hasFullName = forms.some((_, i) => !common[i] && shared[i]!.length === 0);
  const me: GlossaryEntry = { id: draft.id ?? '', name: draft.name, aliases: draft.aliases, createdAt: draft.createdAt ?? Number.MAX_SAFE_INTEGER };
  const seen = new Set<string>();
  const out: AliasReview[] = [];
  forms.forEach((a, i) => {
    if (seen.has(keys[i]!)) return;
    seen.add(keys[i]!);
    const others = shared[i]!;
    const first = others.length ? [me, ...others].reduce((x, y) => (y.createdAt < x.createdAt ? y : x)) : null;
    out.push({
      text: a.text,
      common: common[i]!,
      month: isMonthName(a.text),
      listLike: a.text.includes(','),
      sharedWith: others.slice(0, 5).map((e) => ({ id: e.id, name: e.name })),
      defaultWinner: first ? { id: first.id, name: first.name } : null,
      hasFullName,
    });
  });
  return out;
}

/** Whether a review says anything the reader should see. */
export function reviewNeedsSaying(r: AliasReview): boolean {
  return r.common || r.month || r.listLike || r.sharedWith.length > 0;
}

/** The alias notes of an import preview: entries whose aliases are common words, months, lists, or shared with the glossary or the file. */
export function importAliasNotes(
  entries: readonly { id?: string; name: string; aliases?: Alias[] }[],
  glossary: readonly Entity[],
  max = 1000,
): ImportAliasNote[] {
  // The file's entries count as sharing with each other too (they arrive together), after the glossary's.
  const fileEntries = entries.map((e, i) => ({ id: e.id ?? `#${i}`, name: e.name, aliases: e.aliases ?? [], createdAt: Number.MAX_SAFE_INTEGER - entries.length + i }));
  const byKey = indexForms([...glossary, ...fileEntries]);
  const out: ImportAliasNote[] = [];
  fileEntries.forEach((e, index) => {
    if (out.length >= max) return;
    const reviews = reviewAliases(e, byKey).filter(reviewNeedsSaying);
    if (reviews.length) out.push({ index, name: e.name, reviews });
  });
  return out;
}
