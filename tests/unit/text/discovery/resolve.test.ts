/**
 * Resolution as a whole (lib/text/discovery/resolve.ts): its passes run in order, and an engine
 * may bring its own list of join passes.
 */
import { describe, expect, it } from 'vitest';
import { detectPage } from '../../../../lib/text/discovery/detect';
import type { JoinPass } from '../../../../lib/text/discovery/forms';
import { JOIN_PASSES, resolve, type ResolveInput } from '../../../../lib/text/discovery/resolve';
import { lowerWordsOf, readBlocks } from '../../../../lib/text/discovery/tokenize';
import { chunksOf, find } from './helpers';

function inputOf(text: string): ResolveInput {
  const docs = readBlocks(chunksOf(text));
  const lower = lowerWordsOf(docs);
  return { docs, lower, ...detectPage(docs, lower), options: {} };
}

const TEXT = 'The Northern Fisheries Alliance (NFA) filed a complaint. The NFA says catches fell.\nAnja Kessel, its director, agreed. Kessel said more.';

describe('resolve', () => {
  it('joins, types, finds the mentions again and builds candidates', () => {
    const c = resolve(inputOf(TEXT));
    expect(find(c, 'Northern Fisheries Alliance')?.aliases).toEqual(['NFA']);
    expect(find(c, 'Northern Fisheries Alliance')?.count).toBe(3);
    expect(find(c, 'Anja Kessel')?.aliases).toEqual(['Kessel']);
  });

  it('runs the join passes it is given, in order: none joins nothing but surnames', () => {
    const c = resolve(inputOf(TEXT), []);
    expect(find(c, 'Northern Fisheries Alliance')?.aliases).toEqual([]);
    expect(find(c, 'Anja Kessel')?.aliases).toEqual(['Kessel']); // surnames are their own step, after typing
  });

  it('a pass added to the list runs with the others', () => {
    const seen: string[] = [];
    const spy: JoinPass = (forms) => void seen.push(...forms.list.map((f) => f.key));
    resolve(inputOf(TEXT), [...JOIN_PASSES, spy]);
    expect(seen).toEqual(expect.arrayContaining(['northern fisheries alliance', 'nfa', 'anja kessel', 'kessel']));
  });

  it('JOIN_PASSES: definitions first (they add forms), names inside longer ones after the passes that join those', () => {
    const names = JOIN_PASSES.map((p) => p.name);
    expect(names[0]).toBe('joinAbbreviationDefinitions');
    expect(names.indexOf('joinNamesInsideLongerOnes')).toBeGreaterThan(names.indexOf('joinShortForms'));
    expect(names.indexOf('joinNamesInsideLongerOnes')).toBeGreaterThan(names.indexOf('joinAcronymsToInitials'));
  });
});
