/**
 * Each cue of entity discovery on its own, on invented sentences (no entity of the evaluation
 * set): titles and honorifics, organisation heads, event nouns and years, sentence starts and
 * headlines, possessives, context cues.
 */
import { describe, expect, it } from 'vitest';
import type { CueRule } from '../../../../lib/text/discovery/block-context';
import {
  CUE_RULES,
  cueApposition,
  cueLists,
  cueNameAfter,
  cueParentheses,
  cuePossession,
  cueRoleAndComma,
  cueSlash,
  cueTheName,
  cueTypeNounBefore,
  cueWordAfter,
  cueWordBefore,
} from '../../../../lib/text/discovery/cues';
import { detectBlock } from '../../../../lib/text/discovery/detect';
import { K_ACRONYM, K_PERSON, type RawMention } from '../../../../lib/text/discovery/raw-mention';
import { allForms, blockOf, discover, find, mention, names, span } from './helpers';

describe('titles and honorifics signal a person and are not part of the name', () => {
  it.each([
    ['Yesterday President Oskar Veldmann spoke to reporters in the capital.', 'Oskar Veldmann'],
    ['The talks were led by Mrs. Ilse Brandvold of the delegation.', 'Ilse Brandvold'],
    ['A statement from Supreme Leader Tomas Aldrin was read out.', 'Tomas Aldrin'],
    ['Critics say Prime Minister Hella Norquist moved too slowly.', 'Hella Norquist'],
    ['The letter was signed by Senator Bram Oosterhuis of Ohio.', 'Bram Oosterhuis'],
    ['On Friday, Dr. Anneke Vos presented the findings.', 'Anneke Vos'],
  ])('%s', (text, name) => {
    const c = discover(text);
    const person = find(c, name);
    expect(person?.type).toBe('person');
    expect(allForms(c).some((f) => /President|Mrs|Leader|Minister|Senator|Dr\./.test(f))).toBe(false);
  });

  it('a title alone names a person by surname ("President Veldmann")', () => {
    const c = discover('Opposition parties walked out when President Veldmann arrived.');
    expect(find(c, 'Veldmann')?.type).toBe('person');
  });

  it('the organisation before a title is kept apart ("Kestrel Motors CEO Dana Whitfield")', () => {
    const c = discover('Kestrel Motors CEO Dana Whitfield said the plant would stay open.');
    expect(find(c, 'Dana Whitfield')?.type).toBe('person');
    expect(find(c, 'Kestrel Motors')?.type).toBe('organization');
  });

  it('a title with "of" ("Secretary of State") and a place after the name', () => {
    const c = discover('The remarks by US Secretary of State Corin Maddox of Vermont surprised allies.');
    expect(find(c, 'Corin Maddox')?.type).toBe('person');
    expect(names(c)).not.toContain('Vermont');
  });

  it('lower-case roles before a name signal a person ("the philosopher Aurelio Santangelo")', () => {
    const c = discover('The book by the philosopher Aurelio Santangelo was translated last year.');
    expect(find(c, 'Aurelio Santangelo')?.type).toBe('person');
  });
});

