/**
 * What the sync benchmarks (scripts/bench/sync.ts in Node, scripts/bench/sync-browser.ts in
 * Chromium) sync: N entities of five aliases each and N notes, and the loopback
 * CouchDB-compatible server in a process of its own (scripts/bench/sync-server.ts), so that its
 * work is never counted as the extension's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Entity } from '../../lib/model/entity';
import type { Note } from '../../lib/model/note';

const T0 = Date.UTC(2025, 0, 1);

export function benchEntities(n: number): Entity[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `ent${i.toString(36).padStart(5, '0')}`,
    name: `Person ${i} Surname${i % 997}`,
    type: 'person',
    aliases: Array.from({ length: 5 }, (_, k) => ({ text: `Alias ${k} of ${i}` })),
    notes: i % 3 === 0 ? `Background notes about person ${i}, a few sentences long. `.repeat(3) : '',
    createdAt: T0 + i,
    updatedAt: T0 + i,
  }));
}

/** N notes, each about one of the first `entities` entities. */
export function benchNotes(n: number, entities = n): Note[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `note${i.toString(36).padStart(5, '0')}`,
    quote: `A quoted passage from an article, number ${i}, one sentence or two of news text.`,
    comment: i % 2 ? `My comment on quote ${i}` : '',
    url: `https://news.example/${i % 800}/article`,
    title: `Article ${i % 800}`,
    createdAt: T0 + i,
    updatedAt: T0 + i,
    site: 'news.example',
    selector: null,
    tags: i % 4 ? ['tag' + (i % 40)] : [],
    entityIds: [`ent${(i % entities).toString(36).padStart(5, '0')}`],
    anchor: null,
  }));
}

export interface BenchServer {
  origin: string;
  createDatabase(name: string, member: { username: string; password: string }): Promise<void>;
  close(): void;
}

/** The server in its own process (scripts/bench/sync-server.ts): its work is not the engine's. */
export async function startServerProcess(): Promise<BenchServer> {
  const child: ChildProcess = fork(new URL('./sync-server.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  const next = () => new Promise<Record<string, unknown>>((resolve) => child.once('message', (m) => resolve(m as Record<string, unknown>)));
  const { origin } = (await next()) as { origin: string };
  return {
    origin,
    async createDatabase(name, member) {
      const reply = next();
      child.send({ createDatabase: [name, member] });
      const r = await reply;
      if (r.error) throw new Error(String(r.error));
    },
    close: () => child.send({ close: true }),
  };
}
