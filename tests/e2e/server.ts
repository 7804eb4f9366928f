/**
 * A static file server on 127.0.0.1 for fixture pages. Pages from ../shared/corpus are served
 * with their <script> elements removed so a test never reaches the network.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

export const FIXTURE_PAGES = resolve(import.meta.dirname, '../fixtures/pages');
export const CORPUS_PAGES = resolve(import.meta.dirname, '../../../shared/corpus/pages');
export const hasCorpus = existsSync(CORPUS_PAGES);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * An HTTP server on 127.0.0.1 (a free port) that answers each request with the file `find`
 * returns, typed by its extension and never cached; a 404 when `find` throws.
 */
export async function listenStatic(find: (req: IncomingMessage) => Promise<{ file: string; body: Buffer | string }>): Promise<{ server: Server; port: number }> {
  const server = createServer(async (req, res) => {
    try {
      const { file, body } = await find(req);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  return { server, port: typeof addr === 'object' && addr ? addr.port : 0 };
}

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
  const { server, port } = await listenStatic(async (req) => {
    const requested = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const path = overrides.get(requested) ?? requested;
    if (path.startsWith('/corpus/')) {
      const file = normalize(join(CORPUS_PAGES, path.slice('/corpus/'.length)));
      if (!file.startsWith(CORPUS_PAGES)) throw new Error('outside');
      return { file, body: stripScripts(await readFile(file, 'utf8')) };
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) throw new Error('outside');
    return { file, body: await readFile(file) };
  });
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