describe('organisation heads', () => {
  it.each([
    ['Council', 'Delegates of the Northwind Trade Council met on Monday.', 'Northwind Trade Council'],
    ['Organization', 'The Harbor Workers Organization called a strike.', 'Harbor Workers Organization'],
    ['Ministry', 'A report from the Ministry of Coastal Affairs was leaked.', 'Ministry of Coastal Affairs'],
    ['Party', 'Members of the Green Horizon Party voted against the bill.', 'Green Horizon Party'],
    ['Corps', 'Engineers of the Valdor Mountain Corps rebuilt the bridge.', 'Valdor Mountain Corps'],
    ['Committee', 'The proposal went to the Fisheries Oversight Committee for review.', 'Fisheries Oversight Committee'],
    ['Department', 'Officials at the Brenner Water Department declined to comment.', 'Brenner Water Department'],
    ['Agency', 'Data came from the Orvell Space Agency on Tuesday.', 'Orvell Space Agency'],
    ['Inc.', 'Shares of Quillfeather Inc. rose sharply.', 'Quillfeather Inc.'],
    ['Union', 'Talks with the Dockhands Union broke down.', 'Dockhands Union'],
    ['Guards', 'Units of the Crimson Guards patrolled the border.', 'Crimson Guards'],
    ['Commission', 'The Tarrow Electoral Commission published the results.', 'Tarrow Electoral Commission'],
    ['Court', 'An appeal reached the Varnholt Constitutional Court in May.', 'Varnholt Constitutional Court'],
    ['Bank', 'Loans from the Aldermoor Development Bank were frozen.', 'Aldermoor Development Bank'],
    ['University', 'Researchers at Penwick University found no link.', 'Penwick University'],
    ['Council on', 'He is a fellow at the Council on Maritime Security in the capital.', 'Council on Maritime Security'],
    ['and inside', 'Figures from the Island Travel and Tourism Council were released.', 'Island Travel and Tourism Council'],
    ['head first, sentence start', 'Ministry of Coastal Affairs officials declined to comment.', 'Ministry of Coastal Affairs'],
    ['sentence start before "of"', 'Delegates of the Northwind Trade Council met on Monday.', 'Northwind Trade Council'],
  ])('%s', (_head, text, name) => {
    const c = discover(text);
    expect(find(c, name)?.type).toBe('organization');
  });

  it('"and" between two names splits them', () => {
    const c = discover('The bill was backed by Anja Kessel and Piet Ravensloot, both veterans.');
    expect(find(c, 'Anja Kessel')?.type).toBe('person');
    expect(find(c, 'Piet Ravensloot')?.type).toBe('person');
  });

  it('a lower-case "party" or "group" after a name says organisation ("the Vandra party")', () => {
    const c = discover('Leaders of the Vandra party and the Sollum group met in secret. Vandra later denied it.');
    expect(find(c, 'Vandra')?.type).toBe('organization');
    expect(find(c, 'Sollum')?.type).toBe('organization');
  });

  it('acronyms are organisations; common capitals words and places are not', () => {
    const c = discover('The QRVX said it would appeal, according to a spokesman. The UK and the US disagreed. ADVERTISING');
    expect(find(c, 'QRVX')?.type).toBe('organization');
    expect(allForms(c)).not.toContain('UK');
    expect(allForms(c)).not.toContain('US');
    expect(allForms(c)).not.toContain('ADVERTISING');
  });
});

