/**
 * Names, not words, through the real router, handlers and storage (fake-indexeddb): page
 * evidence across parts and scans, shared aliases, the per-site alias switch (stored in the
 * extension's IndexedDB, its site taken from the sender), alias.review and import previews.
 */
import { describe, expect, it } from 'vitest';
import { contentOf, makeBackground } from './harness';
import { judgeMatches } from '../../../lib/background/page-evidence';
import { changeExclusion, listExclusions, readExclusions } from '../../../lib/storage/alias-exclusions';

const PAGE = 'https://news.example.com/politics/vote';
const tab = contentOf(PAGE);

async function withGlossary() {
  let t = Date.UTC(2026, 0, 1);
  const bg = makeBackground(() => (t += 1000));
  const theresa = (await bg.send('entity.create', { input: { name: 'Theresa May', type: 'person', aliases: [{ text: 'May' }] } })).value;
  const brian = (await bg.send('entity.create', { input: { name: 'Brian May', type: 'person', aliases: [{ text: 'May' }] } })).value;
  const apple = (await bg.send('entity.create', { input: { name: 'Apple Inc.', type: 'organization', aliases: [{ text: 'Apple' }] } })).value;
  return { bg, theresa, brian, apple };
}

/** "text=entity name [reason]" of a page.match reply. */
function describeReply(texts: string[], reply: any, names: Record<string, string>): string[] {
  const out: string[] = [];
  const why = new Map((reply.reasons ?? []).map(([n, ...r]: any[]) => [n, r]));
  for (let i = 0; i + 4 < reply.matches.length; i += 5) {
    const [e, sc, so, ec, eo] = reply.matches.slice(i, i + 5);
    const text = sc === ec ? texts[sc]!.slice(so, eo) : `${texts[sc]!.slice(so)}…`;
    const r = why.get(i / 5) as string[] | undefined;
    out.push(`${text}=${names[reply.entities[e].id]}${r ? ` [${r.join('|')}]` : ''}`);
  }
  return out;
}

describe('page.match with evidence', () => {
  it('keeps a weak common-word alias only when the page names the entity, and says why', async () => {
    const { bg, theresa, brian, apple } = await withGlossary();
    const names = { [theresa.id]: 'Theresa May', [brian.id]: 'Brian May', [apple.id]: 'Apple Inc.' };
    // Part 0: a headline that only says "May", the month, the verb; no full name yet.
    const p0 = ['May Faces Rebellion Over Brexit Vote', 'May I ask? The vote is on May 5. Apple pie.'];
    const r0 = (await bg.send('page.match', { pageUrl: PAGE, texts: p0, breaks: [0, 1], scan: { id: 's1', part: 0, overlap: 0, cut: null } }, tab)).value;
    expect(describeReply(p0, r0, names)).toEqual([]);
    // Part 1 names Theresa May: her "May" in this part is kept, with where the name is.
    const p1 = ['Later, Mrs May spoke.', 'Theresa May told MPs. May said no.'];
    const r1 = (await bg.send('page.match', { pageUrl: PAGE, texts: p1, breaks: [0, 1], scan: { id: 's1', part: 1, overlap: 0, cut: null } }, tab)).value;
    expect(describeReply(p1, r1, names)).toEqual([
      'May=Theresa May [May|Theresa May|below]',
      'Theresa May=Theresa May',
      'May=Theresa May [May|Theresa May|above]',
    ]);
    // A new scan of the page starts afresh: part 0 alone names nobody.
    const r2 = (await bg.send('page.match', { pageUrl: PAGE, texts: ['May said no.'], breaks: [0], scan: { id: 's2', part: 0, overlap: 0, cut: null } }, tab)).value;
    expect(r2.matches).toEqual([]);
    // Evidence from an earlier part of the same scan counts ("above").
    const r3 = (await bg.send('page.match', { pageUrl: PAGE, texts: ['Theresa May arrived.'], breaks: [0], scan: { id: 's3', part: 0, overlap: 0, cut: null } }, tab)).value;
    expect(r3.matches.length).toBe(5);
    const r4 = (await bg.send('page.match', { pageUrl: PAGE, texts: ['May said no.'], breaks: [0], scan: { id: 's3', part: 1, overlap: 0, cut: null } }, tab)).value;
    expect(describeReply(['May said no.'], r4, names)).toEqual(['May=Theresa May [May|Theresa May|above]']);
    // A rescan of changed blocks (no scan) uses the page's evidence.
    const r5 = (await bg.send('page.match', { pageUrl: PAGE, texts: ['May, again.'], breaks: [0] }, tab)).value;
    expect(describeReply(['May, again.'], r5, names)).toEqual(['May=Theresa May [May|Theresa May|above]']);
  });

  it('gives a shared alias to the entity the page names, else to the one added first', async () => {
    const { bg, theresa, brian } = await withGlossary();
    const names = { [theresa.id]: 'Theresa May', [brian.id]: 'Brian May' };
    const queen = ['Brian May played guitar. Then Mr May bowed.'];
    const r = (await bg.send('page.match', { pageUrl: PAGE, texts: queen, breaks: [0], scan: { id: 'q', part: 0, overlap: 0, cut: null } }, tab)).value;
    expect(describeReply(queen, r, names)).toEqual(['Brian May=Brian May', 'May=Brian May [May|Brian May|above]']);
    const none = ['The singer, Mr May, bowed.'];
    const r2 = (await bg.send('page.match', { pageUrl: PAGE, texts: none, breaks: [0], scan: { id: 'n', part: 0, overlap: 0, cut: null } }, tab)).value;
    expect(describeReply(none, r2, names)).toEqual(['May=Theresa May [May||]']);
  });
});

