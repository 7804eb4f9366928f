/**
 * The loopback CouchDB-compatible server of `npm run bench:sync`, in a process of its own
 * (forked by scripts/bench/sync.ts): the bench's event-loop and CPU figures then measure the
 * sync engine alone, as the extension's background runs it, not the server answering it.
 * Messages: { createDatabase: [name, member] } → { ok } ; { close: true } → exits.
 */
import { startCouchServer } from '../../tests/sync/couch-server';

const server = await startCouchServer();
// The bench ended (or died): no server left behind.
process.on('disconnect', () => process.exit(0));
process.send!({ origin: server.origin });
process.on('message', (msg: { createDatabase?: [string, { username: string; password: string }]; close?: boolean }) => {
  if (msg.createDatabase) {
    void server.createDatabase(...msg.createDatabase).then(
      () => process.send!({ ok: true }),
      (err: unknown) => process.send!({ error: String(err) }),
    );
  }
  if (msg.close) void server.close().then(() => process.exit(0));
});
