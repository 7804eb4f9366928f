/**
 * The two (three) web sites of the adversarial review (issue 15), for tests/e2e/security*.spec.ts:
 *
 *  - `news.test`        the reader's real news site (the victim): tests/fixtures/attacks/news.test/
 *  - `evil.test`        a hostile site — a state-run outlet watching its readers: .../evil.test/
 *  - `google.evil.test` the same adversary posing as an AMP viewer: .../google.evil.test/
 *
 * One HTTP server on 127.0.0.1 serves them all, choosing the folder by the Host header; Chromium
 * resolves the names to 127.0.0.1 through `--host-resolver-rules`, so the browser, the extension
 * and the pages see three real, different sites (origins, hosts, sender URLs), as in the review.
 * URLs carry the server's port: `http://news.test:PORT/article-a.html`.
 *
 * Every site also serves `/kit.js`, the attacker's tool box (tests/fixtures/attacks/kit.js).
 * Paths that have no file fall back per site: `evil.test/spa/*` is the flooding single-page app,
 * `google.evil.test/amp/*` is the attacker's copy of a news.test article.
 */
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import { listenStatic } from './server';

export const ATTACK_FIXTURES = resolve(import.meta.dirname, '../fixtures/attacks');
export const HOSTS = ['news.test', 'evil.test', 'google.evil.test'] as const;
export type Host = (typeof HOSTS)[number];

/** Paths with no file of their own: [host, path prefix, file served instead]. */
const FALLBACKS: [Host, string, string][] = [
  ['news.test', '/reading/', 'reading.html'],
  ['evil.test', '/spa/', 'spa-flood.html'],
  ['google.evil.test', '/amp/', 'amp-copy.html'],
];

export interface Sites {
  port: number;
  /** http://<host>:<port>/<path> */
  url(host: Host, path: string): string;
  /** Every request the server answered, as "host:port/path?query" (for the phishing check). */
  requests: string[];
  close(): Promise<void>;
}

