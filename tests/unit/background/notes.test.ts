/**
 * The notes messages through the real router and handlers (fake-indexeddb, fake tabs): what a
 * content script may and may not do with notes, saving a selection, opening a note.
 */
import { describe, expect, it } from 'vitest';
import type { SenderInfo, TabsPort } from '../../../lib/background/handler-types';
import { EXT_ID, ORIGIN, makeBackground } from './harness';

const PAGE: SenderInfo = { id: EXT_ID, url: `${ORIGIN}popup.html` };
const ARTICLE = 'https://news.example/2026/01/rally';
const content = (url = ARTICLE, tab = 7): SenderInfo => ({ id: EXT_ID, url, tab: { id: tab } });
const SELECTOR = { exact: 'Maryam Rajavi spoke in Paris', prefix: 'On Saturday ', suffix: ' to a crowd', position: 12, textLength: 400 };

/** A browser with tabs whose content scripts answer as the real one would. */
function fakeTabs() {
  const sent: { tabId: number; type: string; payload: unknown }[] = [];
  // `claims`: what a (compromised) content script answers to page.identify instead of its page.
  const pages = new Map<number, { url: string; claims?: string; selection: typeof SELECTOR | null; entityIds: string[]; quotes: 'found' | 'missing' }>([
    [7, { url: ARTICLE, selection: SELECTOR, entityIds: [], quotes: 'found' }],
  ]);
  let active = 7;
  let nextId = 100;
  /** Tabs whose content script has started (its first message tells the background, with the browser's sender URL). */
  const started = new Set<number>();
  const fake = { announce: async (_tabId: number, _url: string): Promise<void> => {} };
  const tabs: TabsPort = {
    activeTabId: async () => active,
    async ask(tabId, type, payload) {
      sent.push({ tabId, type, payload });
      const page = pages.get(tabId);
      if (!page) throw new Error('Could not establish connection. Receiving end does not exist.');
      // A real content script has sent page.start before it answers anything.
      if (!started.has(tabId)) {
        started.add(tabId);
        await fake.announce(tabId, page.url);
      }
      const reply = (): unknown => {
        switch (type) {
          case 'page.identify':
            return { pageUrl: page.claims ?? page.url, canonicalHref: null, ogUrl: null };
          case 'selection.capture':
            return {
              selection: page.selection && { selector: page.selection, entityIds: page.entityIds },
              page: { pageUrl: page.url, canonicalHref: null, title: 'Rally in Paris', site: 'News Example', ogUrl: null, publishedTime: null },
            };
          case 'composer.show':
            return { shown: true };
          case 'quotes.show': {
            const ids = (payload as { quotes: { id: string }[] }).quotes.map((q) => q.id);
            return page.quotes === 'found' ? { found: ids, missing: [] } : { found: [], missing: ids };
          }
          case 'quote.reveal':
            return { found: page.quotes === 'found' };
          case 'mention.reveal':
            return { found: true };
          default:
            throw new Error(`unexpected ${type}`);
        }
      };
      return reply() as never;
    },
    allTabIds: async () => [...pages.keys()],
    focus: async (tabId) => {
      active = tabId;
    },
    async open(url) {
      const id = nextId++;
      pages.set(id, { url, selection: null, entityIds: [], quotes: 'found' });
      active = id;
      return id;
    },
    saveShortcut: async () => 'Alt+Shift+S',
    sleep: async () => {},
  };
  return { tabs, sent, pages, fake, get active() { return active; } };
}

function background() {
  const fake = fakeTabs();
  let clock = Date.UTC(2026, 0, 1);
  const bg = makeBackground({ now: () => clock, tabs: fake.tabs });
  fake.fake.announce = async (tabId, url) => void (await bg.send('page.start', { pageUrl: url }, content(url, tabId)));
  const send = (type: string, payload: unknown, sender: SenderInfo = PAGE) => bg.send(type, payload, sender);
  return { send, fake, tick: (ms: number) => (clock += ms) };
}

async function withEntity(bg: ReturnType<typeof background>) {
  const r = await bg.send('entity.create', { input: { name: 'Maryam Rajavi', type: 'person' } });
  return r.value.id as string;
}

