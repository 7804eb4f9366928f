/**
 * The surname a person's full name is shortened to in running text ("Maryam Rajavi" → "Rajavi",
 * "Luiz Inácio Lula da Silva" → "da Silva", "Ludwig van Beethoven" → "van Beethoven", "Martin
 * Luther King Jr." → "King"). When the reader adds a person from the suggestions, the surname
 * becomes one of its aliases, so a later article that names the person by surname alone is
 * marked too (issue 17, "the reader teaches it"). Pure and tiny: the popup imports it.
 */

const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv|v)$/i;
const PARTICLE = /^(?:de|del|della|der|den|di|da|das|do|dos|du|van|von|ter|le|la|bin|ibn|bint|al|el|ben|abu|zu|y|e)$/;

export function surnameOf(fullName: string): string | null {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  while (words.length > 2 && SUFFIX.test(words[words.length - 1]!.replace(/,$/, ''))) words.pop();
  if (words.length < 2) return null;
  let from = words.length - 1;
  while (from > 1 && PARTICLE.test(words[from - 1]!)) from--;
  const surname = words.slice(from).join(' ');
  // An initial or a two-letter word alone ("J.", "Li") matches too much by itself.
  if (surname.replace(/[.\s]/g, '').length < 3 || /^\p{Lu}\.$/u.test(surname)) return null;
  return surname;
}

/** The aliases an entity added from a suggestion gets: the page's own, and a person's surname. */
export function aliasesOfSuggestion(name: string, type: string, aliases: readonly string[]): string[] {
  const out = [...aliases];
  const surname = type === 'person' ? surnameOf(name) : null;
  const seen = new Set([name, ...aliases].map((a) => a.toLowerCase()));
  if (surname && !seen.has(surname.toLowerCase())) out.push(surname);
  return out;
}
