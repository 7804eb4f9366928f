/**
 * Join passes for abbreviations: the page's own definitions ("National Council of Resistance of
 * Iran (NCRI)"), acronyms that spell the initials of a name on the page ("IRGC" ↔ "Islamic
 * Revolutionary Guard Corps", "U.N." ↔ "United Nations"), and acronym typos ("IRCG" for
 * "IRGC"). Each is one JoinPass (forms.ts); resolve.ts runs them in order.
 */
import { wordKey } from '../fold';
import { isAcronymForm, type Form, type FormTable, type PageEvidence } from './forms';
import { SHAPE_PUNCT } from './tokenize';

/** Words an acronym may skip: "National Council of Resistance of Iran" is NCRI or NCoRoI. */
const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'on', '&', 'a', 'de']);

/** Both sides of every abbreviation definition are one entity; the short side is an acronym. */
export function joinAbbreviationDefinitions(forms: FormTable, page: PageEvidence): void {
  for (const d of page.definitions) {
    const toks = page.docs[d.block]!.tokens;
    let key = toks[d.longFrom]!.norm;
    for (let q = d.longFrom + 1; q < d.longTo; q++) if (toks[q]!.shape !== SHAPE_PUNCT) key += ` ${toks[q]!.norm}`;
    const long = forms.add(key);
    long.defined = true;
    for (const s of d.short) {
      // Keyed as its mentions' tokens are (wordKey), or "(ÖVP)" would not meet "ÖVP".
      const short = forms.add(wordKey(s));
      short.defined = true;
      short.acronym = true;
      forms.join(long, short);
    }
  }
}

/** The initials of a name's words, without and with the small words ("ncri", "ncoroi"). */
export function initialsOf(parts: readonly string[]): string[] {
  let strict = '';
  let withSmall = '';
  for (const p of parts) {
    const bare = p.replace(/\./g, '');
    if (!bare) continue;
    const isSmall = SMALL_WORDS.has(p);
    for (const piece of bare.split('-')) {
      if (!piece) continue;
      if (!isSmall) strict += piece[0];
      withSmall += piece[0];
    }
  }
  return strict === withSmall ? [strict] : [strict, withSmall];
}

/** An acronym joins every multi-word name (not a person's) whose initials it spells. */
export function joinAcronymsToInitials(forms: FormTable): void {
  const byInitials = new Map<string, Form[]>();
  for (const f of forms.list) {
    if (f.parts.length < 2) continue;
    const [person, org, event] = f.votes;
    if (person > org + event && person > 0) continue; // people are not acronyms here
    for (const ini of initialsOf(f.parts)) {
      if (ini.length < 2) continue;
      let arr = byInitials.get(ini);
      if (!arr) byInitials.set(ini, (arr = []));
      arr.push(f);
    }
  }
  for (const f of forms.list) {
    if (!isAcronymForm(f)) continue;
    const bare = f.key.replace(/\./g, '');
    for (const g of byInitials.get(bare) ?? []) forms.join(f, g);
  }
}

/** Acronyms of four letters or more, one transposition apart ("IRCG", "IRGC"): the rarer spelling joins the commoner one. */
export function joinAcronymTypos(forms: FormTable): void {
  const acronyms = forms.list.filter((f) => isAcronymForm(f) && f.key.length >= 4);
  for (const f of acronyms) {
    for (const g of acronyms) {
      if (g === f || g.key.length !== f.key.length) continue;
      if (oneTranspositionApart(f.key, g.key) && f.mentions.length < g.mentions.length) forms.join(f, g);
    }
  }
}

/** Same length, and equal once two neighbouring characters of one are swapped. */
function oneTranspositionApart(a: string, b: string): boolean {
  let diff = -1;
  let diffs = 0;
  for (let q = 0; q < a.length; q++) {
    if (a[q] !== b[q]) {
      diffs++;
      if (diff < 0) diff = q;
    }
  }
  return diffs === 2 && a[diff] === b[diff + 1] && a[diff + 1] === b[diff];
}

