import { describe, expect, it } from 'vitest';
import { NotesIndex, foldTerm, tokenize } from '../../../lib/notes/search';
import type { Note } from '../../../lib/model/note';

const T0 = Date.UTC(2025, 0, 1);
let seq = 0;
function note(fields: Partial<Note>): Note {
  seq++;
  return {
    id: `n${seq}`,
    quote: '',
    comment: '',
    url: `https://news.example/${seq}`,
    title: '',
    createdAt: T0 + seq,
    site: 'News',
    selector: null,
    tags: [],
    entityIds: [],
    updatedAt: T0 + seq,
    anchor: null,
    ...fields,
  };
}

const NAMES: Record<string, string> = { mek: 'People’s Mojahedin Organization of Iran', rajavi: 'Maryam Rajavi' };

function sample() {
  const a = note({ quote: 'The uprising and the rising popularity of the MEK are a major threat', comment: 'Key claim about the regime', tags: ['Iran', 'protests'], entityIds: ['mek'], title: 'Why Khamenei broke his silence', site: 'Iran Focus' });
  const b = note({ quote: 'Rouhani told President Macron that a terrorist group has a base in France', comment: 'Diplomatic angle', tags: ['France'], title: 'Macron and Rouhani', site: 'Le Monde' });
  const c = note({ quote: '', comment: 'Spoke at the rally in Paris', entityIds: ['rajavi'], title: 'Rally report', site: 'Iran Focus' });
  const d = note({ quote: 'Ḥasan Rūḥānī said “we criticise” the decision', comment: 'Accents in the quote', title: 'Über die Lage', site: 'Die Zeit' });
  return { a, b, c, d, index: new NotesIndex([a, b, c, d], (id) => NAMES[id]) };
}

describe('notes search', () => {
  it('lists everything newest first without a query', () => {
    const { a, b, c, d, index } = sample();
    expect(index.query({ query: '' }).map((n) => n.id)).toEqual([d.id, c.id, b.id, a.id]);
    expect(index.query({ query: '  ,;  ' })).toHaveLength(4);
  });

  it('searches quote, comment, tags, entity names and titles; every word must match', () => {
    const { a, b, c, d, index } = sample();
    const ids = (q: string) => index.query({ query: q }).map((n) => n.id);
    expect(ids('popularity')).toEqual([a.id]); // quote
    expect(ids('diplomatic')).toEqual([b.id]); // comment
    expect(ids('protests')).toEqual([a.id]); // tag
    expect(ids('mojahedin')).toEqual([a.id]); // entity name
    expect(ids('maryam')).toEqual([c.id]); // entity name, a note without quote
    expect(ids('khamenei silence')).toEqual([a.id]); // title
    expect(ids('le monde')).toEqual([b.id]); // site
    expect(ids('rally paris')).toEqual([c.id]);
    expect(ids('rally macron')).toEqual([]); // AND
    expect(ids('iran')).toEqual(expect.arrayContaining([a.id, c.id]));
    expect(ids('')).toHaveLength(4);
    void d;
  });

  it('ignores case, accents and apostrophe styles; prefixes and small typos match', () => {
    const { a, b, d, index } = sample();
    const ids = (q: string) => index.query({ query: q }).map((n) => n.id);
    expect(ids('HASAN RUHANI')).toEqual([d.id]);
    expect(ids('uber')).toEqual([d.id]);
    expect(ids("people's")).toEqual([a.id]);
    expect(ids('People’s')).toEqual([a.id]);
    expect(ids('terror')).toEqual([b.id]); // prefix
    expect(ids('terorist')).toEqual([b.id]); // a typo
    expect(foldTerm('Rūḥānī’s')).toBe("ruhani's");
    expect(tokenize('MEK/PMOI — “no”')).toEqual(['MEK', 'PMOI', 'no']);
  });

  it('filters by entity, tag (case-blind) and site, with or without a query', () => {
    const { a, c, index } = sample();
    expect(index.query({ query: '', entityId: 'mek' }).map((n) => n.id)).toEqual([a.id]);
    expect(index.query({ query: '', tag: 'IRAN' }).map((n) => n.id)).toEqual([a.id]);
    expect(index.query({ query: '', site: 'Iran Focus' }).map((n) => n.id)).toEqual([c.id, a.id]);
    expect(index.query({ query: 'rally', site: 'Iran Focus' }).map((n) => n.id)).toEqual([c.id]);
    expect(index.query({ query: 'rally', site: 'Le Monde' })).toEqual([]);
  });

  it('stays current as notes are added, changed and removed; facets count every note', () => {
    const { a, b, index } = sample();
    expect(index.facets().sites[0]).toEqual({ site: 'Iran Focus', count: 2 });
    const e = note({ quote: 'A brand new quote about sanctions', tags: ['iran'], title: 'New' });
    index.put(e);
    expect(index.query({ query: 'sanctions' }).map((n) => n.id)).toEqual([e.id]);
    expect(index.query({ query: '' })[0]!.id).toBe(e.id);
    index.put({ ...a, comment: 'Rewritten: embargo' });
    expect(index.query({ query: 'embargo' }).map((n) => n.id)).toEqual([a.id]);
    expect(index.query({ query: 'key claim' })).toEqual([]);
    index.remove(b.id);
    expect(index.query({ query: 'diplomatic' })).toEqual([]);
    expect(index.size).toBe(4);
    expect(index.facets().tags).toEqual([{ tag: 'Iran', count: 2 }, { tag: 'protests', count: 1 }]);
    expect(index.facets().entities).toEqual([{ id: 'mek', count: 1 }, { id: 'rajavi', count: 1 }]);
  });
});
