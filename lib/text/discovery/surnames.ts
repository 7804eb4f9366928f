/**
 * The surname pass of resolution, after typing: a one-word name that is a person's surname
 * ("Rajavi" of "Maryam Rajavi", "Bashir" of "Omar Hassan al-Bashir", "de Miranda" of "Luis de
 * Miranda") or family name ("Yoon" of "Yoon Suk Yeol") is that person. When several people on
 * the page share it, each mention goes to the one named nearest before it: the mention scan
 * (mention-scan.ts) decides that, from the owners found here.
 */
import { ORGANIZATION, PERSON, EVIDENCE_SCORE, type PageEvidence } from './forms';
import { MERGED_INTO_PERSON, SHARED_SURNAME, type Group } from './groups';
import { E_LEXICON } from './raw-mention';
import { NAME_PARTICLES, W_COUNTRY, W_DEMONYM, W_FIRST, W_LAST } from './lexicon';

/** Surname (a key: one word, or particle and word) → the person groups it may stand for. */
export type SurnameOwners = Map<string, Group[]>;

/** The surnames of every person group's multi-word names. */
export function surnameOwners(groups: readonly Group[], page: PageEvidence): SurnameOwners {
  const owners: SurnameOwners = new Map();
  const add = (k: string, g: Group) => {
    // Not a nationality, a place or a word the page writes in lower case ("Israeli", "Earnest"
    // is fine unless "earnest" appears).
    if (!k.includes(' ')) {
      const kf = page.lex.flags(k);
      if (kf & W_DEMONYM && !(kf & W_LAST)) return;
      // "France" in a page that also names the film-maker David France: the country.
      if (kf & W_COUNTRY) return;
      if (page.lower.has(k)) return;
    }
    let arr = owners.get(k);
    if (!arr) owners.set(k, (arr = []));
    if (!arr.includes(g)) arr.push(g);
  };
  for (const g of groups) {
    if (g.type !== PERSON) continue;
    for (const f of g.forms) {
      if (f.parts.length >= 2) for (const k of surnamesOf(f.parts, page)) add(k, g);
    }
  }
  return owners;
}

/** The surnames a person's full name may be shortened to, in order. */
export function surnamesOf(parts: readonly string[], page: PageEvidence): string[] {
  const out: string[] = [];
  const last = parts[parts.length - 1]!;
  if (!/^(?:jr\.?|sr\.?|ii|iii|iv)$/.test(last)) {
    out.push(last);
    // "Omar Hassan al-Bashir" -> "Bashir".
    const bare = last.replace(/^(?:al|el|ad|as|ash|at|ar|an)-/, '');
    if (bare !== last) out.push(bare);
  } else if (parts.length >= 3) out.push(parts[parts.length - 2]!);
  // "Luis de Miranda" -> "de miranda".
  if (parts.length >= 3 && NAME_PARTICLES.has(parts[parts.length - 2]!)) out.push(`${parts[parts.length - 2]} ${last}`);
  // Family name first: "Yoon Suk Yeol", "Kim Yong-hyun", "Lee Jae-myung".
  const firstF = page.lex.flags(parts[0]!);
  const hyphenGiven = parts.length === 2 && /^[a-z]+-[a-z]+$/.test(parts[1]!);
  if (hyphenGiven || (parts.length === 3 && !(firstF & W_FIRST) && parts.every((p) => p.length <= 5))) out.push(parts[0]!);
  return out;
}

/**
 * A group of one short name (not an acronym, not a known organisation, not a person with a
 * full name) that is a surname: with one owner its form moves to that person; with several it
 * is left to the mention scan.
 */
export function joinSurnames(groups: readonly Group[], owners: SurnameOwners): void {
  for (const g of groups) {
    if (g.type === PERSON && g.forms.some((f) => f.parts.length >= 2)) continue;
    if (g.forms.length !== 1) continue;
    const f = g.forms[0]!;
    if (f.parts.length > 2 || f.acronym) continue;
    const own = owners.get(f.key);
    if (!own || own.length === 0) continue;
    if (g.type === ORGANIZATION && f.best[ORGANIZATION] >= EVIDENCE_SCORE[E_LEXICON]!) continue; // a known organisation
    if (own.length === 1) {
      own[0]!.forms.push(f);
      g.type = MERGED_INTO_PERSON;
    } else {
      g.type = SHARED_SURNAME;
    }
  }
}
