/**
 * Word knowledge for discovery: compromise's lexicon (first and last names, honorifics, role
 * nouns, organisations, places, demonyms, the part of speech of common words, its
 * organisation head words) plus the news cues of issue #8 (titles, organisation heads, event
 * nouns). Generic English only: no entity of the evaluation texts is listed here.
 *
 * compromise's lexicon is read at build time (scripts/discovery-lexicon.ts writes lexicon-data.ts):
 * compromise itself is not loaded at run time, and its tagger is never run (see docs/discovery.md:
 * it parses news text at ~0.02-0.05 MB/s, far below the budget).
 */

export * from './lexicon-flags';
import { W_COMMON, W_COUNTRY, W_DATE, W_EVENT_HEAD, W_FUNCTION, W_LAW_HEAD, W_ORG_HEAD, W_PLACE, W_PLACE_HEAD, W_TITLE, W_TITLE_MOD } from './lexicon-flags';
import { COMPROMISE_PHRASES, COMPROMISE_WORDS } from './lexicon-data';

/** Closed-class and discourse words that start sentences and headlines. */
const FUNCTION_WORDS = `a an the this that these those there here it its it's he she they we i you his her their our my your
him them us me who whom whose which what when where why how whether if unless because as since while although though
but and or nor so yet for of to in on at by from with without within into onto upon about above below over under after
before during until till between among amid across through throughout toward towards against despite via per than then
also even just only still already again however meanwhile moreover furthermore nevertheless nonetheless instead indeed
thus therefore hence otherwise besides anyway anyhow perhaps maybe once now today yesterday tomorrow tonight not no yes
all any some many much more most few fewer less least each every both either neither other another such own same
several various whatever whoever whenever wherever is are was were be been being am do does did done have has had having
will would shall should can could may might must let lets let's ok okay oh well please thanks like unlike near
after-all finally lastly earlier later soon often always never sometimes usually already
according regarding including following given whereas whilst wherein whereby inside outside beyond beside behind`;

/** Titles that precede a person's name. */
const TITLES = `mr mrs ms miss mx dr prof professor sir dame lord lady madam madame mme mlle monsieur herr frau senor senora
president presidents president-elect vice-president premier chancellor king queen prince princess emperor empress pope
ayatollah grand sheikh sheik shah emir amir sultan imam mullah rabbi bishop archbishop cardinal reverend rev father sister
brother pastor deacon senator sen sens senators congressman congresswoman congressmember representative rep reps
assemblyman assemblywoman councillor councilman councilwoman alderman governor gov mayor minister ministers secretary
secretary-general ambassador envoy commissioner administrator director director-general chairman chairwoman chairperson chair speaker
whip leader leaders chief ceo cfo coo cto founder co-founder spokesman spokeswoman spokesperson justice judge magistrate
attorney attorney-general prosecutor general gen lieutenant lt colonel col major maj captain capt commander cmdr admiral
adm sergeant sgt corporal cpl private pvt marshal field brigadier inspector superintendent constable detective det officer
agent coach dean provost rector wife husband widow son daughter father mother brother sister spouse member
official officials adviser advisor aide correspondent reporter editor photographer economist analyst
teammate team-mate teammates striker strikers midfielder midfielders defender defenders goalkeeper goalie winger forward
skier skiers skater snowboarder swimmer sprinter cyclist rider jockey manager boss skipper rookie veteran
lawmaker legislator candidate nominee challenger incumbent`;

/** Words that may stand before a title ("Prime Minister", "Supreme Leader", "Vice President"). */
const TITLE_MODIFIERS = `prime supreme vice deputy chief majority minority foreign interior defense defence finance
justice health education home state general acting former senior junior grand crown first high press executive
managing assistant associate under opposition federal national regional district lieutenant senate house attorney
economy economic energy trade labor labour transport transportation treasury environment agriculture commerce culture
communications intelligence security immigration information industry science technology development housing
foreign-affairs affairs party presidential parliamentary junior principal permanent special interim caretaker`;