describe('saving a selection (context menu, shortcut, popup)', () => {
  it('stores the quote with its page, entities linked, and shows the composer with a grant', async () => {
    const bg = background();
    const id = await withEntity(bg);
    bg.fake.pages.get(7)!.entityIds = [id, 'not-an-entity'];
    // No tabId: the active tab, as the shortcut does.
    const r = await bg.send('note.saveSelection', {});
    expect(r.ok, r.error).toBe(true);
    expect(r.value.status).toBe('saved');
    expect(r.value.note).toMatchObject({ quote: SELECTOR.exact, selector: SELECTOR, url: ARTICLE, title: 'Rally in Paris', site: 'News Example', entityIds: [id], comment: '', tags: [] });
    const shown = bg.fake.sent.find((s) => s.type === 'composer.show')!;
    expect(shown).toMatchObject({ tabId: 7, payload: { kind: 'saved', noteId: r.value.note.id, selector: SELECTOR, entities: [{ id, name: 'Maryam Rajavi', type: 'person' }], shortcut: 'Alt+Shift+S' } });
    const grant = (shown.payload as { grant: string }).grant;

    // The page's composer adds a comment and tags with the grant: once, from that tab only.
    expect((await bg.send('note.annotate', { grant, comment: 'Why it matters', tags: ['rally'] }, content(ARTICLE, 8))).ok).toBe(false);
    expect((await bg.send('note.annotate', { grant, comment: 'Why it matters', tags: ['rally'] }, content())).ok).toBe(true);
    const again = await bg.send('note.annotate', { grant, comment: 'Overwritten!', tags: [] }, content());
    expect(again.ok).toBe(false);
    const listed = await bg.send('notes.query', { query: 'matters' });
    expect(listed.value.items.map((v: any) => v.note.comment)).toEqual(['Why it matters']);
    expect(listed.value.items[0].entities).toEqual([{ id, name: 'Maryam Rajavi', type: 'person' }]);
  });

  it('nothing selected: nothing saved, the page says how', async () => {
    const bg = background();
    bg.fake.pages.get(7)!.selection = null;
    expect((await bg.send('note.saveSelection', { tabId: 7 })).value).toEqual({ status: 'no-selection' });
    expect(bg.fake.sent.at(-1)).toMatchObject({ type: 'composer.show', payload: { kind: 'no-selection', shortcut: 'Alt+Shift+S' } });
    expect((await bg.send('notes.query', {})).value.all).toBe(0);
  });

  it('a switched-off site: its text is not even read', async () => {
    const bg = background();
    await bg.send('settings.update', { patch: { disabledSites: ['news.example'] } });
    expect((await bg.send('note.saveSelection', { tabId: 7 })).value).toEqual({ status: 'unavailable', reason: 'site-off' });
    expect(bg.fake.sent.map((s) => s.type)).toEqual(['page.identify']);
    expect((await bg.send('note.saveSelection', { tabId: 55 })).value).toEqual({ status: 'unavailable', reason: 'not-readable' });
  });
});

describe('what a content script may do with notes', () => {
  it('may not list, search, save, edit, delete, open or export notes', async () => {
    const bg = background();
    const saved = (await bg.send('note.saveSelection', { tabId: 7 })).value.note;
    for (const [type, payload] of [
      ['note.list', {}],
      ['notes.query', {}],
      ['note.saveSelection', { tabId: 7 }],
      ['note.update', { id: saved.id, patch: { comment: 'pwned' } }],
      ['note.delete', { id: saved.id }],
      ['note.restore', { note: saved }],
      ['note.open', { id: saved.id }],
      ['notes.export', { format: 'json' }],
    ] as const) {
      const r = await bg.send(type, payload, content());
      expect(r.ok, type).toBe(false);
      expect(r.error, type).toMatch(/not allowed from a web page/);
    }
    expect((await bg.send('notes.query', {})).value.items[0].note).toEqual(saved);
  });

  it('notes.forPage gives only the selectors of its own page, whatever it claims', async () => {
    const bg = background();
    const saved = (await bg.send('note.saveSelection', { tabId: 7 })).value.note;
    await bg.send('note.update', { id: saved.id, patch: { comment: 'SECRET comment', tags: ['secret-tag'] } });
    const mine = await bg.send('notes.forPage', { pageUrl: ARTICLE, canonicalHref: null }, content());
    expect(mine.value).toEqual({ quotes: [{ id: saved.id, selector: SELECTOR }] });
    expect(JSON.stringify(mine.value)).not.toMatch(/SECRET|secret-tag/);
    // Another page asking for this page's quotes (by claiming its URL, or its canonical) gets nothing.
    const evil = 'https://evil.example/x';
    expect((await bg.send('notes.forPage', { pageUrl: ARTICLE, canonicalHref: null }, content(evil))).value).toEqual({ quotes: [] });
    expect((await bg.send('notes.forPage', { pageUrl: evil, canonicalHref: ARTICLE, ogUrl: ARTICLE }, content(evil))).value).toEqual({ quotes: [] });
    // A fragment is the same page.
    expect((await bg.send('notes.forPage', { pageUrl: `${ARTICLE}#comments`, canonicalHref: null }, content(`${ARTICLE}#comments`))).value.quotes).toHaveLength(1);
  });

  it('notes.anchored records only the ids this tab was given', async () => {
    const bg = background();
    const a = (await bg.send('note.saveSelection', { tabId: 7 })).value.note;
    bg.fake.pages.set(9, { url: 'https://other.example/b', selection: { ...SELECTOR, exact: 'Other' }, entityIds: [], quotes: 'found' });
    const b = (await bg.send('note.saveSelection', { tabId: 9 })).value.note;
    // Not given anything yet: nothing recorded.
    expect((await bg.send('notes.anchored', { found: [], missing: [a.id] }, content())).value).toEqual({ recorded: 0 });
    await bg.send('notes.forPage', { pageUrl: ARTICLE, canonicalHref: null }, content());
    expect((await bg.send('notes.anchored', { found: [], missing: [a.id, b.id] }, content())).value).toEqual({ recorded: 1 });
    const notes = (await bg.send('notes.query', {})).value.items.map((v: any) => v.note);
    expect(notes.find((n: any) => n.id === a.id).anchor).toMatchObject({ status: 'missing' });
    expect(notes.find((n: any) => n.id === b.id).anchor).toBeNull();
  });

  it('note.attach adds a note about an entity on the sender’s page, and appends only when asked', async () => {
    const bg = background();
    const id = await withEntity(bg);
    const page = { title: 'Rally', site: 'News', canonicalHref: 'https://evil.example/elsewhere' };
    const r = await bg.send('note.attach', { entityId: id, comment: 'She spoke first', appendToEntity: true, page }, content());
    expect(r.value).toEqual({ saved: true, appended: true });
    const [note] = (await bg.send('notes.query', {})).value.items.map((v: any) => v.note);
    // Filed under the sender's page: a cross-site canonical claim is ignored.
    expect(note).toMatchObject({ url: ARTICLE, quote: '', selector: null, entityIds: [id], comment: 'She spoke first' });
    const [entity] = (await bg.send('entity.get', { ids: [id] })).value;
    expect(entity.notes).toContain('She spoke first');
    expect((await bg.send('note.attach', { entityId: 'nope', comment: 'x', appendToEntity: false, page }, content())).ok).toBe(false);
    expect((await bg.send('note.attach', { entityId: id, comment: '', appendToEntity: false, page }, content())).ok).toBe(false);
  });
});

