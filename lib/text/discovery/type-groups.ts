/**
 * The typing pass of resolution: each group (groups.ts) becomes a person, an organisation or an
 * event with a confidence, or is left out (a place, a common word, too little evidence). The
 * evidence is its forms' type votes and context cues summed; which rule applies depends on what
 * kind of group it is: only acronyms, only names with no type of their own (typed by their
 * cues), or names whose words gave a type (typed by votes).
 */
import { EVENT, isAcronymForm, ORGANIZATION, PERSON, type Evidence, type PageEvidence } from './forms';
import type { Group } from './groups';
import { W_COMMON, W_FIRST } from './lexicon';

/** A group's evidence: its forms' votes and cues added up. */
export interface GroupEvidence extends Evidence {
  /** Every form is an acronym. */
  acronymOnly: boolean;
  /** No form has type votes: all were typed by shape only. */
  proper: boolean;
  /** Mentions found by pass 1. */
  count: number;
}

export interface TypeVerdict {
  type: number;
  confidence: number;
}

/** Decide the type and confidence of every group; a group left out keeps NOT_ENTITY. */
export function typeGroups(groups: readonly Group[], page: PageEvidence): void {
  for (const g of groups) {
    const verdict = typeOf(g, page);
    if (!verdict) continue;
    g.type = verdict.type;
    g.confidence = verdict.confidence;
  }
}

export function typeOf(g: Group, page: PageEvidence): TypeVerdict | undefined {
  const e = evidenceOf(g);
  if (e.strong === 0 && !e.defined && !enoughInWeakPlaces(g, e)) return undefined;
  if (e.acronymOnly) return acronymType(e);
  if (e.proper) return typeByCues(g, e, page);
  return typeByVotes(e);
}

export function evidenceOf(g: Group): GroupEvidence {
  const e: GroupEvidence = { votes: [0, 0, 0], best: [0, 0, 0], orgCue: 0, personCue: 0, placeCue: 0, strong: 0, defined: false, acronymOnly: true, proper: true, count: 0 };
  for (const f of g.forms) {
    for (let t = 0; t < 3; t++) {
      e.votes[t]! += f.votes[t]!;
      if (f.best[t]! > e.best[t]!) e.best[t] = f.best[t]!;
    }
    e.orgCue += f.orgCue;
    e.personCue += f.personCue;
    e.placeCue += f.placeCue;
    e.strong += f.strong;
    e.count += f.mentions.length;
    if (f.defined) e.defined = true;
    if (!isAcronymForm(f)) e.acronymOnly = false;
    if (f.votes[0] + f.votes[1] + f.votes[2] !== 0) e.proper = false;
  }
  if (e.defined) {
    // An abbreviation definition is an organisation's.
    e.votes[ORGANIZATION] += 2;
    e.best[ORGANIZATION] = Math.max(e.best[ORGANIZATION], 0.9);
  }
  return e;
}

/**
 * Seen only in weak places (sentence starts, headlines): a name only with strong evidence (a
 * title, a first name), or, outside headlines, a clear cue ("... tourists. (Reuters)").
 */
function enoughInWeakPlaces(g: Group, e: GroupEvidence): boolean {
  const bodyMention = g.forms.some((f) => f.mentions.some((m) => !m.headline && !m.common));
  return Math.max(...e.best) >= 0.8 || (e.proper && bodyMention && (e.orgCue >= 1.5 || e.personCue >= 2));
}

/** Only acronyms: an organisation, surer when defined, recurring or with a cue. */
function acronymType(e: GroupEvidence): TypeVerdict {
  // One undefined acronym: in news most are organisations ("where ASIO is involved").
  if (!e.defined && e.count < 2 && e.orgCue <= 0 && e.best[ORGANIZATION] === 0) return { type: ORGANIZATION, confidence: 0.5 };
  return { type: ORGANIZATION, confidence: e.defined ? 0.95 : Math.min(0.8, 0.55 + 0.05 * e.count + 0.1 * Math.max(0, e.orgCue)) };
}

/** Names with no type of their own: the cues around them decide; places are dropped. */
function typeByCues(g: Group, e: GroupEvidence, page: PageEvidence): TypeVerdict | undefined {
  const { orgCue: org, personCue: person, placeCue: place } = e;
  const single = g.forms.every((f) => f.parts.length === 1);
  // Outside English, a capitalised name says little by itself (German capitalises every noun;
  // places and works are capitalised everywhere): only a clear cue types it.
  // Multi-word names stay typed by their shape where only names are capitalised.
  if (page.lang && page.lang !== 'en' && (single || page.lang === 'de') && org < 1.5 && person < 2) return undefined;
  if (single) {
    // A common word needs a clear cue.
    const w = g.forms[0]!.parts[0]!;
    const wf = page.lex.flags(w);
    if ((wf & W_COMMON && !(wf & W_FIRST)) || page.lower.has(w)) {
      if (org < 1.5 && person < 1.5) return undefined;
    }
  }
  if (place > 0 && place >= org && place >= person) return undefined;
  if (person > org && person >= 1) return { type: PERSON, confidence: Math.min(0.85, 0.45 + 0.1 * person) };
  if (org > 0) return { type: ORGANIZATION, confidence: Math.min(0.8, 0.4 + 0.1 * org + (e.count >= 2 ? 0.05 : 0)) };
  if (!single) return { type: PERSON, confidence: 0.45 };
  // No cue at all: not enough to call it an entity.
  return { type: ORGANIZATION, confidence: 0.4 };
}

/** Names whose words gave a type: the most voted type, its best evidence the confidence. */
function typeByVotes(e: GroupEvidence): TypeVerdict | undefined {
  const { votes, best, orgCue: org, personCue: person, placeCue: place } = e;
  // Cues add to the votes.
  votes[PERSON] += Math.max(0, person) * 0.2;
  votes[ORGANIZATION] += Math.max(0, org) * 0.2;
  let t = PERSON;
  if (votes[ORGANIZATION] > votes[t]!) t = ORGANIZATION;
  if (votes[EVENT] > votes[t]!) t = EVENT;
  if (votes[t]! <= 0) return undefined;
  let conf = best[t]! || 0.45;
  if (conf < 0.6) {
    const cue = t === PERSON ? person : t === ORGANIZATION ? org : 0;
    conf += Math.min(0.3, 0.1 * Math.max(0, cue));
  }
  if (place > 0 && t !== EVENT) conf -= Math.min(0.3, 0.1 * place);
  if (e.strong === 0) conf -= 0.2;
  return { type: t, confidence: conf };
}
