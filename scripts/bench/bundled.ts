/**
 * Load a module of ours the way the extension ships it: bundled into one scope-hoisted file by
 * esbuild, then imported. Under `node --import tsx` every module is transpiled on its own and a
 * call into another module goes through that module's namespace object; the extension's bundle
 * (Vite/Rollup) has no such boundary, so a hot loop calling small helpers in a sibling module
 * (the matcher's segment and first-word tables) ran ~15-30% slower in the benchmark than in the
 * browser. Benchmarks of the text core's speed measure the bundle, as shipped.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundle `entry` (a path from the repository root) and import the result. */
export async function loadBundled<T>(entry: string): Promise<T> {
  const outfile = await bundleFile(entry);
  return (await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`)) as T;
}

/** Bundle `entry` (a path from the repository root) into .cache/bench; returns the file's path. */
export async function bundleFile(entry: string): Promise<string> {
  const outDir = join(root, '.cache', 'bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${basename(entry).replace(/\.ts$/, '')}.bundle.mjs`);
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    logLevel: 'error',
  });
  return outfile;
}
