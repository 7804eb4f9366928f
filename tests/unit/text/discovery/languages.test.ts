/**
 * The page's language (lib/text/discovery/languages.ts) and each language's cues
 * (language-cues.ts), issue 17: supported languages read with their own words, others get
 * nothing. Invented names only.
 */
import { describe, expect, it } from 'vitest';
import { discoverEntities } from '../../../../lib/text/discovery/index';
import { countryNames, lexiconFor } from '../../../../lib/text/discovery/language-cues';
import { detectLanguage, languageOfTag, SUPPORTED_LANGUAGES } from '../../../../lib/text/discovery/languages';
import { W_COMMON, W_COUNTRY, W_FUNCTION, W_ORG_HEAD, W_TITLE } from '../../../../lib/text/discovery/lexicon';
import { readBlocks } from '../../../../lib/text/discovery/tokenize';
import { chunksOf, find, names } from './helpers';

const lang = (text: string) => detectLanguage(readBlocks(chunksOf(text)));

describe('detectLanguage', () => {
  it.each([
    ['en', 'The minister said on Tuesday that the plan would be delayed for a year and that it was not over.'],
    ['fr', 'Le ministre a déclaré mardi que le projet serait reporté d’un an et que ce n’était pas fini pour les élus.'],
    ['de', 'Der Minister sagte am Dienstag, dass der Plan um ein Jahr verschoben werde und es noch nicht vorbei sei.'],
    ['es', 'El ministro dijo el martes que el plan se retrasará un año y que no ha terminado para los diputados.'],
    ['pt', 'O ministro disse na terça-feira que o plano será adiado por um ano e que não acabou para os deputados.'],
    ['it', 'Il ministro ha detto martedì che il piano sarà rinviato di un anno e che non è finita per i deputati.'],
  ])('%s', (expected, text) => {
    expect(lang(text)).toBe(expected);
  });

  it('another language (Czech, Dutch) is none of ours; too little text to tell is English', () => {
    const cs = 'Ministr v úterý řekl, že plán bude o rok odložen a že to ještě neskončilo pro poslance. ';
    const nl = 'De minister zei dinsdag dat het plan een jaar wordt uitgesteld en dat het nog niet voorbij is. ';
    expect(lang(cs.repeat(3))).toBeNull();
    expect(lang(nl.repeat(3))).toBeNull();
    expect(lang('Velkaro 2 Dunmore 1')).toBe('en');
  });
});

describe('languageOfTag', () => {
  it('reads a page’s or the browser’s tag', () => {
    expect(languageOfTag('pt-BR')).toBe('pt');
    expect(languageOfTag('DE_at')).toBe('de');
    expect(languageOfTag('cs')).toBeNull();
    expect(languageOfTag('')).toBeUndefined();
    expect(languageOfTag('und')).toBeUndefined();
    expect(SUPPORTED_LANGUAGES).toEqual(['en', 'fr', 'de', 'es', 'pt', 'it']);
  });
});

describe('lexiconFor', () => {
  it('each language’s function words, titles, organisation heads and country names', () => {
    expect(lexiconFor('de').flags('wenn') & W_FUNCTION).toBeTruthy();
    expect(lexiconFor('de').flags('herr') & W_TITLE).toBeTruthy();
    expect(lexiconFor('fr').flags('m.') & W_TITLE).toBeTruthy();
    expect(lexiconFor('es').flags('ministerio') & W_ORG_HEAD).toBeTruthy();
    expect(lexiconFor('pt').flags('mocambique') & W_COUNTRY).toBeTruthy();
    expect(lexiconFor('es').phraseFlags('estados unidos') & W_COUNTRY).toBeTruthy();
    expect(lexiconFor('it').flags('perche') & W_COMMON).toBeTruthy();
    expect(countryNames('it')).toContain('stati uniti');
  });
});

