/**
 * A published glossary file on 127.0.0.1, for the subscription tests: served with an ETag and a
 * Last-Modified, answering 304 to a request that names the current ones (as a web server with a
 * static file does). Each request's conditional headers and answer are recorded.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export interface GlossaryFileServer {
  /** The file's address. */
  url: string;
  origin: string;
  /** Publish new content (a new ETag and Last-Modified). */
  publish(body: string): void;
  /** What each request sent and got: [If-None-Match, If-Modified-Since, status]. */
  log: [string | null, string | null, number][];
  close(): Promise<void>;
}

export async function startGlossaryFileServer(initial: string, path = '/team/glossary.json'): Promise<GlossaryFileServer> {
  let body = initial;
  let etag = '';
  let modified = '';
  let version = 0;
  const publish = (next: string) => {
    body = next;
    version++;
    etag = `"${createHash('sha1').update(next).digest('hex').slice(0, 16)}"`;
    // A second apart per version: Last-Modified has a one-second resolution.
    modified = new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toUTCString();
  };
  publish(initial);
  const log: GlossaryFileServer['log'] = [];
  const server: Server = createServer((req, res) => {
    const inm = (req.headers['if-none-match'] as string | undefined) ?? null;
    const ims = (req.headers['if-modified-since'] as string | undefined) ?? null;
    if (req.url !== path) {
      log.push([inm, ims, 404]);
      res.writeHead(404).end();
      return;
    }
    const fresh = inm ? inm === etag : ims ? Date.parse(ims) >= Date.parse(modified) : false;
    log.push([inm, ims, fresh ? 304 : 200]);
    if (fresh) {
      res.writeHead(304, { etag, 'last-modified': modified }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag, 'last-modified': modified, 'cache-control': 'max-age=0' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin + path,
    origin,
    publish,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
