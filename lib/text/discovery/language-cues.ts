/**
 * Word knowledge for pages in French, German, Spanish, Portuguese and Italian: the English
 * lexicon (lexicon.ts: compromise's first and last names, known people and organisations stay
 * useful in any language) with each language's own words over it:
 *  - its closed-class words (languages.ts), which open sentences and headlines ("Wenn", "Sie",
 *    "Les", "Tras") and are never names;
 *  - its common words: the shared list of lib/text/common-words.ts (most-common-words-by-
 *    language, the 10,000 most frequent words of each language's subtitles, names removed);
 *  - country names as the language writes them ("Estados Unidos", "Turquía", "Moçambique",
 *    "Stati Uniti"), from the platform's own CLDR data (Intl.DisplayNames): places, not people;
 *  - titles before a name (M., Mme, Herr, Frau, Sr., Sra., presidente, Bundeskanzlerin...),
 *    organisation heads (Ministère, Ministerium, Ministerio, Partido, Istituto...), event nouns
 *    (élections, Wahl, elecciones, eleições, terremoto...), months and weekdays, verbs of saying.
 * German capitalises every noun: there a capitalised word alone is never enough (type-groups.ts
 * asks more of names with no type of their own on every page that is not English).
 */
import { isCommonWord } from '../common-words';
import { getLexicon, W_COMMON, W_COUNTRY, W_DATE, W_EVENT_HEAD, W_FIRST, W_FREQUENT, W_FUNCTION, W_HONORIFIC, W_LAST, W_ORG, W_ORG_HEAD, W_PERSON, W_PLACE, W_TITLE, type Lexicon } from './lexicon';
import { functionWordsOf, type Language } from './languages';
import { WORDS_DE, WORDS_ES, WORDS_FR, WORDS_IT, WORDS_PT } from './language-words-data';
import { sortedListHas } from '../sorted-list';

/** Each language's frequent words (scripts/discovery-words.ts), German nouns included. */
const LANGUAGE_WORDS: Record<Exclude<Language, 'en'>, string> = { fr: WORDS_FR, de: WORDS_DE, es: WORDS_ES, pt: WORDS_PT, it: WORDS_IT };

interface LanguageWords {
  titles: string;
  orgHeads: string;
  eventHeads: string;
  dates: string;
  speech: string;
  /** Lower-case words before a place's name ("à Paris", "nach Berlin", "em Maputo"); the short, ambiguous ones weigh half. */
  placePreps: string;
  halfPlacePreps: string;
  /** What joins a head to the rest of a body's name ("Ministère de l'Intérieur"), and "and". */
  ofWords: string;
  andWords: string;
  /** German only: compound titles end with one of these ("Vorstandschef", "BVB-Trainer", "Bundeswirtschaftsminister"). */
  titleEndings?: string;
}

