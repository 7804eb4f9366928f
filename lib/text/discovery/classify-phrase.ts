/**
 * Classifying a name, the last step of detection: cut at "of" / "for" / "on" where they join
 * two names ("Mitch McConnell of Kentucky") rather than build one ("Council on Foreign
 * Relations", "Century of Progress Exposition"); then say what each name is from its own words:
 * a phrase compromise knows, a law or a place (dropped), an event or an organisation by its head
 * word, a person by a first or last name, or an unknown name typed later by its cues. One word
 * goes to classify-word.ts.
 */
import { affiliationInList, emit, flagsOf, hasConnectorAfterHead, hasHeadBefore, isCommon, keyOf, personish, scoreAdjacent, type BlockContext } from './block-context';
import { classifyWord } from './classify-word';
import { normEventNoun } from './events';
import { NAME_PARTICLES, W_COUNTRY, W_DEMONYM, W_EVENT_HEAD, W_FIRST, W_FREQUENT, W_FUNCTION, W_HONORIFIC, W_LAST, W_LAW_HEAD, W_ORG, W_ORG_HEAD, W_PERSON, W_PLACE, W_PLACE_HEAD, W_TITLE } from './lexicon';
import { E_FIRST_NAME, E_HEAD, E_LEXICON, E_SHAPE, K_EVENT, K_ORG, K_PERSON, K_PROPER } from './raw-mention';
import { SHAPE_CAP, SHAPE_LOWER, SHAPE_UPPER } from './tokenize';

/** Words that open an event's name: "Hurricane Katrina", "Operation Desert Storm", "Battle of ...". */
export const EVENT_FIRST = new Set(['hurricane', 'typhoon', 'cyclone', 'storm', 'operation', 'battle', 'siege', 'invasion', 'liberation', 'massacre', 'expedition']);
/**
 * Of those, the ones that take a name right after them ("Hurricane Katrina", "Operation Desert
 * Storm"); the others are events only with "of" ("Battle of the Somme", "Liberation of Paris"):
 * "Libération" is also a newspaper ("Le meilleur de Libération Offrez ..."), "Battle Creek" a town.
 */
const EVENT_FIRST_NAMED = new Set(['hurricane', 'typhoon', 'cyclone', 'storm', 'operation', 'expedition']);

/** Cut the name [a, b) at "of" / "for" / "on" where they join two names, and classify each. */
export function splitAtOf(ctx: BlockContext, a: number, b: number, initial: boolean, orgHint: number): void {
  if (a >= b) return;
  const T = ctx.tokens;
  const lastF = flagsOf(ctx, T[b - 1]!);
  const headFinal = (lastF & (W_ORG_HEAD | W_EVENT_HEAD)) !== 0 && b - a >= 2;
  for (let k = a + 1; k < b - 1; k++) {
    const t = T[k]!;
    if (t.shape !== SHAPE_LOWER) continue;
    const w = t.norm;
    if (w !== 'of' && w !== 'for' && w !== 'on') continue;
    // "of" also sits inside head-final names: "Century of Progress Exposition".
    // "Jeremy Hansen of the Canadian Space Agency": a person (a given name first) of a body is two names.
    const personOfThe = w === 'of' && T[k + 1]?.norm === 'the' && flagsOf(ctx, T[a]!) & W_FIRST && !hasHeadBefore(ctx, a, k) && k - a >= 2;
    const keep = !personOfThe && (hasHeadBefore(ctx, a, k) || (w === 'of' && headFinal));
    if (!keep) {
      splitAtOf(ctx, a, k, initial, orgHint);
      let s = k + 1;
      while (s < b && T[s]!.shape === SHAPE_LOWER) s++;
      if (s < b) splitAtOf(ctx, s, b, false, 0);
      return;
    }
  }
  classifyPhrase(ctx, a, b, initial, orgHint);
}