describe('never match this alias here', () => {
  it('the card switches an alias off for the sender’s site; the options page lists it and undoes it', async () => {
    const { bg, theresa } = await withGlossary();
    const text = ['Theresa May spoke. Mrs May left.'];
    const before = (await bg.send('page.match', { pageUrl: PAGE, texts: text, breaks: [0] }, tab)).value;
    expect(before.matches.length).toBe(10);
    // A page cannot name another site: the site is the sender's.
    const r = await bg.send('alias.exclude', { entityId: theresa.id, alias: 'May', site: 'elsewhere.org' }, tab);
    expect(r).toMatchObject({ ok: true, value: { site: 'news.example.com' } });
    const revision = bg.refreshed.at(-1)!;
    expect(revision).toBeGreaterThan(0);
    const after = (await bg.send('page.match', { pageUrl: PAGE, texts: text, breaks: [0] }, tab)).value;
    expect(after.matches.length).toBe(5); // "Theresa May" stays, "May" is gone
    // Another site still matches it.
    const other = (await bg.send('page.match', { pageUrl: 'https://other.example.org/a', texts: text, breaks: [0] }, contentOf('https://other.example.org/a'))).value;
    expect(other.matches.length).toBe(10);
    // Only a real alias of a real entity can be switched off.
    expect((await bg.send('alias.exclude', { entityId: theresa.id, alias: 'Maybe' }, tab)).ok).toBe(false);
    expect((await bg.send('alias.exclude', { entityId: 'nobody', alias: 'May' }, tab)).ok).toBe(false);
    const list = (await bg.send('alias.exclusions', {})).value;
    expect(list.exclusions).toMatchObject([{ site: 'news.example.com', entityId: theresa.id, alias: 'May' }]);
    expect(list.names[theresa.id]).toBe('Theresa May');
    // A page may not list or undo.
    expect((await bg.send('alias.exclusions', {}, tab)).ok).toBe(false);
    expect((await bg.send('alias.include', { entityId: theresa.id, alias: 'May', site: 'news.example.com' }, tab)).ok).toBe(false);
    const undone = (await bg.send('alias.include', { entityId: theresa.id, alias: 'may', site: 'news.example.com' })).value;
    expect(undone.exclusions).toEqual([]);
    expect(bg.refreshed.at(-1)).toBeGreaterThan(revision);
    expect((await bg.send('page.match', { pageUrl: PAGE, texts: text, breaks: [0] }, tab)).value.matches.length).toBe(10);
    // Redo from the options page (its undo of the removal) names the site.
    await bg.send('alias.exclude', { entityId: theresa.id, alias: 'May', site: 'news.example.com' });
    expect((await listExclusions(await bg.db())).length).toBe(1);
  });

  it('storage: one entry per site, entity and alias; unreadable entries are dropped, not the list', async () => {
    const { bg, theresa } = await withGlossary();
    const db = await bg.db();
    await changeExclusion(db, { site: 'a.com', entityId: theresa.id, alias: 'May' }, 1);
    await changeExclusion(db, { site: 'a.com', entityId: theresa.id, alias: 'MAY' }, 2);
    await changeExclusion(db, { site: 'b.com', entityId: theresa.id, alias: 'May' }, 3);
    expect((await listExclusions(db)).map((x) => x.site)).toEqual(['a.com', 'b.com']);
    expect(readExclusions([{ site: 'a.com', entityId: 'x', alias: 'May', createdAt: 1 }, { nonsense: true }, 'x'])).toHaveLength(1);
    expect(readExclusions('not a list')).toEqual([]);
    await expect(changeExclusion(db, { site: '', entityId: theresa.id, alias: 'May' }, 4)).rejects.toThrow(/invalid/);
  });
});