/** Last words of organisation names (with compromise's orgWords). */
const ORG_HEADS = `council councils organization organisation organizations organisations ministry ministries party parties
corps committee committees department departments agency agencies inc inc. incorporated corp corp. corporation co co.
company companies union unions guard guards commission commissions court courts bank banks university universities
college colleges institute institutes institution institutions foundation foundations association associations
federation federations center centre centers centres authority authorities assembly assemblies parliament parliaments house
congress senate police army armies navy force forces office offices bureau bureaus board boards service services network
networks news times post journal journals press media images group groups holdings ltd ltd. llc plc airlines airways
brotherhood front league alliance coalition cabinet secretariat tribunal fund trust society club library school schools
academy hospital church reserve administration directorate division unit regiment brigade brigades battalion caucus
consortium industries systems technologies labs laboratories motors pharmaceuticals partners capital ventures studios
sa s.a. ag nv records entertainment communications telecom bancorp herald tribune gazette monitor chronicle telegraph observer
independent express mirror magazine review broadcasting radio television tv channel agence junta militia militias
cartel gang movement`;

/** Last words of event names. */
const EVENT_HEADS = `war wars revolution spring massacre massacres protests protest uprising uprisings rally rallies election
elections summit agreement agreements accord accords deal treaty treaties olympics olympic games cup championship
championships fair exposition expo show festival crisis depression conference talks crusade crusades battle siege
genocide holocaust bombing bombings attacks riots referendum coup intifada blitz rebellion insurrection revolt marathon
tournament awards oscars week spill disaster scandal affair ceasefire armistice trial trials hearings`;

/** Lower-case event nouns that follow a year ("the 2009 protests") or a name ("the Free Iran rally"). */
const EVENT_NOUNS = `war wars revolution massacre massacres protests protest uprising uprisings rally rallies election
elections summit agreement accord deal treaty talks olympics games crisis coup referendum bombing bombings genocide riots
revolt rebellion insurrection conference demonstrations unrest invasion occupation ceasefire strike strikes attacks
earthquake earthquakes tsunami hurricane spill disaster summits flood floods wildfire wildfires eruption explosion
shooting crash primary primaries`;

/** Event nouns that need a modifier after a name: "the Iran nuclear deal", not "the Yahoo deal". */
const EVENT_NOUNS_NEED_MODIFIER = `deal agreement accord treaty talks conference strike strikes attacks`;

/** Last words of names of laws and documents: a named bill is not an organisation. */
const LAW_HEADS = `act acts bill bills law laws amendment amendments code directive regulation regulations constitution
charter declaration resolution doctrine plan program programme report index prize award note notes bond bonds`;

/** Lower-case words before a name that say it is a place: "in Kabul", "from Tehran", "visited Ankara". */
const PLACE_PREPOSITIONS = /^(?:in|from|near|to|across|into|towards|toward|throughout|outside|inside|around|visit|visited|visiting)$/;

/** Last words of place names. */
const PLACE_HEADS = `river rivers sea ocean lake lakes mountain mountains mount island islands street st road avenue boulevard
square bridge park valley desert coast gulf bay peninsula province county city region district strait
canal airport station port harbor harbour wall gate tower palace castle cathedral temple mosque compound camp
strip beach heights hills hill forest plains`;

/** Months and days (compromise tags them with its tagger, not its lexicon). */
const DATE_WORDS = `january february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
thurs fri sat sun today tonight yesterday tomorrow`;

/** Capitalised common things that are neither people, organisations nor events. */
const THINGS = `moon sun earth mars universe internet web bible koran quran god heaven hell`;

/** Endings of common nouns and adjectives that are rarely names ("Business", "Tourism"). */
export const COMMON_SUFFIX = /(?:tions?|sions?|ness|isms?|ships?|hood|ity|ous|able|ible|ments)$/;

/** Compass points and regions written with capitals ("the West", "the Middle East"). */
const PLACE_WORDS = `north south east west northeast northwest southeast southwest midwest mideast eastern western northern
southern`;

/** Lower-case facility nouns right after a one-word name ("the Bardo museum"): the name is a place's. */
const FACILITY_NOUNS = `museum hotel airport stadium building compound palace square street bridge station camp prison
base port mosque church temple mall plant facility site`;

/** Nouns after "of" that make the name an organisation ("buyout of Instagram", "members of Ennahda"). */
const ORG_OF_NOUNS = `acquisition acquisitions buyout purchase takeover merger sale shares shareholders stake ceo founder
founders chairman chief head members member leader leaders leadership spokesman spokeswoman spokesperson officials
executives employees director board subsidiary owner owners units unit branch division affiliate`;

/** Hyphenated adjective endings: "al-Qaeda-linked", "London-based" are not names. */
export const ADJECTIVE_SUFFIX = /-(?:linked|based|led|backed|born|style|era|funded|owned|run|controlled|affiliated|inspired|allied|aligned|dominated|sponsored|related|focused|friendly|made|bound|wide|like|type)$/;

