/**
 * Writing the Markdown vault where the reader chose: a zip to download (fflate, in the options
 * page only), or a folder picked with the File System Access API (Chromium), where a re-export
 * overwrites only files it wrote (lib/formats/markdown-vault.ts, planVaultWrite).
 */
import { strToU8, zipSync } from 'fflate';
import { planVaultWrite, vaultWithManifest, VAULT_MANIFEST, type VaultFile, type VaultWritePlan } from '../../lib/formats/markdown-vault';

/** The bytes of a zip holding every file (and the manifest, so the folder can be re-exported into). */
export function vaultZip(files: readonly VaultFile[], now: number): Uint8Array<ArrayBuffer> {
  const entries: Record<string, Uint8Array> = {};
  const mtime = new Date(now);
  for (const f of vaultWithManifest(files, now)) entries[f.path] = strToU8(f.text);
  return zipSync(entries, { level: 6, mtime }) as Uint8Array<ArrayBuffer>;
}

/** The parts of the File System Access API used here (not in every TypeScript DOM library). */
interface WritableFile {
  write(data: string): Promise<void>;
  close(): Promise<void>;
}
interface FileHandle {
  getFile(): Promise<File>;
  createWritable(): Promise<WritableFile>;
}
export interface DirectoryHandle {
  name: string;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<DirectoryHandle>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandle>;
}

export function canPickFolder(): boolean {
  return typeof (window as unknown as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';
}

export async function pickFolder(): Promise<DirectoryHandle> {
  const pick = (window as unknown as { showDirectoryPicker: (o: { mode: 'readwrite'; id?: string }) => Promise<DirectoryHandle> }).showDirectoryPicker;
  return pick({ mode: 'readwrite', id: 'ncr-vault' });
}

async function folderOf(root: DirectoryHandle, path: string, create: boolean): Promise<{ dir: DirectoryHandle; name: string } | null> {
  const parts = path.split('/');
  const name = parts.pop()!;
  let dir = root;
  for (const p of parts) {
    try {
      dir = await dir.getDirectoryHandle(p, { create });
    } catch (err) {
      if (!create && (err as DOMException)?.name === 'NotFoundError') return null;
      throw err;
    }
  }
  return { dir, name };
}

async function readText(root: DirectoryHandle, path: string): Promise<string | null> {
  const at = await folderOf(root, path, false);
  if (!at) return null;
  try {
    return await (await (await at.dir.getFileHandle(at.name)).getFile()).text();
  } catch (err) {
    if ((err as DOMException)?.name === 'NotFoundError' || (err as DOMException)?.name === 'TypeMismatchError') return null;
    throw err;
  }
}

async function writeText(root: DirectoryHandle, path: string, text: string): Promise<void> {
  const at = (await folderOf(root, path, true))!;
  const w = await (await at.dir.getFileHandle(at.name, { create: true })).createWritable();
  await w.write(text);
  await w.close();
}

/** Write the vault into a folder: only files it may overwrite, then the manifest. */
export async function writeVaultToFolder(root: DirectoryHandle, files: readonly VaultFile[], now: number): Promise<VaultWritePlan> {
  const onDisk = new Map<string, string | null>();
  for (const f of files) onDisk.set(f.path, await readText(root, f.path));
  const plan = planVaultWrite(files, await readText(root, VAULT_MANIFEST), onDisk, now);
  for (const f of plan.write) await writeText(root, f.path, f.text);
  await writeText(root, plan.manifest.path, plan.manifest.text);
  return plan;
}