/** Decide what the name [a, b) is, by its head word or the phrase compromise knows. */
export function classifyPhrase(ctx: BlockContext, a: number, b: number, initial: boolean, orgHint: number): void {
  const T = ctx.tokens;
  const lex = ctx.lex;
  while (a < b && (T[a]!.shape === SHAPE_LOWER || flagsOf(ctx, T[a]!) & W_FUNCTION)) a++;
  while (b > a && T[b - 1]!.shape === SHAPE_LOWER) b--;
  if (a >= b) return;
  const n = b - a;
  // A single word at a sentence start proves nothing; a longer name does (its first word was
  // checked not to be a common word).
  const weak = ctx.block.headline || (initial && n === 1 && T[a]!.initial);
  const last = T[b - 1]!;
  const ff = flagsOf(ctx, T[a]!);
  const lf = flagsOf(ctx, last);

  // Phrases compromise knows ("barack obama", "al qaeda", "amnesty international").
  if (n >= 2 && n <= lex.maxPhraseWords) {
    const pf = lex.phraseFlags(keyOf(ctx, a, b).replace(/-/g, ' ').replace(/\./g, ''));
    if (pf & W_PERSON) return void emit(ctx, a, b, K_PERSON, E_LEXICON, weak);
    if (pf & W_ORG) return void emit(ctx, a, b, K_ORG, E_LEXICON, weak);
    if (pf & W_PLACE) return;
  }

  if (n === 1) {
    // "The Post", "The National": a capitalised "The" inside a sentence opens a title.
    const prev = T[a - 1];
    const theCap = !!prev && prev.norm === 'the' && prev.shape === SHAPE_CAP && !prev.initial && !ctx.block.headline;
    return classifyWord(ctx, a, weak, orgHint, theCap);
  }

  // A team where a results line or a squad list puts one: "Norwich City 38 9 7 22",
  // "Leeds 1 Newcastle United 2", "(Kansas City Wizards)"; a country there is a national side.
  if (teamSlot(ctx, a, b)) return void emit(ctx, a, b, K_ORG, E_SHAPE, weak, { orgCue: 2 });

  // Laws and places: not ours.
  if (lf & W_LAW_HEAD && !(lf & (W_ORG_HEAD | W_EVENT_HEAD))) return;
  if (lf & W_PLACE_HEAD && !(lf & (W_ORG_HEAD | W_EVENT_HEAD))) return;

  // Events named head first: "Hurricane Katrina", "Operation Desert Storm", "Battle of the
  // Somme", "Siege of Sarajevo" (a head then a name, or a head then "of").
  if (EVENT_FIRST.has(T[a]!.norm) && n >= 2 && ((T[a + 1]!.shape !== SHAPE_LOWER && EVENT_FIRST_NAMED.has(T[a]!.norm)) || T[a + 1]!.norm === 'of')) {
    return void emit(ctx, a, b, K_EVENT, E_HEAD, weak, { eventNoun: T[a]!.norm });
  }
  // Events: "Arab Spring", "Iran-Iraq War", "World War II", "Paris Motor Show".
  let eventEnd = b;
  if (/^(?:i|ii|iii|iv|v|1|2)$/.test(last.norm) && n >= 3 && flagsOf(ctx, T[b - 2]!) & W_EVENT_HEAD) eventEnd = b - 1;
  const ef = flagsOf(ctx, T[eventEnd - 1]!);
  if (ef & W_EVENT_HEAD && !(ff & (W_TITLE | W_HONORIFIC))) {
    return void emit(ctx, a, b, K_EVENT, E_HEAD, weak, { eventNoun: normEventNoun(T[eventEnd - 1]!.norm) });
  }
  // Organisations: "... Council", "Ministry of ...", "University of ...".
  const headInitial = ff & W_ORG_HEAD && n >= 3 && T[a + 1]!.shape === SHAPE_LOWER && /^(?:of|for|on)$/.test(T[a + 1]!.norm);
  if (lf & W_ORG_HEAD || headInitial || hasConnectorAfterHead(ctx, a, b)) return void emit(ctx, a, b, K_ORG, E_HEAD, weak, { orgCue: orgHint });
  // Languages that name bodies head first: "Instituto Nacional Electoral", "Partido Verde
  // Ecologista", "Asamblea Constituyente" (not a first name: "Marina Silva").
  if (lex.headFirst && ff & W_ORG_HEAD && !(ff & (W_FIRST | W_LAST | W_PERSON))) return void emit(ctx, a, b, K_ORG, E_HEAD, weak, { orgCue: orgHint });

  classifyByWords(ctx, a, b, weak, orgHint);
}

/** A name of two words or more (not a person's, not a country's) in a team's place on a list line. */
function teamSlot(ctx: BlockContext, a: number, b: number): boolean {
  if (!scoreAdjacent(ctx, a, b) && !affiliationInList(ctx, a, b)) return false;
  const T = ctx.tokens;
  if (flagsOf(ctx, T[a]!) & W_FIRST && personish(ctx, T[b - 1]!) && !(flagsOf(ctx, T[b - 1]!) & (W_PLACE | W_PLACE_HEAD | W_ORG_HEAD))) return false;
  if (ctx.lex.phraseFlags(keyOf(ctx, a, b)) & W_COUNTRY) return false;
  for (let q = a; q < b; q++) if (flagsOf(ctx, T[q]!) & (W_COUNTRY | W_DEMONYM) && !(flagsOf(ctx, T[q]!) & W_ORG)) return false;
  return true;
}

