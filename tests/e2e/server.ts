/**
 * A static file server on 127.0.0.1 for fixture pages. Pages from ../shared/corpus are served
 * with their <script> elements removed so a test never reaches the network.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

export const FIXTURE_PAGES = resolve(import.meta.dirname, '../fixtures/pages');
export const CORPUS_PAGES = resolve(import.meta.dirname, '../../../shared/corpus/pages');
export const hasCorpus = existsSync(CORPUS_PAGES);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  url(path: string): string;
  /**
   * Serve another fixture file at `path` from now on (null: the file itself again): a page that
   * changed at its own URL, as a publisher revising an article (tests/e2e/notes.spec.ts).
   */
  serveAs(path: string, file: string | null): void;
  close(): Promise<void>;
}

export function stripScripts(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').replace(/<link\b[^>]*rel=["']?(?:preload|prefetch|preconnect|dns-prefetch|modulepreload)[^>]*>/gi, '');
}

export async function startServer(root = FIXTURE_PAGES): Promise<StaticServer> {
  const overrides = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    try {
      const requested = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const path = overrides.get(requested) ?? requested;
      let file: string;
      let corpus = false;
      if (path.startsWith('/corpus/')) {
        file = normalize(join(CORPUS_PAGES, path.slice('/corpus/'.length)));
        corpus = true;
        if (!file.startsWith(CORPUS_PAGES)) throw new Error('outside');
      } else {
        file = normalize(join(root, path));
        if (!file.startsWith(root)) throw new Error('outside');
      }
      let body: Buffer | string = await readFile(file);
      if (corpus) body = stripScripts(body.toString('utf8'));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p) => `${origin}/${p.replace(/^\//, '')}`,
    serveAs: (p, file) => {
      const key = `/${p.replace(/^\//, '')}`;
      if (file === null) overrides.delete(key);
      else overrides.set(key, `/${file.replace(/^\//, '')}`);
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