describe('discovery per language', () => {
  const run = (text: string, l?: string) => discoverEntities(chunksOf(text), { lang: l });

  it('a language without cues gets no candidates, even with names in it', () => {
    expect(run('Ministr Tomas Aldrin v úterý řekl, že plán bude o rok odložen a že to neskončilo. '.repeat(3))).toEqual([]);
    expect(run('The minister Tomas Aldrin said the plan was delayed.', 'cs')).toEqual([]);
  });

  it('the declared language wins over the text', () => {
    expect(run('Tomas Aldrin said the plan was delayed.', 'en').length).toBeGreaterThan(0);
  });

  it('countries are places, not people ("Estados Unidos", "Turquía")', () => {
    const c = run('El presidente de Estados Unidos viajó a Turquía con el ministro Tomas Aldrin, según dijo el portavoz.');
    expect(find(c, 'Estados Unidos')).toBeUndefined();
    expect(find(c, 'Turquía')).toBeUndefined();
    expect(find(c, 'Tomas Aldrin')?.type).toBe('person');
  });

  it('German: titles mark people; capitalised nouns and sentence openers are no names', () => {
    const c = run('Wenn das Gesetz kommt, sagte Frau Brandvold am Dienstag, werde die Regierung handeln. Aktuelles Heft erscheint.', 'de');
    expect(find(c, 'Brandvold')?.type).toBe('person');
    expect(names(c).filter((n) => /Wenn|Aktuelles|Gesetz|Heft/.test(n))).toEqual([]);
  });

  it('French: "M." is a title, not an initial', () => {
    const c = run('Selon M. Velkaro, le projet est reporté. Il a dit que la commission ne siégerait pas.');
    expect(find(c, 'Velkaro')?.type).toBe('person');
    expect(names(c).some((n) => n.startsWith('M.'))).toBe(false);
  });

  // Session 3 (issue 17, other languages' precision): each rule by its kind, invented names.
  it('an elided article or preposition is not part of the name ("d’Alvar Kessing", "l’Assemblée")', () => {
    const c = run('Le portrait d’Alvar Kessing a été publié hier. Puis Kessing a répondu aux questions des élus de la région.', 'fr');
    expect(find(c, 'Alvar Kessing')?.type).toBe('person');
    expect(allNames(c).some((n) => n.startsWith('d’'))).toBe(false);
  });

  it('the language’s frequent words: a row of them is no name, a given name before one is still a person', () => {
    const c = run('Artículos Relacionados. Sistemas Operativos. El senador Bruno Cancelar dijo que la ley de Anibal Ventura no pasará.', 'es');
    expect(names(c).filter((n) => /Artículos|Sistemas/.test(n))).toEqual([]);
    expect(find(c, 'Anibal Ventura')?.type).toBe('person');
  });

  it('Romance languages name bodies head first, joined by their own "of" and "and"', () => {
    const c = run('O Ministério de Minas e Energia negou nesta quarta-feira o aumento, disse o porta-voz.', 'pt');
    expect(find(c, 'Ministério de Minas e Energia')?.type).toBe('organization');
    const es = run('El Instituto Nacional Electoral publicó el conteo rápido, dijo la consejera del organismo.', 'es');
    expect(find(es, 'Instituto Nacional Electoral')?.type).toBe('organization');
  });

  it('people joined by the language’s "and" are two names', () => {
    const c = run('Según Anibal Ventura y Tomas Aldrin, el acuerdo no llegará antes del verano.', 'es');
    expect(find(c, 'Anibal Ventura')?.type).toBe('person');
    expect(find(c, 'Tomas Aldrin')?.type).toBe('person');
  });

  it('a portfolio after "minister of" is not part of the name; German compound titles are titles', () => {
    const it_ = run('Il premier ha raggiunto il paese insieme al ministro delle Infrastrutture Bruno Velkari e al capo della polizia.', 'it');
    expect(find(it_, 'Bruno Velkari')?.type).toBe('person');
    const de = run('Noch am Abend trennte sich der Verein von Vorstandschef Oliver Brandvold und dem Sportvorstand.', 'de');
    expect(find(de, 'Oliver Brandvold')?.type).toBe('person');
  });

  it('places by their prepositions ("a Velkaro", "in provincia di Velkaro"); a country is never a surname', () => {
    const c = run('Il sindaco di Accaro ha parlato a Velkaro, in provincia di Velkaro, con il ministro Bruno Velkari.', 'it');
    expect(find(c, 'Velkaro')).toBeUndefined();
    const fr = run('Le réalisateur Alvar France présente son film. Les mesures imposées en France restent en vigueur.', 'fr');
    expect(find(fr, 'Alvar France')?.aliases ?? []).not.toContain('France');
  });

  it('governments are descriptions, and a head noun alone names nothing ("Merkels Regierung", "das Amt")', () => {
    const c = run('Merkels Regierung bekräftigte ihre Unterstützung. Tuchel hatte das Amt im März übernommen, sagte Frau Brandvold.', 'de');
    expect(names(c, 'organization')).toEqual([]);
  });
});

function allNames(c: ReturnType<typeof discoverEntities>): string[] {
  return c.flatMap((x) => [x.name, ...x.aliases]);
}