/** A name of two words or more with no head: a person by its words, an organisation in capitals, or an unknown name. */
function classifyByWords(ctx: BlockContext, a: number, b: number, weak: boolean, orgHint: number): void {
  const T = ctx.tokens;
  const n = b - a;
  const first = T[a]!;
  const last = T[b - 1]!;
  const ff = flagsOf(ctx, first);
  const lf = flagsOf(ctx, last);
  let placeTokens = 0;
  let commonTokens = 0;
  let upperTokens = 0;
  let nameTokens = 0;
  let personOk = first.shape === SHAPE_CAP || first.initialLetter;
  for (let q = a; q < b; q++) {
    const t = T[q]!;
    if (t.shape === SHAPE_LOWER) {
      if (!NAME_PARTICLES.has(t.norm)) personOk = false;
      continue;
    }
    nameTokens++;
    const f = flagsOf(ctx, t);
    if (f & W_PLACE && !(f & (W_FIRST | W_LAST | W_PERSON))) placeTokens++;
    if (isCommon(ctx, t, f) && !(f & (W_FIRST | W_LAST | W_PERSON))) commonTokens++;
    if (t.shape === SHAPE_UPPER && !t.initialLetter) upperTokens++;
    if (!personish(ctx, t) && !(f & (W_FIRST | W_LAST))) personOk = false;
  }
  if (ff & W_DEMONYM && !(ff & (W_FIRST | W_LAST))) return; // "Iranian Resistance", "Tunisian Islamists"
  // A known organisation and one more word: its product or service ("Twitter Lite", "Google Maps").
  if (n === 2 && ff & W_ORG && !(ff & (W_FIRST | W_LAST | W_PERSON | W_PLACE)) && !(lf & (W_ORG | W_FIRST | W_LAST | W_PERSON))) return;
  if (ctx.lex.isGroupWord(last.norm)) return; // "a Virginia Democrat"
  if (lf & W_DEMONYM && !(lf & (W_FIRST | W_LAST))) return; // "Arab Israeli citizens"
  // People: "Maryam Rajavi", "Donald J. Trump", "Osama bin Laden", "Kim Yong-hyun".
  const firstName = (ff & W_FIRST) !== 0 && !(ff & W_PLACE);
  // Many surnames are place names too ("Edwin Harrow", "George Washington").
  if (firstName && placeTokens > 0 && !(lf & W_DEMONYM)) {
    let placesAfterFirst = 0;
    let nonPersonish = false;
    for (let q = a + 1; q < b; q++) {
      const t = T[q]!;
      if (t.shape === SHAPE_LOWER) continue;
      const f = flagsOf(ctx, t);
      if (f & W_PLACE) placesAfterFirst++;
      else if (!personish(ctx, t)) nonPersonish = true;
    }
    if (!nonPersonish && placesAfterFirst === placeTokens && upperTokens === 0 && nameTokens <= 4) {
      return void emit(ctx, a, b, K_PERSON, E_FIRST_NAME, weak);
    }
  }
  if (personOk && nameTokens >= 2 && nameTokens <= 4 && upperTokens === 0 && placeTokens === 0) {
    // A word frequent in the page's language after a given name is still a surname ("François
    // Hollande", "Jan Kounen"): those lists hold many surnames as words.
    const lastCommon = isCommon(ctx, last, lf) && !(lf & (W_LAST | W_PERSON)) && !(firstName && lf & W_FREQUENT);
    if (firstName && !lastCommon) return void emit(ctx, a, b, K_PERSON, E_FIRST_NAME, weak);
    if (lf & (W_LAST | W_PERSON)) return void emit(ctx, a, b, K_PERSON, E_LEXICON, weak);
    if (commonTokens === 0 && !firstName && nameTokens < b - a && !(lf & (W_LAST | W_PERSON))) {
      // A lower-case particle inside a name with no given name ("Corriere della Sera", "Banco
      // do Brasil"): as often a title or a body as a person; the context decides.
      return void emit(ctx, a, b, K_PROPER, E_SHAPE, weak, { orgCue: orgHint });
    }
    if (commonTokens === 0) {
      // Shaped like a name, nothing known: a person unless the context says otherwise.
      return void emit(ctx, a, b, K_PROPER, E_SHAPE, weak, { personCue: 1, orgCue: orgHint });
    }
  }
  if (placeTokens > 0) return;
  if (upperTokens > 0 && commonTokens < n) return void emit(ctx, a, b, K_ORG, E_SHAPE, weak, { orgCue: orgHint });
  if (commonTokens >= nameTokens) return;
  // An unknown capitalised phrase: its type comes from cues and the rest of the page.
  emit(ctx, a, b, K_PROPER, E_SHAPE, weak, { orgCue: orgHint });
}
