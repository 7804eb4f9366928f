/**
 * Reading the groups out of the form table (lib/text/discovery/groups.ts).
 */
import { describe, expect, it } from 'vitest';
import { FormTable } from '../../../../lib/text/discovery/forms';
import { groupsOf, NOT_ENTITY } from '../../../../lib/text/discovery/groups';
import { formWith } from './helpers';

describe('groupsOf', () => {
  it('one group per set of joined forms, first named first, with no type yet', () => {
    const forms = new FormTable();
    const ncri = formWith(forms, 'ncri', { first: 5e6 });
    formWith(forms, 'velkaro', { first: 2e6 });
    const long = formWith(forms, 'national council', { first: 3e6 });
    formWith(forms, 'unnamed'); // a definition's form with no mention of its own: last
    forms.join(ncri, long);
    const groups = groupsOf(forms);
    expect(groups.map((g) => g.forms.map((f) => f.key))).toEqual([['velkaro'], ['ncri', 'national council'], ['unnamed']]);
    expect(groups[1]!.first).toBe(3e6);
    expect(groups[1]!.root).toBe(ncri.index);
    expect(groups.every((g) => g.type === NOT_ENTITY && g.confidence === 0)).toBe(true);
  });
});
