/**
 * The layering of the code (README.md, "How it is built"; each lib/* folder's README.md), read
 * from the imports themselves (import-graph.ts) so that a forbidden direction fails here, not
 * in a review:
 *  - lib/text, the pure text core, imports only lib/text and lib/model and pure packages, and
 *    type-checks without the DOM library or any browser API's types;
 *  - lib/storage never imports lib/messaging (storage is the background's; the protocol is
 *    the tabs' and pages' view of it);
 *  - nothing in lib/ imports components/;
 *  - lib/formats, the open file formats, is pure: it imports only lib/formats, lib/model and
 *    pure packages (no storage, no messaging, no DOM), and lib/model never imports it back;
 *  - the in-page core — lib/inpage/core/** and every module the content script's entry
 *    (entrypoints/content/index.ts) loads, followed through its value imports — never imports
 *    zod, Preact or floating-ui: every page pays for what it loads (≤ 40 KB), and those belong
 *    to the lazily loaded in-page UI.
 * Exceptions that exist today are listed below, each with why; an exception that no longer
 * occurs fails too, so the list stays the truth.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { importGraph, reachableFrom, ROOT, sourceFiles, type ImportEdge } from './import-graph';

const CONTENT_ENTRY = 'entrypoints/content/index.ts';

/** Packages the text core may use: pure JavaScript, no DOM, no browser API. */
const TEXT_PACKAGES = new Set(['zod', 'compromise', 'approx-string-match']);
/** Packages the format readers and writers may use (n3: the Turtle parser). */
const FORMAT_PACKAGES = new Set(['zod', 'n3', 'papaparse']);
/** Packages the in-page core must not load. */
const NOT_IN_CORE = [/^zod$/, /^preact$/, /^@preact\//, /^@floating-ui\//];

interface Exception {
  from: RegExp;
  to: RegExp;
  why: string;
}

/** Imports that break a rule today, and why they stay for now. */
const EXCEPTIONS: Exception[] = [
  {
    from: /^lib\/inpage\/ui\//,
    to: /^components\//,
    why: 'the lazily loaded in-page UI speaks to the card and note composer rendered in the extension frame (entrypoints/card), and takes their props\' types from the components; the core may not (rule below)',
  },
];

function isException(e: ImportEdge): boolean {
  const target = e.file ?? e.pkg ?? '';
  return EXCEPTIONS.some((x) => x.from.test(e.from) && x.to.test(target));
}

function describeEdge(e: ImportEdge): string {
  return `${e.from}:${e.line} imports '${e.specifier}'${e.typeOnly ? ' (type only)' : ''}`;
}

const graph = importGraph();

function violations(rule: (e: ImportEdge) => boolean): string[] {
  return graph.filter((e) => rule(e) && !isException(e)).map(describeEdge);
}

describe('import directions', () => {
  it('reads the imports of every file (the graph is not empty, and finds what it should)', () => {
    expect(sourceFiles().length).toBeGreaterThan(100);
    const matcher = graph.filter((e) => e.from === 'lib/text/matcher.ts');
    expect(matcher.some((e) => e.file === 'lib/text/compiled.ts')).toBe(true);
    expect(graph.some((e) => e.pkg === 'zod')).toBe(true);
    expect(graph.some((e) => e.dynamic)).toBe(true);
    expect(reachableFrom(CONTENT_ENTRY, graph).size).toBeGreaterThan(5);
  });

  it('lib/text imports only lib/text, lib/model and pure packages', () => {
    expect(
      violations((e) => {
        if (!e.from.startsWith('lib/text/')) return false;
        if (e.pkg !== null) return !TEXT_PACKAGES.has(e.pkg);
        return !(e.file!.startsWith('lib/text/') || e.file!.startsWith('lib/model/'));
      }),
    ).toEqual([]);
  });

  it('lib/formats imports only lib/formats, lib/model and pure packages; lib/model never imports lib/formats', () => {
    expect(
      violations((e) => {
        if (!e.from.startsWith('lib/formats/')) return false;
        if (e.pkg !== null) return !FORMAT_PACKAGES.has(e.pkg);
        return !(e.file!.startsWith('lib/formats/') || e.file!.startsWith('lib/model/'));
      }),
    ).toEqual([]);
    expect(violations((e) => e.from.startsWith('lib/model/') && (e.file?.startsWith('lib/formats/') ?? false))).toEqual([]);
    expect(graph.some((e) => e.from === 'lib/formats/skos-turtle.ts' && e.pkg === 'n3')).toBe(true);
  });

  it('lib/storage never imports lib/messaging', () => {
    expect(violations((e) => e.from.startsWith('lib/storage/') && (e.file?.startsWith('lib/messaging/') ?? false))).toEqual([]);
  });

  it('nothing in lib/ imports components/', () => {
    expect(violations((e) => e.from.startsWith('lib/') && (e.file?.startsWith('components/') ?? false))).toEqual([]);
  });

  it('the in-page core (lib/inpage/core/**, and all the content script loads) never imports zod, Preact or floating-ui', () => {
    const core = reachableFrom(CONTENT_ENTRY, graph);
    for (const e of graph) if (e.from.startsWith('lib/inpage/core/')) core.add(e.from);
    expect(core.has(CONTENT_ENTRY)).toBe(true);
    expect(violations((e) => core.has(e.from) && !e.typeOnly && e.pkg !== null && NOT_IN_CORE.some((p) => p.test(e.pkg!)))).toEqual([]);
  });

  it('every listed exception still occurs (remove the ones that no longer do)', () => {
    const stale = EXCEPTIONS.filter((x) => !graph.some((e) => x.from.test(e.from) && x.to.test(e.file ?? e.pkg ?? ''))).map((x) => x.why);
    expect(stale).toEqual([]);
  });
});

describe('the text core has no DOM', () => {
  it('lib/text type-checks without the DOM library and without any browser API types', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) files.push(path);
      }
    };
    walk(join(ROOT, 'lib/text'));
    expect(existsSync(join(ROOT, 'lib/text/matcher.ts'))).toBe(true);
    const program = ts.createProgram(files, {
      noEmit: true,
      strict: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      esModuleInterop: true,
      skipLibCheck: true,
      // ECMAScript only: `document`, `window`, `Node`, `chrome`, `browser`... do not exist.
      lib: ['lib.esnext.d.ts'],
      types: [],
    });
    const loaded = program.getSourceFiles().map((f) => f.fileName);
    expect(loaded.filter((f) => /lib\.dom|webextension|@types\/chrome/.test(f))).toEqual([]);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.slice(ROOT.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    expect(errors).toEqual([]);
  }, 60_000);
});
