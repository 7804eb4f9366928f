/** The word flags of discovery's lexicon (lexicon.ts), in a module of their own so that the
 * build-time reader of compromise (lexicon-compromise.ts) shares them without loading the lexicon. */
/** Bit flags of a lower-case word. */
export const W_FIRST = 1; // a first name
export const W_LAST = 2; // a last name
export const W_PERSON = 4; // a known person (or a one-word person name)
export const W_ORG = 8; // a known organisation
export const W_PLACE = 16; // a country, region, city or place
export const W_DEMONYM = 32; // Iranian, French
export const W_HONORIFIC = 64; // mr, mrs, dr, sen
export const W_ROLE = 128; // president, editor, priest (compromise "Actor")
export const W_COMMON = 256; // a common word (noun, verb, adjective, function word)
export const W_DATE = 512; // month, weekday
export const W_FUNCTION = 1024; // closed-class word: never starts a name
export const W_ORG_HEAD = 2048; // Council, Ministry, Party, Inc...
export const W_EVENT_HEAD = 4096; // War, Revolution, Summit...
export const W_TITLE = 8192; // a title before a name: President, Senator, Supreme Leader's Leader
export const W_TITLE_MOD = 16384; // a word that may precede a title: Prime, Vice, Deputy
export const W_LAW_HEAD = 32768; // Act, Bill, Law: a named law is not an organisation
export const W_PLACE_HEAD = 65536; // River, Square, Street, Island: a place
export const W_NOUN = 131072; // a noun in compromise's lexicon (not also a verb)
export const W_COUNTRY = 262144; // a country or a region (state, province): never a club's name
/** Outside English: a frequent word of the page's language only (language-words-data.ts), also W_COMMON. */
export const W_FREQUENT = 524288;