export async function startSites(): Promise<Sites> {
  const requests: string[] = [];
  const { server, port } = await listenStatic(async (req) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '') as Host;
    requests.push(`${req.headers.host ?? ''}${req.url ?? ''}`);
    if (!HOSTS.includes(host)) throw new Error('unknown host');
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const root = join(ATTACK_FIXTURES, host);
    const file = path === '/kit.js' ? join(ATTACK_FIXTURES, 'kit.js') : normalize(join(root, path));
    if (!file.startsWith(ATTACK_FIXTURES)) throw new Error('outside');
    try {
      return { file, body: await readFile(file) };
    } catch {
      const fallback = FALLBACKS.find(([h, prefix]) => h === host && path.startsWith(prefix));
      if (!fallback) throw new Error('not found');
      return { file: join(root, fallback[2]), body: await readFile(join(root, fallback[2])) };
    }
  });
  return {
    port,
    url: (host, path) => `http://${host}:${port}/${path.replace(/^\//, '')}`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

// ---- the reader's data -------------------------------------------------------------------------

/**
 * What the reader keeps, as a full backup imported through the protocol: three entities with
 * secret aliases and notes, the articles they read on other sites ("also in"), and a saved quote
 * of news.test/article-a. `lonely` has the same shape as `rajavi` but no other article (card size).
 */
export const SECRETS = {
  rajaviNote: 'SECRET-NOTE-7731',
  rajaviAlias: 'Zorblax Quenteminor',
  mekNote: 'SECRET-NOTE-4419',
  mekAlias: 'Quillfeather Alliance',
  ncriNote: 'SECRET-NOTE-9902',
  otherTitles: ['Inside the Ashraf-3 camp', 'Tirana hearing on the 1988 massacre', 'Exiles meet in Paris'],
  otherSites: ['Balkan Insight Test', 'Hearing Watch Test', 'Paris Courier Test'],
  quote: 'met the resistance delegates in Tirana last week',
  quoteComment: 'SECRET-QUOTE-COMMENT-5521',
};

export function readerBackup(sites: Sites): unknown {
  // Dates a few weeks before now: "also in" is newest first, and what a test adds is newer.
  const base = Date.now() - 40 * 86_400_000;
  const t = (d: number) => new Date(base + d * 86_400_000).toISOString();
  // Articles the reader read (on news.test, under other publishers' names: what matters is that
  // the card lists them; the URLs resolve so that opening one works).
  const other = (i: number) => sites.url('news.test', `reading/${i}.html`);
  const articleA = sites.url('news.test', 'article-a.html');
  return {
    format: 'news-context-reader/backup',
    version: 1,
    exportedAt: t(20),
    entities: [
      {
        id: 'rajavi', name: 'Maryam Rajavi', type: 'person',
        aliases: [{ text: 'Rajavi' }, { text: SECRETS.rajaviAlias }],
        notes: `${SECRETS.rajaviNote}: the reader's private assessment.`,
        createdAt: t(1), updatedAt: t(1),
      },
      {
        id: 'mek', name: "People's Mojahedin Organization of Iran", type: 'organization',
        aliases: [{ text: 'MEK' }, { text: SECRETS.mekAlias }],
        notes: `${SECRETS.mekNote} about the organisation.`,
        createdAt: t(1), updatedAt: t(1),
      },
      {
        // Named on no page of the tests: only a card request by id can reach it.
        id: 'ncri', name: 'National Council of Resistance of Iran', type: 'organization',
        aliases: [{ text: 'NCRI' }],
        notes: `${SECRETS.ncriNote} the reader keeps about the council.`,
        createdAt: t(1), updatedAt: t(1),
      },
      {
        // Same name length, aliases and note length as Maryam Rajavi; never read about elsewhere.
        id: 'lonely', name: 'Hadrian Volkov', type: 'person',
        aliases: [{ text: 'Volkov' }, { text: 'Xerblat Quenteminor' }],
        notes: 'SECRET-NOTE-0000: the reader\u2019s private assessment.',
        createdAt: t(1), updatedAt: t(1),
      },
    ],
    articles: [0, 1, 2].map((i) => ({
      url: other(i), title: SECRETS.otherTitles[i], site: SECRETS.otherSites[i], firstSeen: t(10 + i), lastSeen: t(10 + i),
    })).concat([{ url: articleA, title: 'Opposition delegates meet in Tirana', site: 'News Test', firstSeen: t(15), lastSeen: t(15) }]),
    mentions: [0, 1, 2]
      .flatMap((i) => [
        { entityId: 'rajavi', url: other(i), count: 2, snippet: `Rajavi in ${SECRETS.otherTitles[i]}`, lastSeen: t(10 + i) },
        { entityId: 'mek', url: other(i), count: 1, snippet: `MEK in ${SECRETS.otherTitles[i]}`, lastSeen: t(10 + i) },
        { entityId: 'ncri', url: other(i), count: 1, snippet: `NCRI in ${SECRETS.otherTitles[i]}`, lastSeen: t(10 + i) },
      ])
      .concat([{ entityId: 'rajavi', url: articleA, count: 2, snippet: 'Maryam Rajavi met the delegates', lastSeen: t(15) }]),
    notes: [
      {
        id: 'quote-a', quote: SECRETS.quote, comment: SECRETS.quoteComment, url: articleA,
        title: 'Opposition delegates meet in Tirana', site: 'News Test', createdAt: t(15), updatedAt: t(15),
        selector: {
          exact: SECRETS.quote,
          prefix: 'The foreign minister said she had ',
          suffix: ', and that talks would go on.',
          // Found by its text and context (approximate anchoring allows any position).
          position: 0,
          textLength: 0,
        },
        tags: [], entityIds: ['rajavi'], anchor: null,
      },
    ],
  };
}

