/**
 * The first step of pass 2 (resolution): the page's forms. A form is one distinct name the page
 * uses, keyed by its token norms joined by a space ("maryam rajavi", "ncri"), with the evidence
 * of all its mentions summed up: type votes, context cues, acronym, year and event noun.
 *
 * A FormTable also holds which forms name the same entity: a union-find over the forms, which
 * the join passes (join-*.ts) add to one rule at a time and groupsOf() (groups.ts) reads out.
 * Pass 1's mentions and the page's abbreviation definitions are the only ways forms are added.
 */
import type { AbbreviationDefinition } from './abbreviations';
import { E_FIRST_NAME, E_HEAD, E_LEXICON, E_NAME_EVENT, E_SHAPE, E_TITLE, E_YEAR_EVENT, K_ACRONYM, K_EVENT, K_ORG, K_PERSON, type RawMention } from './raw-mention';
import type { Lexicon } from './lexicon';
import type { Language } from './languages';
import type { BlockTokens } from './tokenize';
import type { EntityType } from './types';

/** Index of an entity type in a form's votes and a group's type. */
export const PERSON = 0;
export const ORGANIZATION = 1;
export const EVENT = 2;
/** The entity type of each index. */
export const TYPE_NAMES: readonly EntityType[] = ['person', 'organization', 'event'];

const TYPE_OF_KIND: Record<number, number> = { [K_PERSON]: PERSON, [K_ORG]: ORGANIZATION, [K_EVENT]: EVENT };

/** How much one mention's evidence says about its type (the E_* constants of raw-mention.ts). */
export const EVIDENCE_SCORE: Record<number, number> = {
  [E_TITLE]: 0.9,
  [E_HEAD]: 0.85,
  [E_LEXICON]: 0.8,
  [E_FIRST_NAME]: 0.8,
  [E_YEAR_EVENT]: 0.8,
  [E_NAME_EVENT]: 0.7,
  [E_SHAPE]: 0.45,
};

/** Type evidence summed up: over a form's mentions, or over a group's forms (type-groups.ts). */
export interface Evidence {
  /** Type votes: person, organisation, event (weak places count 30%). */
  votes: [number, number, number];
  /** The strongest single piece of evidence for each type. */
  best: [number, number, number];
  orgCue: number;
  personCue: number;
  placeCue: number;
  /** Mentions in reliable places (not a headline, not a sentence start). */
  strong: number;
  /** Either side of an abbreviation definition. */
  defined: boolean;
}

export interface Form extends Evidence {
  /** Its place in the table. */
  index: number;
  key: string;
  /** The key's words. */
  parts: string[];
  mentions: RawMention[];
  /** Written in capitals, or the short side of an abbreviation definition. */
  acronym: boolean;
  year?: string;
  eventNoun?: string;
  /** Reading position of its first mention (block * 1e6 + token). */
  first: number;
}

/** What the passes of resolution read besides the forms: the page and the word knowledge. */
export interface PageEvidence {
  docs: readonly BlockTokens[];
  definitions: readonly AbbreviationDefinition[];
  /** Words the page writes in lower case somewhere. */
  lower: Set<string>;
  lex: Lexicon;
  /** The page's language (default English): other languages ask more of names with no type of their own. */
  lang?: Language;
}

/** A join pass: unions the forms that one rule says name the same entity. */
export type JoinPass = (forms: FormTable, page: PageEvidence) => void;

export class FormTable {
  /** Every form, in the order the page first gave it. */
  readonly list: Form[] = [];
  private readonly byKey = new Map<string, Form>();
  /** Union-find parent of each form's index; a root is the smallest index of its set. */
  private readonly parent: number[] = [];

  get(key: string): Form | undefined {
    return this.byKey.get(key);
  }

  /** The form of this key, added when the page has not used it yet. */
  add(key: string): Form {
    let f = this.byKey.get(key);
    if (f) return f;
    f = {
      index: this.list.length,
      key,
      parts: key.split(' '),
      mentions: [],
      votes: [0, 0, 0],
      best: [0, 0, 0],
      orgCue: 0,
      personCue: 0,
      placeCue: 0,
      strong: 0,
      acronym: false,
      defined: false,
      first: Number.MAX_SAFE_INTEGER,
    };
    this.byKey.set(key, f);
    this.list.push(f);
    this.parent.push(f.index);
    return f;
  }

  /** The index of the root of the form's set: the same for every form of one entity. */
  rootOf(f: Form): number {
    return this.find(f.index);
  }

  /** Say that two forms name the same entity. */
  join(a: Form, b: Form): void {
    const ra = this.find(a.index);
    const rb = this.find(b.index);
    if (ra === rb) return;
    // The smaller index stays the root: deterministic, whatever the order of joins.
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }

  private find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
}

/** One-word forms written in capitals or defined as abbreviations ("NCRI", "U.N."). */
export function isAcronymForm(f: Form): boolean {
  return f.parts.length === 1 && f.acronym;
}

/** More organisation votes than person votes, and at least as many as event votes. */
export function isOrganizationLike(f: Form): boolean {
  return f.votes[ORGANIZATION] > f.votes[PERSON] && f.votes[ORGANIZATION] >= f.votes[EVENT];
}

/** The page's forms from pass 1's mentions, each with the summed evidence of its mentions. */
export function collectForms(mentions: readonly RawMention[]): FormTable {
  const forms = new FormTable();
  for (const m of mentions) addEvidence(forms.add(m.key), m);
  return forms;
}

function addEvidence(f: Form, m: RawMention): void {
  f.mentions.push(m);
  const pos = m.block * 1e6 + m.order;
  if (pos < f.first) f.first = pos;
  if (!m.weak) f.strong++;
  f.orgCue += m.orgCue;
  f.personCue += m.personCue;
  f.placeCue += m.placeCue;
  if (m.kind === K_ACRONYM || m.upper) f.acronym = true;
  if (m.year) f.year = m.year;
  if (m.eventNoun) f.eventNoun = m.eventNoun;
  const t = TYPE_OF_KIND[m.kind];
  if (t === undefined) return;
  let score = EVIDENCE_SCORE[m.evidence] ?? 0.45;
  // In a headline or at a sentence start only a title or a first name is evidence.
  if (m.weak && m.evidence !== E_TITLE && m.evidence !== E_FIRST_NAME) score = Math.min(score, 0.5);
  f.votes[t] = f.votes[t]! + (m.weak ? score * 0.3 : score);
  if (score > f.best[t]!) f.best[t] = score;
}
