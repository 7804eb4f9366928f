/**
 * Join passes for organisations' other names: a clipped name ("the Fed" for "Federal Reserve"),
 * a short form ("Alibaba" for "Alibaba Group", "Oculus" for "Oculus VR") and a name inside a
 * longer one ("General Assembly" in "U.N. General Assembly"). Each is one JoinPass (forms.ts);
 * resolve.ts runs them in order.
 */
import { W_COMMON, W_ORG, W_PLACE } from './lexicon';
import { isOrganizationLike, type Form, type FormTable, type PageEvidence } from './forms';

/** Words after a company's name that do not change the company: "Alibaba Group", "Oculus VR". */
const GENERIC_ORG_TAIL = new Set(['group', 'inc', 'inc.', 'corp', 'corp.', 'co', 'co.', 'company', 'corporation', 'holdings', 'ltd', 'ltd.', 'plc', 'llc', 'party', 'news', 'media', 'international', 'worldwide', 'global', 'limited']);

/** Endings that derive a word rather than clip it: "Congress" is not clipped from "Congressional". */
const DERIVATION = /^(?:al|ial|ional|ian|an|ic|ical|ist|ese|ish|ary|ive|ite|s|es)$/;

/** A one-word name (not a person's, not an acronym) that begins the first word of exactly one multi-word organisation: "the Fed" ↔ "Federal Reserve". */
export function joinClippedNames(forms: FormTable): void {
  const multiOrg = forms.list.filter((g) => g.parts.length >= 2 && isOrganizationLike(g));
  for (const f of forms.list) {
    if (f.parts.length !== 1 || f.acronym || f.key.length < 3 || f.votes[0] > 0) continue;
    const clipped = (w: string) => w.length > f.key.length && w.startsWith(f.key) && !DERIVATION.test(w.slice(f.key.length));
    const hits = multiOrg.filter((g) => clipped(g.parts[0]!));
    if (hits.length === 1) forms.join(f, hits[0]!);
  }
}

/** A one-word name and the same name with a generic tail ("Alibaba Group") or a short capitals one ("Oculus VR"), unless that is a person. */
export function joinShortForms(forms: FormTable): void {
  const byFirstPart = new Map<string, Form[]>();
  for (const f of forms.list) {
    if (f.parts.length < 2) continue;
    let arr = byFirstPart.get(f.parts[0]!);
    if (!arr) byFirstPart.set(f.parts[0]!, (arr = []));
    arr.push(f);
  }
  for (const f of forms.list) {
    if (f.parts.length !== 1) continue;
    for (const g of byFirstPart.get(f.parts[0]!) ?? []) {
      const rest = g.parts.slice(1);
      const generic = rest.every((p) => GENERIC_ORG_TAIL.has(p));
      const capsTail = rest.length === 1 && rest[0]!.length <= 3 && g.mentions.some((m) => /\s\p{Lu}{2,3}$/u.test(m.surface));
      if ((generic || capsTail) && g.votes[0] <= g.votes[1] + g.votes[2]) forms.join(f, g);
    }
  }
}

/**
 * A multi-word organisation inside a longer one: "General Assembly" in "U.N. General Assembly",
 * "Revolutionary Guards" in "Islamic Revolutionary Guard Corps". Only when every longer name
 * containing it is already one entity (so this pass runs after the others that join
 * organisations), and not behind a common word ("Supreme National Security Council" does not
 * contain the "National Security Council").
 */
export function joinNamesInsideLongerOnes(forms: FormTable, page: PageEvidence): void {
  const multi = forms.list.filter((f) => f.parts.length >= 2 && isOrganizationLike(f));
  const stems = new Map(multi.map((f) => [f, f.parts.map(stem)]));
  for (const f of multi) {
    const inner = stems.get(f)!;
    const containers = multi.filter((g) => g !== f && g.parts.length > f.parts.length && containsName(g, stems.get(g)!, inner, page));
    if (containers.length === 0) continue;
    const roots = new Set(containers.map((g) => forms.rootOf(g)));
    if (roots.size === 1) forms.join(f, containers[0]!);
  }
}

const stem = (p: string) => (p.length > 3 && p.endsWith('s') ? p.slice(0, -1) : p);

/**
 * `outer`'s words hold `inner`'s (both as stems: plurals aside), looked for at the first place
 * only, and the word before them is a name, not a common word like "Supreme".
 */
function containsName(outer: Form, gs: readonly string[], fs: readonly string[], page: PageEvidence): boolean {
  for (let o = 0; o + fs.length <= gs.length; o++) {
    let ok = true;
    for (let q = 0; q < fs.length && ok; q++) if (gs[o + q] !== fs[q]) ok = false;
    if (!ok) continue;
    // A name before it (U.N., Islamic, Urban-Brookings) makes a longer name of the same body.
    const before = o > 0 ? outer.parts[o - 1]! : '';
    const bf = page.lex.flags(before.replace(/\./g, ''));
    const adjectiveBefore = o > 0 && bf & W_COMMON && !(bf & (W_PLACE | W_ORG));
    return !adjectiveBefore;
  }
  return false;
}
