/**
 * Settings › Storage: whether the browser may delete the extension's data by itself
 * (storage-protection.ts), what protects it against the rest (a backup file, exported here), and
 * the space used. No alarm without a remedy: with `unlimitedStorage` the browser keeps the data.
 */
import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '../../lib/messaging/client';
import { download } from '../shared/download';
import { errorMessage } from '../shared/errors';
import { plural } from '../shared/format';
import { storageProtection, type StorageProtection } from './storage-protection';


interface StorageState {
  protection: StorageProtection;
  usage: number | null;
}

async function readStorageState(): Promise<StorageState> {
  const unlimitedStorage = browser.runtime.getManifest().permissions?.includes('unlimitedStorage') ?? false;
  const storage = navigator.storage as StorageManager | undefined;
  let persisted = storage?.persisted ? await storage.persisted().catch(() => null) : null;
  let protection = storageProtection({ browser: import.meta.env.BROWSER, unlimitedStorage, persisted });
  // Firefox: the background asks at start-up; should that not have happened yet, ask now (with
  // unlimitedStorage the browser grants it without a prompt).
  if (protection !== 'kept' && storage?.persist) {
    persisted = await storage.persist().catch(() => persisted);
    protection = storageProtection({ browser: import.meta.env.BROWSER, unlimitedStorage, persisted });
  }
  const estimate = storage?.estimate ? await storage.estimate().catch(() => null) : null;
  return { protection, usage: estimate?.usage ?? null };
}

const PROTECTION_TEXT: Record<StorageProtection, string> = {
  kept: 'The browser keeps this data for as long as the extension is installed: it does not delete it to free disk space. Removing the extension deletes it, and it is only in this browser profile, on this computer.',
  'may-be-deleted': 'The browser may delete this data if the disk runs short of space, and it is only in this browser profile, on this computer.',
  unknown: 'This data is only in this browser profile, on this computer.',
};

interface StoragePanelProps {
  summary: { entities: number; notes: number } | null;
  /** Changes when the data changed (history cleared): the space used is read again. */
  revision: number;
}

export function StoragePanel({ summary, revision }: StoragePanelProps) {
  const uid = useId();
  const [state, setState] = useState<StorageState | null>(null);
  const [exporting, setExporting] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void readStorageState().then(setState, () => setState({ protection: 'unknown', usage: null }));
  }, [revision]);

  const exportBackup = useCallback(async () => {
    setExporting(true);
    setNote(null);
    try {
      const { text, filename, mime } = await ask('export.file', { kind: 'backup' });
      download(text, filename, mime);
      setNote({ ok: true, text: `Saved ${filename} to your downloads. Keep a copy somewhere else too (another disk, a cloud folder).` });
    } catch (err) {
      setNote({ ok: false, text: `Could not export: ${errorMessage(err)}` });
    } finally {
      setExporting(false);
    }
  }, []);

  return (
    <section class="panel settings" aria-labelledby={`${uid}-storage`}>
      <h2 id={`${uid}-storage`} class="section-title">Storage</h2>
      <p data-testid="storage-protection" data-protection={state?.protection}>
        {state ? PROTECTION_TEXT[state.protection] : 'Checking…'}
      </p>
      <p>
        A backup file protects it from the rest (a lost computer, a reset profile, removing the extension): export one
        now and then and keep it somewhere else. It holds the glossary, reading history, notes and settings; Glossary ›
        Import… reads it back.
      </p>
      <button type="button" class="btn" onClick={() => void exportBackup()} disabled={exporting} data-testid="storage-export">
        {exporting ? 'Exporting…' : 'Export a full backup'}
      </button>
      {note && (
        <p class={note.ok ? 'muted' : 'field__error'} role={note.ok ? 'status' : 'alert'} data-testid="storage-export-note">
          {note.text}
        </p>
      )}
      {state?.usage != null && (
        <p class="muted" data-testid="storage-usage">
          Using {(state.usage / 1e6).toFixed(1)} MB.
          {summary && ` ${plural(summary.entities, 'entity', 'entities')}, ${plural(summary.notes, 'saved note')}.`}
        </p>
      )}
    </section>
  );
}