const WORDS: Record<Exclude<Language, 'en'>, LanguageWords> = {
  fr: {
    titles: `m. mm. mme mmes mlle monsieur madame président présidente ministre premier première député députée sénateur
      sénatrice maire juge général colonel capitaine commissaire procureur procureure secrétaire porte-parole directeur
      directrice chef patron patronne entraîneur sélectionneur attaquant milieu défenseur gardien roi reine prince princesse
      pape cardinal évêque abbé docteur maître me pr dr réalisateur réalisatrice acteur actrice écrivain écrivaine chanteur
      chanteuse journaliste avocat avocate`,
    orgHeads: `ministère ministères parti partis commission conseil conseils assemblée sénat cour tribunal institut agence banque
      société compagnie groupe fédération union association fondation université comité office autorité syndicat front
      mouvement ligue alliance cnil gendarmerie police armée direction`,
    eventHeads: `élection élections guerre sommet séisme tremblement émeutes manifestation manifestations référendum
      révolution coupe championnat jeux festival conférence attentat attentats opération crise`,
    dates: `janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi
      vendredi samedi dimanche`,
    speech: `a dit déclaré affirmé expliqué indiqué estimé souligné ajouté annoncé précisé assure affirme explique estime`,
    placePreps: `en depuis vers près`,
    halfPlacePreps: `à`,
    ofWords: `de du des d'`,
    andWords: `et`,
  },
  de: {
    titles: `herr herrn frau präsident präsidentin bundespräsident bundespräsidentin kanzler kanzlerin bundeskanzler
      bundeskanzlerin minister ministerin außenminister außenministerin innenminister innenministerin finanzminister
      finanzministerin ministerpräsident ministerpräsidentin bürgermeister bürgermeisterin abgeordnete abgeordneter chef
      chefin vorsitzende vorsitzender sprecher sprecherin trainer trainerin stürmer torwart kapitän könig königin prinz
      prinzessin papst kardinal bischof dr. prof. professor professorin generalsekretär generalsekretärin regisseur
      regisseurin schauspieler schauspielerin autor autorin staatssekretär staatssekretärin senator senatorin richter
      richterin`,
    orgHeads: `ministerium ministeriums partei parteien bundestag bundesrat bundestages kommission rat gericht amt
      bundesamt institut agentur bank gesellschaft gruppe konzern verband verein union bund stiftung universität
      hochschule ausschuss behörde polizei bundeswehr armee gewerkschaft fraktion ag gmbh kg se`,
    eventHeads: `wahl wahlen bundestagswahl landtagswahl präsidentschaftswahl präsidentschaftswahlen krieg weltkrieg gipfel
      konferenz erdbeben anschlag revolution meisterschaft weltmeisterschaft pokal spiele olympia turnier festival
      krise`,
    dates: `januar jänner februar märz april mai juni juli august september oktober november dezember montag dienstag
      mittwoch donnerstag freitag samstag sonnabend sonntag`,
    speech: `sagte sagt erklärte erklärt betonte betont meinte meint sagten`,
    placePreps: `nach aus in`,
    halfPlacePreps: `im bei`,
    ofWords: `für von der des`,
    andWords: `und`,
    titleEndings: `minister ministerin trainer trainerin chef chefin präsident präsidentin sprecher sprecherin vorstand
      kanzler kanzlerin sekretär sekretärin beauftragte beauftragter beauftragten vorsitzende vorsitzender direktor direktorin
      kommissar kommissarin botschafter botschafterin kollege kollegin kollegen`,
  },
  es: {
    titles: `sr. sra. srta. señor señora señorita don doña presidente presidenta ministro ministra canciller primer
      diputado diputada senador senadora alcalde alcaldesa gobernador gobernadora juez jueza general coronel comandante
      fiscal secretario secretaria portavoz director directora jefe jefa líder entrenador técnico delantero defensa
      portero rey reina príncipe princesa papa cardenal obispo doctor doctora dr. dra. consejero consejera vicepresidente
      vicepresidenta candidato candidata periodista abogado abogada actor actriz escritor escritora`,
    orgHeads: `ministerio ministerios partido partidos comisión consejo asamblea senado cámara congreso tribunal corte
      instituto agencia banco sociedad compañía empresa grupo federación unión asociación fundación universidad comité
      oficina autoridad sindicato frente movimiento liga alianza coalición coordinadora organización policía ejército
      mesa junta fuerza fuerzas`,
    eventHeads: `elección elecciones guerra cumbre terremoto sismo protestas manifestación referéndum plebiscito consulta
      revolución copa campeonato juegos mundial festival conferencia atentado operación crisis`,
    dates: `enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre lunes martes
      miércoles jueves viernes sábado domingo`,
    speech: `dijo afirmó declaró explicó aseguró señaló indicó añadió anunció sostuvo dice afirma asegura`,
    placePreps: `en desde hacia`,
    halfPlacePreps: ``,
    ofWords: `de del`,
    andWords: `y e`,
  },
  pt: {
    titles: `sr. sra. senhor senhora dona presidente presidenta ministro ministra primeiro-ministro primeira-ministra
      deputado deputada senador senadora prefeito prefeita governador governadora juiz juíza general coronel comandante
      procurador procuradora secretário secretária porta-voz diretor diretora chefe líder treinador técnico atacante
      zagueiro goleiro rei rainha príncipe princesa papa cardeal bispo doutor doutora dr. dra. vice-presidente candidato
      candidata jornalista advogado advogada ator atriz escritor escritora`,
    orgHeads: `ministério ministérios partido partidos comissão conselho assembleia senado câmara congresso tribunal
      supremo instituto agência banco sociedade companhia empresa grupo federação união associação fundação
      universidade comitê comité escritório autoridade sindicato frente movimento liga aliança coligação coalizão
      organização polícia exército bolsa`,
    eventHeads: `eleição eleições guerra cúpula cimeira terremoto sismo protestos manifestação referendo plebiscito
      revolução copa campeonato jogos mundial festival conferência atentado operação crise`,
    dates: `janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro segunda-feira
      terça-feira quarta-feira quinta-feira sexta-feira sábado domingo`,
    speech: `disse afirmou declarou explicou garantiu destacou indicou acrescentou anunciou diz afirma`,
    placePreps: `em`,
    halfPlacePreps: ``,
    ofWords: `de do da dos das`,
    andWords: `e`,
  },
  it: {
    titles: `sig. sig.ra signor signore signora presidente premier ministro ministra sottosegretario deputato deputata
      senatore senatrice sindaco sindaca governatore giudice generale colonnello comandante procuratore procuratrice
      segretario segretaria portavoce direttore direttrice capo leader allenatore tecnico attaccante difensore portiere
      re regina principe principessa papa cardinale vescovo dottore dottoressa dott. dr. prof. professore professoressa
      vicepresidente candidato candidata giornalista avvocato avvocata attore attrice scrittore scrittrice`,
    orgHeads: `ministero ministeri partito partiti commissione consiglio assemblea senato camera tribunale corte istituto
      agenzia banca società compagnia gruppo federazione unione associazione fondazione università comitato ufficio
      autorità sindacato fronte movimento lega alleanza coalizione organizzazione polizia esercito protezione vigili
      procura`,
    eventHeads: `elezione elezioni guerra vertice terremoto sisma proteste manifestazione referendum rivoluzione coppa
      campionato giochi mondiali festival conferenza attentato operazione crisi`,
    dates: `gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre lunedì martedì
      mercoledì giovedì venerdì sabato domenica`,
    speech: `ha detto dichiarato spiegato affermato sottolineato aggiunto annunciato detto dice afferma spiega`,
    placePreps: `in ad`,
    halfPlacePreps: `a`,
    ofWords: `di del dello della dei degli delle per`,
    andWords: `e ed`,
  },
};

