/**
 * One cold start of entity discovery, in a fresh Node process (run by scripts/bench/ner.ts):
 * imports the engine's bundle (as shipped, scripts/bench/bundled.ts) and times, in CPU and wall
 * milliseconds, loading the module, preparing it (prepareDiscovery: the lexicon, which Chrome's
 * offscreen document, entrypoints/discovery, builds as soon as the engine is loaded, before a
 * page asks), then the first call on an English text and the first call on a French one (which
 * builds that language's word tables). Prints one line of JSON.
 *   node scripts/bench/ner-cold-child.mjs <bundle.mjs> <english.txt> <french.txt>
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

type Engine = typeof import('../../lib/text/discovery/index');
const [bundle, enPath, frPath] = process.argv.slice(2) as [string, string, string];
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const chunksOf = (path: string) => readFileSync(path, 'utf8').split('\n').map((text) => ({ text, blockStart: true }));
const en = chunksOf(enPath);
const fr = chunksOf(frPath);
const lap = () => ({ cpu: cpu(), wall: performance.now() });
const t0 = lap();
const engine = (await import(pathToFileURL(bundle).href)) as Engine;
const t1 = lap();
engine.prepareDiscovery();
const tp = lap();
engine.discoverEntities(en);
const t2 = lap();
engine.discoverEntities(fr);
const t3 = lap();
engine.discoverEntities(en);
const t4 = lap();
const d = (a: { cpu: number; wall: number }, b: { cpu: number; wall: number }) => ({ cpu: b.cpu - a.cpu, wall: b.wall - a.wall });
console.log(
  JSON.stringify({ load: d(t0, t1), prepare: d(t1, tp), firstEnglish: d(tp, t2), firstFrench: d(t2, t3), warmEnglish: d(t3, t4), chars: en.reduce((n, c) => n + c.text.length, 0) }),
);
