/**
 * The form table (lib/text/discovery/forms.ts): one form per distinct name with its mentions'
 * evidence summed, and the union-find that the join passes fill.
 */
import { describe, expect, it } from 'vitest';
import { collectForms, EVIDENCE_SCORE, FormTable, isAcronymForm, isOrganizationLike, ORGANIZATION, PERSON } from '../../../../lib/text/discovery/forms';
import { E_FIRST_NAME, E_HEAD, K_ACRONYM, K_ORG, K_PERSON } from '../../../../lib/text/discovery/raw-mention';
import { formWith, mention, pageOf } from './helpers';

describe('collectForms', () => {
  it('one form per key, its mentions in order, its cues summed', () => {
    const forms = collectForms([
      mention('kestrel motors', { kind: K_ORG, evidence: E_HEAD, orgCue: 1 }),
      mention('dana whitfield', { kind: K_PERSON, evidence: E_FIRST_NAME, block: 1 }),
      mention('kestrel motors', { kind: K_ORG, evidence: E_HEAD, orgCue: 0.5, placeCue: 1, block: 2 }),
    ]);
    expect(forms.list.map((f) => f.key)).toEqual(['kestrel motors', 'dana whitfield']);
    const k = forms.get('kestrel motors')!;
    expect(k.mentions).toHaveLength(2);
    expect(k.orgCue).toBe(1.5);
    expect(k.placeCue).toBe(1);
    expect(k.strong).toBe(2);
    expect(k.votes[ORGANIZATION]).toBeCloseTo(2 * EVIDENCE_SCORE[E_HEAD]!);
    expect(k.best[ORGANIZATION]).toBe(EVIDENCE_SCORE[E_HEAD]);
    expect(k.first).toBe(0);
    expect(forms.get('dana whitfield')!.first).toBe(1e6);
  });

  it('a weak place (headline, sentence start) counts 30%, and only titles and first names keep their score there', () => {
    const forms = collectForms([mention('harbor council', { kind: K_ORG, evidence: E_HEAD, weak: true }), mention('mira velkaro', { kind: K_PERSON, evidence: E_FIRST_NAME, weak: true })]);
    const org = forms.get('harbor council')!;
    expect(org.best[ORGANIZATION]).toBe(0.5);
    expect(org.votes[ORGANIZATION]).toBeCloseTo(0.15);
    expect(org.strong).toBe(0);
    expect(forms.get('mira velkaro')!.best[PERSON]).toBe(EVIDENCE_SCORE[E_FIRST_NAME]);
  });

  it('a name of unknown type gets no votes; one in capitals is an acronym form', () => {
    const forms = collectForms([mention('velkaro'), mention('qrvx', { kind: K_ACRONYM, upper: true })]);
    expect(forms.get('velkaro')!.votes).toEqual([0, 0, 0]);
    expect(isAcronymForm(forms.get('qrvx')!)).toBe(true);
    expect(isAcronymForm(forms.get('velkaro')!)).toBe(false);
  });

  it('from a real text: the evidence of pass 1', () => {
    const { forms } = pageOf('Shares of the Harbor Workers Organization fell. The Harbor Workers Organization said so.');
    const f = forms.get('harbor workers organization')!;
    expect(f.mentions).toHaveLength(2);
    expect(isOrganizationLike(f)).toBe(true);
  });
});

describe('FormTable', () => {
  it('add() gives the same form for the same key', () => {
    const forms = new FormTable();
    expect(forms.add('ncri')).toBe(forms.add('ncri'));
    expect(forms.list).toHaveLength(1);
  });

  it('join() makes one set whose root is its smallest index, whatever the order of joins', () => {
    const forms = new FormTable();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((k) => forms.add(k));
    forms.join(d!, c!);
    forms.join(c!, b!);
    expect(forms.rootOf(d!)).toBe(b!.index);
    expect(forms.rootOf(a!)).toBe(a!.index);
    forms.join(b!, a!);
    expect(new Set([a, b, c, d].map((f) => forms.rootOf(f!)))).toEqual(new Set([0]));
  });

  it('isOrganizationLike: more organisation votes than person votes, at least as many as event votes', () => {
    const forms = new FormTable();
    expect(isOrganizationLike(formWith(forms, 'x', { votes: [0.4, 0.8, 0.8] }))).toBe(true);
    expect(isOrganizationLike(formWith(forms, 'y', { votes: [0.8, 0.8, 0] }))).toBe(false);
    expect(isOrganizationLike(formWith(forms, 'z', { votes: [0, 0.5, 0.8] }))).toBe(false);
  });
});