/** ISO 3166 region codes of countries (not "EU", "UN", "EZ": those are organisations or groups). */
const REGION_CODES = `AD AE AF AG AI AL AM AO AR AS AT AU AW AZ BA BB BD BE BF BG BH BI BJ BM BN BO BR BS BT BW BY BZ CA CD CF CG CH
CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GI GL GM GN GQ GR GT GU GW GY HK HN
HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK
ML MM MN MO MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PR PS PT PW PY QA RO RS RU RW SA SB SC SD SE
SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS XK YE ZA ZM ZW`;

const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s: string) => s.split(/\s+/).filter(Boolean).map(fold);

/** Country names in `lang`, folded: one-word names and phrases ("estados unidos"). */
export function countryNames(lang: Language): string[] {
  const out: string[] = [];
  let names: Intl.DisplayNames;
  try {
    names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
  } catch {
    return out; // a platform without CLDR region names: the other cues still work
  }
  for (const code of REGION_CODES.split(/\s+/)) {
    if (!code) continue;
    const name = names.of(code);
    if (!name) continue;
    // "Congo (RDC)", "Hong Kong R.A.S.": the name before any bracket or comma.
    const bare = fold(name.replace(/\s*[(,].*$/, '').replace(/[’']/g, "'"));
    if (bare) out.push(bare.replace(/-/g, ' ') === bare ? bare : bare);
  }
  return out;
}

const cache = new Map<Language, Lexicon>();

/** The lexicon for pages in `lang` (English: lexicon.ts's own). Built once per language. */
export function lexiconFor(lang: Language): Lexicon {
  const english = getLexicon();
  if (lang === 'en') return english;
  const hit = cache.get(lang);
  if (hit) return hit;
  const w = WORDS[lang];
  const own = new Map<string, number>();
  const phrases = new Map<string, number>();
  const add = (word: string, f: number) => {
    if (word.includes(' ')) phrases.set(word, (phrases.get(word) ?? 0) | f);
    else own.set(word, (own.get(word) ?? 0) | f);
  };
  // Titles, heads and event nouns are the language's common nouns too: alone they name nothing ("das Amt").
  for (const t of words(w.titles)) add(t, W_TITLE | W_HONORIFIC | W_COMMON);
  for (const h of words(w.orgHeads)) add(h, W_ORG_HEAD | W_COMMON);
  for (const e of words(w.eventHeads)) add(e, W_EVENT_HEAD | W_COMMON);
  for (const d of words(w.dates)) add(d, W_DATE | W_COMMON);
  for (const c of [...countryNames(lang), ...countryNames('en')]) add(c, W_PLACE | W_COUNTRY);
  const functionWords = functionWordsOf(lang);
  const speech = new Set(words(w.speech));
  const eventNouns = new Set(words(w.eventHeads));
  const ofWords = new Set(words(w.ofWords));
  const andWords = new Set(words(w.andWords));
  const titleEndings = words(w.titleEndings ?? '');
  const placePreps = new Map<string, number>([...words(w.placePreps).map((p) => [p, 1] as const), ...words(w.halfPlacePreps).map((p) => [p, 0.5] as const)]);
  const flagCache = new Map<string, number>();
  const ownWords = LANGUAGE_WORDS[lang];
  const NAMES = W_FIRST | W_LAST | W_PERSON | W_ORG | W_PLACE;

  const lex: Lexicon = {
    ...english,
    flags(word) {
      let f = flagCache.get(word);
      if (f !== undefined) return f;
      const mine = own.get(word) ?? 0;
      if (functionWords.has(word)) f = W_FUNCTION | W_COMMON | mine;
      else {
        // English knowledge of names is kept; its common words are not this language's.
        f = (english.flags(word) & (NAMES | W_COUNTRY)) | mine;
        if (!(f & NAMES)) {
          if (isCommonWord(word)) f |= W_COMMON;
          else if (sortedListHas(ownWords, word)) f |= W_COMMON | W_FREQUENT;
        } else if (f & W_ORG && !(f & (W_FIRST | W_LAST | W_PERSON)) && sortedListHas(ownWords, word)) {
          // An English organisation's name that is a frequent word here ("Amt", "Heft"): the word.
          f = (f & ~W_ORG) | W_COMMON | W_FREQUENT;
        }
        if (mine & W_COUNTRY) f &= ~(W_FIRST | W_LAST | W_PERSON);
        // The language's own titles and heads are its words, whatever English knows ("Amt").
        if (mine & (W_TITLE | W_ORG_HEAD | W_EVENT_HEAD)) f &= ~W_ORG;
        if (!(f & (NAMES | W_TITLE)) && titleEndings.length && word.length > 6) {
          // German compounds: "Vorstandschef", "Bundeswirtschaftsminister", "BVB-Trainer".
          for (const end of titleEndings) {
            if (word.endsWith(end) && word.length > end.length + 2) {
              f |= W_TITLE | W_COMMON;
              break;
            }
          }
        }
      }
      flagCache.set(word, f);
      return f;
    },
    phraseFlags: (p) => phrases.get(p) ?? english.phraseFlags(p),
    isEventNoun: (x) => eventNouns.has(x) || english.isEventNoun(x),
    isSpeechVerb: (x) => speech.has(x) || english.isSpeechVerb(x),
    placePreposition: (x) => placePreps.get(x) ?? 0,
    isOf: (x) => ofWords.has(x) || english.isOf(x),
    isAnd: (x) => andWords.has(x) || english.isAnd(x),
    // German puts the head last ("Bundesamt", "Auswärtiges Amt"); the Romance languages first.
    headFirst: lang !== 'de',
  };
  cache.set(lang, lex);
  return lex;
}