describe('events', () => {
  it.each([
    ['War', 'Veterans of the Osterland War marched on Sunday.', 'Osterland War'],
    ['Revolution', 'The museum covers the Velvet Harbor Revolution in detail.', 'Velvet Harbor Revolution'],
    ['Spring', 'It was compared to the Baltavian Spring by several historians.', 'Baltavian Spring'],
    ['Massacre', 'Survivors of the Kellin Bridge Massacre gave evidence.', 'Kellin Bridge Massacre'],
    ['Protests', 'He was jailed after the Copper Valley Protests were crushed.', 'Copper Valley Protests'],
    ['Uprising', 'Her father died in the Dunmore Uprising of that year.', 'Dunmore Uprising'],
    ['Rally', 'Thousands attended the Unity Square Rally despite the rain.', 'Unity Square Rally'],
    ['Election', 'Turnout at the Federal Assembly Election was low.', 'Federal Assembly Election'],
    ['Summit', 'The Lakeside Summit ended without a statement, officials said.', 'Lakeside Summit'],
    ['Agreement', 'Both sides signed the Harwick Agreement in a brief ceremony.', 'Harwick Agreement'],
    ['Olympics', 'Athletes are preparing for the Winter Olympics in the north.', 'Winter Olympics'],
  ])('%s', (_noun, text, name) => {
    const c = discover(text);
    expect(find(c, name)?.type).toBe('event');
  });

  it('a year with an event noun: "the 2011 protests", "the 1976 massacre"', () => {
    const c = discover('Many compared the marches to the 2011 protests. Others recalled the 1976 massacre in the square.');
    expect(find(c, '2011 protests')?.type).toBe('event');
    expect(find(c, '1976 massacre')?.type).toBe('event');
  });

  it('a year, a modifier and an event noun: "the 2030 presidential election"', () => {
    const c = discover('Polls for the 2030 presidential election show a tie.');
    expect(find(c, '2030 presidential election')?.type).toBe('event');
  });

  it('a name with a lower-case event noun: "the Free Harbor rally", "the Lund peace talks"', () => {
    const c = discover('Crowds gathered at the Free Harbor rally. Before the Lund peace talks collapsed, both sides met twice.');
    expect(find(c, 'Free Harbor rally')?.type).toBe('event');
    expect(find(c, 'Lund peace talks')?.type).toBe('event');
  });

  it('"deal" needs a modifier: "the Yarrow nuclear deal" is an event, "the Yarrow deal" is not', () => {
    expect(find(discover('Critics attacked the Yarrow nuclear deal again.'), 'Yarrow nuclear deal')?.type).toBe('event');
    expect(discover('Critics attacked the Kestrow deal again.').filter((c) => c.type === 'event')).toEqual([]);
  });

  it('the same year and kind of event are one entity ("2011 protests" and "2011 uprising")', () => {
    const c = discover('The 2011 protests failed. Leaders of the 2011 uprising were jailed.');
    const e = find(c, '2011 protests');
    expect(e?.type).toBe('event');
    expect(e?.aliases).toContain('2011 uprising');
  });
});

describe('sentence starts and headlines are not names by themselves', () => {
  it('a capitalised common word at a sentence start is not a candidate', () => {
    const c = discover(
      'Security forces stormed the building. Officials said nobody was hurt. Analysts expect more raids. Tourism has collapsed since.',
    );
    expect(c).toEqual([]);
  });

  it('a title-cased headline alone gives no candidates', () => {
    const c = discover('Why The Markets Rallied Sharply On Tuesday Morning\nInvestors were relieved after a quiet week.');
    expect(c).toEqual([]);
  });

  it('an all-capitals line alone gives no candidates', () => {
    expect(discover('BREAKING NEWS FROM THE NORTHERN PROVINCES TONIGHT')).toEqual([]);
  });

  it('a name the body establishes is also found in the headline and at sentence starts', () => {
    const text = 'Velkaro Defends Harbour Plan Against Fierce Criticism\nThe plan was drafted by Mira Velkaro, the port director. Velkaro said the work would begin in June.';
    const c = discover(text);
    const p = find(c, 'Mira Velkaro');
    expect(p?.type).toBe('person');
    expect(p?.count).toBe(3);
    expect(names(c)).not.toContain('Harbour Plan');
  });

  it('a full name at a sentence start is a name ("Heloise Marchetti contributed")', () => {
    const c = discover('The report was long.\nHeloise Marchetti contributed to this report.');
    expect(find(c, 'Heloise Marchetti')?.type).toBe('person');
  });
});

describe('possessives', () => {
  it('are not part of names or mentions', () => {
    const c = discover('The Northwind Trade Council’s budget grew. Critics of Anja Kessel’s plan, and of the QRVX’s role, spoke. Anja Kessel replied.');
    const council = find(c, 'Northwind Trade Council');
    expect(council?.mentions.map((m) => m.text)).toEqual(['Northwind Trade Council']);
    expect(find(c, 'Anja Kessel')?.count).toBe(2);
    expect(allForms(c).some((f) => /’s$/.test(f))).toBe(false);
  });

  it('a possessive inside an organisation name is kept ("People’s ... Organization")', () => {
    const c = discover('Members of the Valdor People’s Relief Organization were arrested.');
    expect(find(c, 'Valdor People’s Relief Organization')?.type).toBe('organization');
  });
});

