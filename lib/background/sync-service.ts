/**
 * The background's side of sync (docs/sync.md): when cycles run (a local write, the alarm, a page
 * opening, "Sync now"), the sync settings, and the state the options page shows. The engine
 * (lib/sync/engine.ts) does the cycle; this decides when.
 */
import type { Database } from '../storage/db';
import { chooseConflictText, getSyncConfig, getSyncConflicts, getSyncStatus, putSyncConfig, putSyncStatus } from '../storage/sync-records';
import { getEntities } from '../storage/entities';
import { getNote } from '../storage/notes';
import { SyncConfig, SyncStatus, originPattern, type SyncProblem } from '../model/sync';
import { releasableOrigin } from './origins';
import type { SyncConflictView, SyncState } from '../messaging/sync';
import type { z } from 'zod';
import type { SyncSettingsInput } from '../messaging/sync';

/** What the service needs of the engine (lib/sync/engine.ts). */
export interface SyncEnginePort {
  sync(): Promise<SyncStatus>;
  /** Records may have changed: the next cycle compares them with their documents. */
  markLocalChange(): void;
  test(config: SyncConfig): Promise<{ ok: true; docs: number } | { ok: false; problem: SyncProblem; message: string }>;
  readonly running: boolean;
}

/** The browser's alarms, for the periodic pull (absent in unit tests). */
export interface AlarmsPort {
  set(periodMinutes: number): Promise<void>;
  clear(): Promise<void>;
}

/** Messages that may change a synced record: each answered one schedules a push. */
export const WRITES_THAT_SYNC: ReadonlySet<string> = new Set([
  'entity.create',
  'entity.update',
  'entity.delete',
  'entity.merge',
  'entity.restore',
  'glossary.import',
  'import.commit',
  'note.saveSelection',
  'note.update',
  'note.delete',
  'note.restore',
  'note.annotate',
  'note.attach',
  'settings.update',
]);

/** Messages that may change the reading index: each answered one schedules a push while it syncs. */
export const READING_WRITES_THAT_SYNC: ReadonlySet<string> = new Set(['page.report', 'reading.forget', 'reading.clear']);

/** A local change reaches the server this long after the last write of a burst. */
export const PUSH_DELAY_MS = 2_000;
/** Remote changes are pulled this often while sync is on. */
export const PULL_PERIOD_MINUTES = 5;

export class SyncService {
  private enabled: boolean | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: () => Promise<Database>,
    private readonly engine: () => SyncEnginePort,
    private readonly alarms?: AlarmsPort,
  ) {}

  private async isOn(): Promise<boolean> {
    this.enabled ??= (await getSyncConfig(await this.db())).enabled;
    return this.enabled;
  }

  /** A message that may have written records was answered: push soon, if sync is on. */
  async afterLocalWrite(): Promise<void> {
    if (!(await this.isOn())) return;
    this.engine().markLocalChange();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.engine().sync().catch(() => {});
    }, PUSH_DELAY_MS);
  }

  /** A reading-index write was answered: push soon, if sync is on and its switch too. */
  async afterReadingWrite(): Promise<void> {
    if (!(await this.isOn()) || !(await getSyncConfig(await this.db())).scope.reading) return;
    await this.afterLocalWrite();
  }

  /** The alarm, a page opening: a cycle if sync is on (nothing at all when it is off). */
  async poke(): Promise<void> {
    if (await this.isOn()) await this.engine().sync();
  }

  async state(): Promise<SyncState> {
    const db = await this.db();
    const [config, status, conflicts] = await Promise.all([getSyncConfig(db), getSyncStatus(db), getSyncConflicts(db)]);
    const { password, ...rest } = config;
    const views: SyncConflictView[] = [];
    const entityIds = Object.keys(conflicts.entities);
    for (const e of await getEntities(db, entityIds)) {
      const c = conflicts.entities[e.id]!;
      const fields: SyncConflictView['fields'] = [];
      if (c.name) fields.push({ field: 'name', mine: e.name, other: c.name.other });
      if (c.notes) fields.push({ field: 'notes', mine: e.notes, other: c.notes.other });
      if (fields.length) views.push({ kind: 'entity', id: e.id, label: e.name, fields });
    }
    for (const [id, c] of Object.entries(conflicts.notes)) {
      const note = await getNote(db, id);
      if (note && c.comment) views.push({ kind: 'note', id, label: note.title || note.url, fields: [{ field: 'comment', mine: note.comment, other: c.comment.other }] });
    }
    return { settings: { ...rest, hasPassword: password.length > 0 }, status: { ...status, running: this.engine().running }, conflicts: views.slice(0, 1000) };
  }

  async configure(input: z.output<typeof SyncSettingsInput>): Promise<SyncState & { releaseOrigin: string | null }> {
    const db = await this.db();
    const before = await getSyncConfig(db);
    const config = SyncConfig.parse({ ...input, password: input.password ?? before.password });
    if (config.enabled && (!config.serverUrl || !config.database)) throw new Error('Enter the server address and the database before turning sync on.');
    await putSyncConfig(db, config);
    this.enabled = config.enabled;
    if (config.enabled) {
      // Whatever changed while sync was off is compared on the first cycle.
      this.engine().markLocalChange();
      await this.alarms?.set(PULL_PERIOD_MINUTES);
      void this.engine().sync().catch(() => {});
    } else {
      await this.alarms?.clear();
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      const status = await getSyncStatus(db);
      await putSyncStatus(db, { ...status, running: false, problem: null, message: null, pending: 0 });
    }
    // The old server's origin goes back only when sync stopped using it and no subscription does.
    const moved = before.enabled && (!config.enabled || originPattern(before.serverUrl) !== originPattern(config.serverUrl));
    return { ...(await this.state()), releaseOrigin: moved ? await releasableOrigin(db, before.serverUrl) : null };
  }

  async test(input?: z.output<typeof SyncSettingsInput>) {
    const db = await this.db();
    const stored = await getSyncConfig(db);
    const config = input ? SyncConfig.parse({ ...input, password: input.password ?? stored.password }) : stored;
    if (!config.serverUrl || !config.database) return { ok: false as const, problem: 'not-configured' as const, message: 'Enter the server address and the database first.' };
    return this.engine().test(config);
  }

  async syncNow(): Promise<SyncState> {
    if (await this.isOn()) await this.engine().sync();
    return this.state();
  }

  async choose(kind: 'entity' | 'note', id: string, field: 'name' | 'notes' | 'comment', keep: 'mine' | 'other', now: number): Promise<SyncState> {
    await chooseConflictText(await this.db(), kind, id, field, keep, now);
    await this.afterLocalWrite();
    return this.state();
  }
}