/** Lower-case nouns that, right after a name, say it is an organisation ("the Ennahda party"). */
const ORG_NOUNS_AFTER = `party group faction movement company firm agency network newspaper channel militia organization
organisation government coalition alliance bloc union board foundation council subsidiary conglomerate startup
broadcaster outlet daily publisher shareholders executives employees stock shares spokesman spokeswoman spokesperson
members leadership founders headquarters chief agency brokerage insurer lender bank airline carrier retailer
automaker carmaker club team franchise operator regulator watchdog unit division spokesperson's stake earnings revenue
police constabulary
profit profits`;

/** Lower-case words right after a one-word name that say it is a place. */
const PLACE_NOUNS_AFTER = `city capital province region village town country countries border coast island state`;

/** Lower-case verbs of saying: after a name they rule out a place. */
const SPEECH_VERBS = `said says told added stated declared wrote writes argued noted warned explained insisted announced
reported reports replied asked claimed acknowledged admitted denied urged vowed recalled described called
continued concluded confirmed apologized apologised condemned criticized criticised accused`;

/** Common acronyms and all-capitals words that are not names of organisations. */
const NOT_ACRONYMS = `ceo cfo coo cto tv pm am utc gmt est edt pst pdt cet gdp vr ar ai hq dna rna usb pc ok id phd mba mp mps bc
ad ce bce faq pdf url www http https asap diy vip rip lol ufo iq it hiv aids covid suv atm pin eta mvp nyc usd eur gbp
jpy cny km mph kph mm cm kg lb oz ft sq ac dc rpm ipo llc ltd plc etc vs aka fyi omg nb ps cv ii iii iv vi vii viii ix
xi xii xx us usa uk uae eu's op ed op-ed oped lgbt lgbtq nfl nba mlb nhl gop dvd vod cd cds bd hd gps sms mms led lcd`;

/** Plural capitalised words naming groups of people, not organisations. */
const GROUP_WORDS = `democrat republican democrats republicans conservatives liberals tories socialists communists islamists salafists
jihadists nationalists loyalists royalists separatists protesters protestors rebels militants muslims christians jews
hindus sikhs buddhists catholics protestants shiites sunnis kurds arabs africans europeans americans westerners
easterners allies soviets nazis`;

/** Lower-case particles inside person names ("Luis de Miranda", "Osama bin Laden"). */
export const NAME_PARTICLES = new Set(
  'de del della der den di da das dos du van von ter le la bin ibn bint al el ben abu y zu'.split(' '),
);

/** Lower-case words that may join capitalised words into one organisation or event name. */
export const NAME_CONNECTORS = new Set(['of', 'for', 'on', 'and', '&', 'the', 'a', 'de', 'du', 'des', 'la', 'le']);

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

export interface Lexicon {
  /** Flags of a lower-case single word (0 when unknown). */
  flags(lower: string): number;
  /** Flags of a lower-case multi-word name from compromise ("barack obama", "al qaeda"). */
  phraseFlags(lowerPhrase: string): number;
  /** Longest multi-word lexicon entry, in words, to bound phrase lookups. */
  readonly maxPhraseWords: number;
  isEventNoun(lower: string): boolean;
  eventNounNeedsModifier(lower: string): boolean;
  isOrgNounAfter(lower: string): boolean;
  isPlaceNounAfter(lower: string): boolean;
  isSpeechVerb(lower: string): boolean;
  isNotAcronym(lower: string): boolean;
  isGroupWord(lower: string): boolean;
  isFacilityNoun(lower: string): boolean;
  isOrgOfNoun(lower: string): boolean;
  /** A lower-case word before a name that says the name is a place ("in", "from"; "à", "nach", "em"), with its weight. */
  placePreposition(lower: string): number;
  /** "of", "for", "on" (and the language's own: "de", "di", "della", "von"...): joins a head to the rest of a name. */
  isOf(lower: string): boolean;
  /** "and", "&" (and the language's own: "e", "y", "et", "und"). */
  isAnd(lower: string): boolean;
  /** The language names organisations head first ("Instituto Nacional Electoral", "Ministère de ..."). */
  readonly headFirst: boolean;
}

let cached: Lexicon | null = null;