describe('options', () => {
  const text = 'President Oskar Veldmann met the Harbor Workers Organization before the Lakeside Summit.';
  it('types filters the result', () => {
    expect(discover(text, { types: ['person'] }).map((c) => c.type)).toEqual(['person']);
  });
  it('minConfidence drops weaker candidates', () => {
    const all = discover(text, { minConfidence: 0 });
    const strict = discover(text, { minConfidence: 0.99 });
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(strict.every((c) => c.confidence >= 0.99)).toBe(true);
    expect(strict.length).toBeLessThan(all.length);
  });
});

describe('each cue rule alone (lib/text/discovery/cues.ts)', () => {
  /** The cues one rule gives the name `name` in `text`. */
  function cue(rule: CueRule, text: string, name: string, fields: Partial<RawMention> = {}): Pick<RawMention, 'orgCue' | 'personCue' | 'placeCue'> {
    const ctx = blockOf(text, undefined, []);
    const [a, b] = span(ctx, name);
    const m = { ...mention(name.toLowerCase()), ...fields };
    rule(ctx, a, b, m);
    return { orgCue: m.orgCue, personCue: m.personCue, placeCue: m.placeCue };
  }
  const none = { orgCue: 0, personCue: 0, placeCue: 0 };

  it('cueTheName: "the Velkaro" heading its phrase, not "the Velkaro city council"', () => {
    expect(cue(cueTheName, 'He joined the Velkaro last year.', 'Velkaro').orgCue).toBe(1);
    expect(cue(cueTheName, 'He wrote to the Velkaro city council.', 'Velkaro')).toEqual(none);
  });

  it('cueTypeNounBefore: "the search engine Velkaro"', () => {
    expect(cue(cueTypeNounBefore, 'She used the search engine Velkaro daily.', 'Velkaro').orgCue).toBe(1.5);
  });

  it('cueWordBefore: a role, "by", "acquired", "in", "according to"', () => {
    expect(cue(cueWordBefore, 'A book by the philosopher Aurelio Santangelo.', 'Aurelio Santangelo').personCue).toBe(2);
    expect(cue(cueWordBefore, 'It was bought by Velkaro.', 'Velkaro').orgCue).toBe(0.5);
    expect(cue(cueWordBefore, 'It was written by Velkaro.', 'Velkaro', { kind: K_PERSON }).personCue).toBe(1);
    expect(cue(cueWordBefore, 'They acquired Velkaro last year.', 'Velkaro').orgCue).toBe(1);
    expect(cue(cueWordBefore, 'They met in Velkaro last year.', 'Velkaro').placeCue).toBe(0.5);
    expect(cue(cueWordBefore, 'It fell, according to Velkaro.', 'Velkaro')).toEqual({ orgCue: 1, personCue: 0, placeCue: 0 });
  });

  it('cueRoleAndComma: "its director, Anja Kessel"', () => {
    expect(cue(cueRoleAndComma, 'Its director, Anja Kessel, agreed.', 'Anja Kessel').personCue).toBe(1);
  });

  it('cueSlash: an acronym in a credit or alternatives ("Coex/QRVX")', () => {
    expect(cue(cueSlash, 'Photo: Thomas Coex/QRVX', 'QRVX', { kind: K_ACRONYM }).orgCue).toBe(0.5);
    expect(cue(cueSlash, 'Photo: Thomas Coex/QRVX', 'QRVX')).toEqual(none);
  });

  it('cuePossession: what a possessive name has', () => {
    expect(cue(cuePossession, 'Velkaro’s shareholders revolted.', 'Velkaro').orgCue).toBe(1.5);
    expect(cue(cuePossession, 'Velkaro’s capital is small.', 'Velkaro').placeCue).toBe(1);
    expect(cue(cuePossession, 'Velkaro’s wife spoke.', 'Velkaro').personCue).toBe(2);
    expect(cue(cueWordAfter, 'Velkaro’s wife spoke.', 'Velkaro')).toEqual(none); // the other rules after a name leave possessives to it
  });

  it('cueWordAfter: "Velkaro party", "Velkaro said", "Velkaro, who" without the comma, a modifier', () => {
    expect(cue(cueWordAfter, 'The Velkaro party won.', 'Velkaro').orgCue).toBe(1.5);
    expect(cue(cueWordAfter, 'Then Velkaro said no.', 'Velkaro')).toEqual({ orgCue: 0, personCue: 0.5, placeCue: -0.5 });
    expect(cue(cueWordAfter, 'It was Velkaro who left.', 'Velkaro').personCue).toBe(2);
  });

  it('cueApposition: ", who", ", 63,", ", the ... commander", ", an ... organization"', () => {
    expect(cue(cueApposition, 'Then Velkaro, who left, spoke.', 'Velkaro').personCue).toBe(2);
    expect(cue(cueApposition, 'Then Velkaro, 63, spoke.', 'Velkaro').personCue).toBe(2);
    expect(cue(cueApposition, 'Then Velkaro, the army commander, spoke.', 'Velkaro').personCue).toBe(1.5);
    expect(cue(cueApposition, 'Then Velkaro, an armed organization, spoke.', 'Velkaro').orgCue).toBe(2);
  });

  it('cueNameAfter: "Velkaro CEO", "Velkaro Inc."', () => {
    expect(cue(cueNameAfter, 'The Velkaro CEO resigned.', 'Velkaro').orgCue).toBe(2);
  });

  it('cueParentheses: "Velkaro Trust (VT)"; a caption credit "(Velkaro)"', () => {
    expect(cue(cueParentheses, 'The Velkaro Trust (VT) said so.', 'Velkaro Trust').orgCue).toBe(0.5);
    expect(cue(cueParentheses, 'Tourists fled the beach. (Velkaro)', 'Velkaro').orgCue).toBe(1.5);
  });

  it('CUE_RULES runs them all, "by" after a role cue', () => {
    expect(CUE_RULES).toContain(cueWordBefore);
    expect(CUE_RULES.indexOf(cuePossession)).toBeLessThan(CUE_RULES.indexOf(cueWordAfter));
  });

  it('cueLists: a name listed with an organisation gets an organisation cue; with a person, a person cue', () => {
    const ctx = blockOf('Reporters from the Harbor Times Company, Velkaro and Drammen were there. Anja Kessel and Velkoro came.');
    detectBlock(ctx.lex, ctx.lower, 0, { block: ctx.block, tokens: ctx.tokens }, ctx.out, ctx.flagCache, []);
    const before = ctx.out.map((m) => [m.surface, m.orgCue, m.personCue]);
    cueLists(ctx, 0);
    const gained = ctx.out.map((m, k) => [m.surface, m.orgCue - (before[k]![1] as number), m.personCue - (before[k]![2] as number)]);
    expect(gained).toEqual([
      ['Harbor Times Company', 0, 0],
      ['Velkaro', 1, 0],
      ['Drammen', 0, 0], // next to Velkaro, whose type is not known yet
      ['Anja Kessel', 0, 0],
      ['Velkoro', 0, 0.5],
    ]);
  });
});