describe('alias.review and import previews', () => {
  it('says which aliases are common words, months, lists or shared, and who wins', async () => {
    const { bg, theresa } = await withGlossary();
    const review = (await bg.send('alias.review', { entity: { name: 'Mark Reading', aliases: [{ text: 'Reading' }, { text: 'May' }, { text: 'Reading, Berkshire' }] } })).value;
    expect(review).toMatchObject([
      { text: 'Mark Reading', common: false, month: false, sharedWith: [] },
      { text: 'Reading', common: true, hasFullName: true },
      { text: 'May', common: true, month: true, sharedWith: [{ name: 'Theresa May' }, { name: 'Brian May' }], defaultWinner: { name: 'Theresa May' } },
      { text: 'Reading, Berkshire', listLike: true },
    ]);
    const self = (await bg.send('alias.review', { entity: { id: theresa.id, name: 'Theresa May', aliases: [{ text: 'May' }] } })).value;
    expect(self[1]).toMatchObject({ text: 'May', sharedWith: [{ name: 'Brian May' }], defaultWinner: { name: 'Theresa May' } });
  });

  it('an import preview lists the entries whose aliases need saying', async () => {
    const { bg } = await withGlossary();
    const csv = 'name,type,aliases\nGeorge W. Bush,person,Bush | Dubya\nTim Cook,person,"Cook, Tim"\nNobody Special,person,Noone\n';
    const r = (await bg.send('import.preview', { text: csv })).value;
    expect(r.valid).toBe(true);
    expect(r.preview.aliasNotes.map((n: any) => [n.name, n.reviews.map((x: any) => x.text)])).toEqual([
      ['George W. Bush', ['Bush']],
      ['Tim Cook', ['Cook, Tim']],
    ]);
  });
});

describe('judgeMatches', () => {
  it('drops an excluded alias before it can count as evidence', () => {
    const m = (text: string, common = false, weak = false) => ({
      entityId: 'p1',
      alias: text,
      start: { chunk: 0, offset: 0 },
      end: { chunk: 0, offset: text.length },
      ...(common ? { common: true as const } : {}),
      ...(weak ? { weak: true as const } : {}),
    });
    const named = new Map();
    const out = judgeMatches([m('Theresa May'), m('May', true, true)], ['Theresa May'], named, 0, { excluded: (_e, a) => a === 'Theresa May' });
    expect(out.matches).toEqual([]);
    expect(named.size).toBe(0);
  });
});

describe('the per-site alias switches in a backup', () => {
  it('are written to the backup and come back with the settings, under the entities\' new ids', async () => {
    const { bg, theresa } = await withGlossary();
    await bg.send('alias.exclude', { entityId: theresa.id, alias: 'May', site: 'news.example.com' });
    const text = ['Theresa May spoke. May agreed.'];
    const matchesHere = (b: typeof bg) => b.send('page.match', { pageUrl: PAGE, texts: text, breaks: [0] }, tab).then((r) => r.value.matches.length);
    const switchedOff = await matchesHere(bg);
    const backup = (await bg.send('export.file', { kind: 'backup' })).value.text as string;
    expect(JSON.parse(backup).aliasExclusions).toMatchObject([{ site: 'news.example.com', entityId: theresa.id, alias: 'May' }]);

    // A fresh profile: restoring the backup with its settings brings the switch back.
    const fresh = makeBackground();
    const preview = (await fresh.send('import.preview', { text: backup })).value;
    expect(preview.valid).toBe(true);
    expect((await fresh.send('import.commit', { token: preview.token, choices: { default: 'merge', restoreSettings: true } })).ok).toBe(true);
    const restored = (await fresh.send('alias.exclusions', {})).value;
    expect(restored.exclusions).toMatchObject([{ site: 'news.example.com', alias: 'May' }]);
    expect(restored.names[restored.exclusions[0].entityId]).toBe('Theresa May');
    expect(await matchesHere(fresh)).toBe(switchedOff);

    // Without the settings, nothing of them is restored; a switch naming no entity of the file is refused.
    const other = makeBackground();
    const p2 = (await other.send('import.preview', { text: backup })).value;
    await other.send('import.commit', { token: p2.token, choices: { default: 'merge', restoreSettings: false } });
    expect((await other.send('alias.exclusions', {})).value.exclusions).toEqual([]);
    expect(await matchesHere(other)).not.toBe(switchedOff);
    const dangling = JSON.parse(backup);
    dangling.aliasExclusions[0].entityId = 'nobody';
    const bad = (await other.send('import.preview', { text: JSON.stringify(dangling) })).value;
    expect(bad.valid).toBe(false);
    expect(bad.errors.join(' ')).toMatch(/aliasExclusions\[0\]\.entityId/);
  });
});
