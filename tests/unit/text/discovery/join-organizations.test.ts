/**
 * The join passes for organisations' other names (lib/text/discovery/join-organizations.ts),
 * each alone.
 */
import { describe, expect, it } from 'vitest';
import { joinClippedNames, joinNamesInsideLongerOnes, joinShortForms } from '../../../../lib/text/discovery/join-organizations';
import { emptyPage, joined, joinedBy, mention, tableOf } from './helpers';

const ORG = { votes: [0, 0.85, 0] as [number, number, number] };

describe('joinClippedNames', () => {
  it('"the Fed" is the one organisation whose first word it begins: "Federal Reserve"', () => {
    expect(joinedBy(joinClippedNames, 'The Federal Reserve raised rates, and the Fed may do so again.', 'fed', 'federal reserve')).toBe(true);
  });

  it('not a derived word ("Congress" ≠ "Congressional Budget Office"), nor when two organisations fit', () => {
    const forms = tableOf({ congress: {}, 'congressional budget office': ORG, harb: {}, 'harbor council': ORG, 'harbour trust': ORG });
    joinClippedNames(forms);
    expect([joined(forms, 'congress', 'congressional budget office'), joined(forms, 'harb', 'harbor council')]).toEqual([false, false]);
  });
});

describe('joinShortForms', () => {
  it('a generic tail ("Quillfeather Group") or a short capitals one ("Oculus VR"), not a person’s name or another word', () => {
    const forms = tableOf({
      quillfeather: {},
      'quillfeather group': ORG,
      velro: {},
      'velro vr': { mentions: [mention('velro vr', { surface: 'Velro VR' })] },
      lena: {},
      'lena group': { votes: [0.9, 0, 0] },
      kestrel: {},
      'kestrel motors': ORG,
    });
    joinShortForms(forms);
    const pairs = [['quillfeather', 'quillfeather group'], ['velro', 'velro vr'], ['lena', 'lena group'], ['kestrel', 'kestrel motors']];
    expect(pairs.map(([a, b]) => joined(forms, a!, b!))).toEqual([true, true, false, false]);
  });
});

describe('joinNamesInsideLongerOnes', () => {
  it('"General Assembly" inside "U.N. General Assembly"', () => {
    expect(joinedBy(joinNamesInsideLongerOnes, 'He spoke to the U.N. General Assembly in May. The General Assembly applauded.', 'general assembly', 'u.n. general assembly')).toBe(true);
  });

  it('plurals aside ("Crimson Guards" in "Valdor Crimson Guard Corps"); not behind a common word ("Supreme National Security Council" does not hold the "National Security Council")', () => {
    const forms = tableOf({ 'crimson guards': ORG, 'valdor crimson guard corps': ORG, 'national security council': ORG, 'supreme national security council': ORG });
    joinNamesInsideLongerOnes(forms, emptyPage());
    expect(joined(forms, 'crimson guards', 'valdor crimson guard corps')).toBe(true);
    expect(joined(forms, 'national security council', 'supreme national security council')).toBe(false);
  });

  it('only when every longer name holding it is already one entity', () => {
    const forms = tableOf({ 'trade council': ORG, 'northwind trade council': ORG, 'valdor trade council': ORG });
    joinNamesInsideLongerOnes(forms, emptyPage());
    expect(joined(forms, 'trade council', 'northwind trade council')).toBe(false);
    forms.join(forms.get('northwind trade council')!, forms.get('valdor trade council')!);
    joinNamesInsideLongerOnes(forms, emptyPage());
    expect(joined(forms, 'trade council', 'northwind trade council')).toBe(true);
  });
});