describe('clubs and competitors on list lines (issue 17)', () => {
  it('a results line and a league table name clubs, even after a city; a nation there is no club', () => {
    const c = discover('Bristol 2 Dunmore Rovers 1\n1. Harbor Athletic 38 23 12 3 68 36 81\nNorway 2 Sweden 0');
    expect(find(c, 'Bristol')?.type).toBe('organization');
    expect(find(c, 'Dunmore Rovers')?.type).toBe('organization');
    expect(find(c, 'Harbor Athletic')?.type).toBe('organization');
    expect(find(c, 'Norway')).toBeUndefined();
    expect(find(c, 'Sweden')).toBeUndefined();
  });

  it('a ranking line names a person, not a headline; a nation code after the name is nobody', () => {
    const c = discover('Results\n1. Ilse Brandvold (NOR) 1:52.30\n2. Anja Kessel (SWE) 1:53.10');
    expect(find(c, 'Ilse Brandvold')?.type).toBe('person');
    expect(find(c, 'Anja Kessel')?.type).toBe('person');
    expect(names(c, 'organization')).toEqual([]);
  });

  it('cueTeamSlot: a club in parentheses after a player in a squad list', () => {
    const c = discover('Squad\nGK Ilse Brandvold (Velkaro Wanderers)\nDF Anja Kessel (Bristol)');
    expect(find(c, 'Velkaro Wanderers')?.type).toBe('organization');
    expect(find(c, 'Bristol')?.type).toBe('organization');
    expect(find(c, 'Anja Kessel')?.type).toBe('person');
  });
});

