/**
 * A CouchDB-compatible server on 127.0.0.1 for sync tests and the sync benchmark: PouchDB
 * Server's library form (express-pouchdb, its own Express 4 app, in-memory store) in
 * `fullCouchDB` mode, which enforces accounts, `_security` and `validate_doc_update`
 * (docs/sync.md says what a reader's real CouchDB does). Databases, users and `_security` are
 * set up through its HTTP API as a CouchDB administrator would, except database creation,
 * which this version cannot do over HTTP with PouchDB 9 (done through the library instead).
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const require = createRequire(import.meta.url);

export const ADMIN = { username: 'admin', password: 'admin-secret' };

export interface CouchServer {
  origin: string;
  /** A database with a member (user name and password) who may read and write it. */
  createDatabase(name: string, member?: { username: string; password: string }, options?: { readOnlyFor?: string[]; editors?: string[] }): Promise<void>;
  addUser(username: string, password: string, roles?: string[]): Promise<void>;
  /** A raw HTTP request as `auth` (default: the administrator). */
  request(method: string, path: string, body?: unknown, auth?: { username: string; password: string } | null): Promise<{ status: number; json: any }>;
  /** How many requests reached the server (all paths), for the network audit and the benchmark. */
  requests(): string[];
  /** Stop answering: open connections are cut (a server that went away). */
  stop(): Promise<void>;
  /** Answer again, on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

type PouchCtor = (new (name: string) => { info(): Promise<unknown> }) & { plugin(p: unknown): PouchCtor; defaults(o: object): PouchCtor };

let sharedPouch: PouchCtor | null = null;
function memoryPouch(): PouchCtor {
  if (!sharedPouch) {
    const PouchDB = require('pouchdb') as PouchCtor;
    sharedPouch = PouchDB.plugin(require('pouchdb-adapter-memory')).defaults({ adapter: 'memory' });
  }
  return sharedPouch;
}

let serial = 0;

export async function startCouchServer(port = 0): Promise<CouchServer> {
  const MemPouch = memoryPouch();
  // Each server its own prefix: the memory adapter's databases are global to the process.
  const prefix = `s${process.pid}_${++serial}_`;
  const expressPouchdb = require('express-pouchdb') as (p: unknown, o: object) => { listen(port: number, host: string, cb: () => void): Server; use: unknown };
  const Prefixed = (MemPouch as unknown as { defaults(o: object): PouchCtor }).defaults({ prefix });
  const app = expressPouchdb(Prefixed, { mode: 'fullCouchDB', inMemoryConfig: true, logPath: `/tmp/ncr-couch-${process.pid}.log` });
  const seen: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let server: Server;
  let actualPort = port;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = app.listen(actualPort, '127.0.0.1', () => resolve());
      server.on('request', (req) => seen.push(`${req.method} ${req.url}`));
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
    });
  await listen();
  actualPort = (server!.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${actualPort}`;

  const request: CouchServer['request'] = async (method, path, body, auth = ADMIN) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    const res = await fetch(origin + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json };
  };

  const put = async (path: string, body: unknown, auth: { username: string; password: string } | null = ADMIN) => {
    const r = await request('PUT', path, body, auth);
    if (r.status >= 300) throw new Error(`PUT ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  };
  // The first administrator is created as CouchDB's "admin party" allows, before any exists.
  await put('/_config/admins/admin', ADMIN.password, null);
  // Everything needs an account: no reader of this server is anonymous.
  await put('/_config/couch_httpd_auth/require_valid_user', 'true');

  const addUser: CouchServer['addUser'] = async (username, password, roles = []) => {
    await put(`/_users/org.couchdb.user:${encodeURIComponent(username)}`, { name: username, password, roles, type: 'user' });
  };

  return {
    origin,
    request,
    addUser,
    async createDatabase(name, member, options = {}) {
      await new Prefixed(name).info();
      if (member) await addUser(member.username, member.password);
      const members = [...(member ? [member.username] : []), ...(options.readOnlyFor ?? []), ...(options.editors ?? [])];
      await put(`/${encodeURIComponent(name)}/_security`, { admins: { names: [], roles: [] }, members: { names: members, roles: [] } });
      if (options.readOnlyFor?.length) {
        // The team glossary's rule (docs/sync-team-glossary.md): only editors and admins write.
        await put(`/${encodeURIComponent(name)}/_design/team`, { validate_doc_update: TEAM_VALIDATE });
      }
    },
    requests: () => [...seen],
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    start: listen,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The validate_doc_update shipped in docs/sync.md for a team glossary: editors write, others read. */
export const TEAM_VALIDATE =
  "function (newDoc, oldDoc, userCtx) { if (userCtx.roles.indexOf('_admin') === -1 && userCtx.roles.indexOf('editor') === -1) { throw({ forbidden: 'This team glossary is read-only for you: only its editors change it.' }); } }";