describe('opening a note', () => {
  it('focuses the tab showing the page, finds and reveals the quote', async () => {
    const bg = background();
    const saved = (await bg.send('note.saveSelection', { tabId: 7 })).value.note;
    bg.fake.sent.length = 0;
    const r = await bg.send('note.open', { id: saved.id });
    expect(r.value.status).toBe('found');
    expect(bg.fake.active).toBe(7);
    expect(bg.fake.sent.map((s) => s.type)).toEqual(expect.arrayContaining(['quotes.show', 'quote.reveal']));
    expect(r.value.note.note.anchor).toMatchObject({ status: 'found' });
  });

  it('chooses the tab by what the browser said it shows, never by a content script’s page.identify answer', async () => {
    const bg = background();
    const saved = (await bg.send('note.saveSelection', { tabId: 7 })).value.note;
    // Tab 7 is gone; tab 8 is evil.example, whose content script claims to show the article.
    bg.fake.pages.delete(7);
    bg.fake.pages.set(8, { url: 'https://evil.example/page', claims: ARTICLE, selection: null, entityIds: [], quotes: 'found' });
    await bg.send('page.start', { pageUrl: 'https://evil.example/page' }, content('https://evil.example/page', 8));
    bg.fake.sent.length = 0;
    const r = await bg.send('note.open', { id: saved.id });
    expect(r.value.status).toBe('found');
    expect(bg.fake.active).toBeGreaterThanOrEqual(100);
    expect(bg.fake.sent.filter((s) => s.tabId === 8 && s.type !== 'page.identify')).toEqual([]);
  });

  it('opens a new tab when none shows it; a quote not found is recorded, and the note kept', async () => {
    const bg = background();
    const saved = (await bg.send('note.saveSelection', { tabId: 7 })).value.note;
    bg.fake.pages.delete(7);
    const open = bg.fake.tabs.open;
    bg.fake.tabs.open = async (url) => {
      const id = await open(url);
      bg.fake.pages.get(id)!.quotes = 'missing';
      return id;
    };
    const r = await bg.send('note.open', { id: saved.id });
    expect(r.value.status).toBe('missing');
    expect(bg.fake.active).toBeGreaterThanOrEqual(100);
    const listed = (await bg.send('notes.query', {})).value;
    expect(listed.all).toBe(1);
    expect(listed.items[0].note.anchor).toMatchObject({ status: 'missing' });
  });
});

describe('export', () => {
  it('exports the matching notes as Markdown and JSON', async () => {
    const bg = background();
    await bg.send('note.saveSelection', { tabId: 7 });
    const md = await bg.send('notes.export', { format: 'markdown' });
    expect(md.value).toMatchObject({ count: 1, mime: 'text/markdown', filename: expect.stringMatching(/^notes-\d{4}-\d\d-\d\d\.md$/) });
    expect(md.value.text).toContain('> Maryam Rajavi spoke in Paris');
    expect(md.value.text).toContain(`## [Rally in Paris](${ARTICLE})`);
    const json = await bg.send('notes.export', { format: 'json', query: 'nothing-matches-this' });
    expect(JSON.parse(json.value.text)).toMatchObject({ count: 0, notes: [] });
  });
});
