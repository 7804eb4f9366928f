import type { Alias } from '../../lib/model/entity';

/**
 * Separators the alias field accepts when typing or pasting several at once: the CSV format's
 * (docs/glossary-format.md): "|" and ";", and line breaks. Not the comma: names hold commas
 * ("Washington, D.C."); an alias with one is pointed out (alias.review).
 */
export const ALIAS_SEPARATOR = /[|\n\r;]/;

/**
 * Add typed alias texts to a list: trimmed, blanks dropped, no duplicates (case-insensitive,
 * unless the existing one is exact-case and differs in case).
 */
export function addAliases(current: readonly Alias[], texts: readonly string[]): Alias[] {
  const out = [...current];
  for (const raw of texts) {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const dup = out.some((a) => (a.exactCase ? a.text === text : a.text.toLocaleLowerCase() === text.toLocaleLowerCase()));
    if (!dup) out.push({ text });
  }
  return out;
}

/** Split what was typed or pasted: "MEK | PMOI\nMojahedin" -> ["MEK", "PMOI", "Mojahedin"]. */
export function splitAliasText(text: string): string[] {
  return text.split(ALIAS_SEPARATOR).map((t) => t.trim()).filter(Boolean);
}