export function getLexicon(): Lexicon {
  if (cached) return cached;
  const single = new Map<string, number>();
  const phrase = new Map<string, number>();
  let maxPhraseWords = 1;
  const add = (w: string, f: number) => {
    const key = w.toLowerCase();
    if (key.includes(' ')) {
      phrase.set(key, (phrase.get(key) ?? 0) | f);
      maxPhraseWords = Math.max(maxPhraseWords, key.split(' ').length);
    } else {
      single.set(key, (single.get(key) ?? 0) | f);
    }
  };

  // compromise's lexicon, read at build time (lexicon-compromise.ts, scripts/discovery-lexicon.ts).
  for (const [f, packed] of COMPROMISE_WORDS) for (const w of packed.split('|')) single.set(w, f);
  for (const [f, packed] of COMPROMISE_PHRASES) {
    for (const p of packed.split('|')) {
      phrase.set(p, f);
      const n = p.split(' ').length;
      if (n > maxPhraseWords) maxPhraseWords = n;
    }
  }
  for (const w of words(FUNCTION_WORDS)) add(w, W_FUNCTION | W_COMMON);
  for (const w of words(TITLES)) add(w, W_TITLE);
  for (const w of words(TITLE_MODIFIERS)) add(w, W_TITLE_MOD);
  for (const w of words(ORG_HEADS)) add(w, W_ORG_HEAD);
  for (const w of words(EVENT_HEADS)) add(w, W_EVENT_HEAD);
  for (const w of words(LAW_HEADS)) add(w, W_LAW_HEAD);
  for (const w of words(PLACE_HEADS)) add(w, W_PLACE_HEAD);
  for (const w of words(PLACE_WORDS)) add(w, W_PLACE);
  for (const w of words(DATE_WORDS)) add(w, W_DATE | W_COMMON);
  for (const w of words(THINGS)) add(w, W_COMMON | W_PLACE);
  // compromise's orgWords include words that head places or laws more often than
  // organisations in news ("the Data Retention Bill", "Air Force One") — the explicit lists win.
  for (const w of ['capital', 'data', 'design', 'development', 'education', 'energy', 'care', 'estate', 'financial', 'gas',
    'international', 'marine', 'memorial', 'military', 'mobile', 'motor', 'oil', 'optical', 'power', 'systems', 'cathedral',
    'community', 'comprehensive', 'interstate', 'investment', 'investments', 'management', 'marketing', 'markets', 'savings',
    'school', 'hotel', 'hotels', 'restaurant', 'restaurants', 'coffee', 'pizza', 'cafe', 'boys', 'girls', 'workers', 'sons',
    'brothers', 'crew', 'museum', 'musee']) {
    const f = single.get(w);
    if (f !== undefined) single.set(w, f & ~W_ORG_HEAD);
  }
  // "international" still ends names like "Amnesty International": keep it as a head when
  // the name has another capitalised word (handled by the classifier), not alone.
  single.set('international', (single.get('international') ?? 0) | W_ORG_HEAD);

  const set = (s: string) => new Set(words(s));
  const eventNouns = set(EVENT_NOUNS);
  const eventNeedMod = set(EVENT_NOUNS_NEED_MODIFIER);
  const orgAfter = set(ORG_NOUNS_AFTER);
  const placeAfter = set(PLACE_NOUNS_AFTER);
  const speech = set(SPEECH_VERBS);
  const notAcr = set(NOT_ACRONYMS);
  const groups = set(GROUP_WORDS);
  const facility = set(FACILITY_NOUNS);
  const orgOf = set(ORG_OF_NOUNS);

  cached = {
    flags: (w) => single.get(w) ?? 0,
    phraseFlags: (p) => phrase.get(p) ?? 0,
    maxPhraseWords: Math.min(maxPhraseWords, 6),
    isEventNoun: (w) => eventNouns.has(w),
    eventNounNeedsModifier: (w) => eventNeedMod.has(w),
    isOrgNounAfter: (w) => orgAfter.has(w),
    isPlaceNounAfter: (w) => placeAfter.has(w),
    isSpeechVerb: (w) => speech.has(w),
    isNotAcronym: (w) => notAcr.has(w),
    isGroupWord: (w) => groups.has(w),
    isFacilityNoun: (w) => facility.has(w),
    isOrgOfNoun: (w) => orgOf.has(w),
    placePreposition: (w) => (PLACE_PREPOSITIONS.test(w) ? (w === 'in' ? 0.5 : 1) : 0),
    headFirst: false,
    isOf: (w) => w === 'of' || w === 'for' || w === 'on',
    isAnd: (w) => w === 'and' || w === '&',
  };
  return cached;
}
