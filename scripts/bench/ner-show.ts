/**
 * Prints the candidates discovered in one evaluation text (or any .txt file), for inspection:
 *   node --import tsx scripts/bench/ner-show.ts seed-article [--all]
 */
import { existsSync, readFileSync } from 'node:fs';
import { discoverEntities } from '../../lib/text/discovery/index';
import { textChunks } from './ner-eval';

const [name, flag] = process.argv.slice(2);
if (!name) throw new Error('usage: ner-show.ts <article name or path> [--all]');
const path = existsSync(name) ? name : `tests/fixtures/ner/${name}.txt`;
const candidates = discoverEntities(textChunks(readFileSync(path, 'utf8')), { minConfidence: flag === '--all' ? 0 : 0.5 });
for (const c of candidates) {
  console.log(`${c.type.padEnd(12)} ${c.confidence.toFixed(2)} ×${String(c.count).padEnd(3)} ${c.name}${c.aliases.length ? `  [${c.aliases.join(' | ')}]` : ''}  (${c.key})`);
}