describe('one-word organisations by their context (issue 17)', () => {
  it.each([
    ['Shares of Kestrelco rose 4 percent on Monday.', 'Kestrelco'],
    ['Acmetron said in a statement that the plant would close.', 'Acmetron'],
    ['Velkaro said on its website that it would close.', 'Velkaro'],
    ['He told the Zorbal news agency that prices would rise.', 'Zorbal'],
  ])('%s', (text, name) => {
    expect(find(discover(text), name)?.type).toBe('organization');
  });
});

describe('German club names with numbers (issue 17, session 4)', () => {
  it('a results line and a league table name the clubs whole ("1. FC Nordheim", "FSV Waldau 05"); a rank stays out', () => {
    const page = ['Ergebnisse', 'FSV Waldau 05 – 1. FC Nordheim 2:2', 'Tanner 04 Ostbrück – SV Kelmsdorf 1:0', 'Tabelle', '1. SV Kelmsdorf 34 71', '2. FSV Waldau 05 34 66', '3. Tanner 04 Ostbrück 34 60'].join('\n');
    const c = discover(page, { lang: 'de' });
    for (const club of ['1. FC Nordheim', 'FSV Waldau 05', 'Tanner 04 Ostbrück', 'SV Kelmsdorf']) expect(find(c, club)?.type, club).toBe('organization');
    expect(allForms(c)).not.toContain('FSV Waldau');
    expect(allForms(c)).not.toContain('1. SV Kelmsdorf');
  });

  it('a frequent word of the language in brackets is no club ("Ergebnisse des 34. Spieltags (Auswahl)")', () => {
    expect(find(discover('Ergebnisse des 34. Spieltags (Auswahl)\nFSV Waldau 05 – SV Kelmsdorf 2:2', { lang: 'de' }), 'Auswahl')).toBeUndefined();
  });
});

describe('French page furniture and works (issue 17, session 4)', () => {
  it('dotted initials in brackets closing a paragraph are the writer’s signature, not an organisation', () => {
    const c = discover('Le film sort mercredi au cinéma, selon son distributeur. (J.V.)\nLa série revient en mai. (J.V.)', { lang: 'fr' });
    expect(find(c, 'J.V.')).toBeUndefined();
  });

  it('a given name before a title is a work’s title, not the body the title belongs to («Marcel Président»)', () => {
    expect(discover('Screenshot : «Marcel Président», la nouvelle série de la chaîne.', { lang: 'fr' })).toEqual([]);
  });

  it('"Libération" before a word is the newspaper, not an event; "Battle of", "Hurricane" still open events', () => {
    expect(discover('Le meilleur de Libération Offrez ou offrez-vous des livres', { lang: 'fr' })).toEqual([]);
    const c = discover('The Battle Creek plant closed. The Battle of Velkaro ended in 1802. Hurricane Velkaro hit the coast.');
    expect(names(c, 'event').sort()).toEqual(['Battle of Velkaro', 'Hurricane Velkaro']);
  });
});
