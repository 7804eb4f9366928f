/**
 * The import graph of the extension's code (lib/, components/, entrypoints/), read with the
 * TypeScript compiler's parser: every `import … from`, `export … from`, side-effect import,
 * dynamic `import()` and type-position `import('…')`, each resolved to a file of the repository
 * or named as a package. Used by imports.test.ts; knows nothing of the rules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SOURCE_DIRS = ['lib', 'components', 'entrypoints'];
const EXTENSIONS = ['.ts', '.tsx'];
/** WXT's path aliases (.wxt/tsconfig.json): all mean the repository root. */
const ROOT_ALIASES = ['@@/', '~~/', '@/', '~/'];

export interface ImportEdge {
  /** Importing file, relative to the repository root with forward slashes ("lib/text/matcher.ts"). */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The imported file (relative, like `from`), or null for a package. */
  file: string | null;
  /** The package name ("zod", "@floating-ui/dom", "preact") when not a file of ours. */
  pkg: string | null;
  /** Erased at build time: `import type`, `export type`, every named binding `type`, or `import('…')` in a type. */
  typeOnly: boolean;
  /** `import('…')` at run time: loaded on demand, not part of the importer's bundle. */
  dynamic: boolean;
  /** 1-based line of the import, for messages. */
  line: number;
}

function listSources(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listSources(path, out);
    else if (EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(path);
  }
}

/** Every source file of lib/, components/ and entrypoints/ (relative paths). */
export function sourceFiles(): string[] {
  const out: string[] = [];
  for (const d of SOURCE_DIRS) if (existsSync(join(ROOT, d))) listSources(join(ROOT, d), out);
  return out.map(rel).sort();
}

function rel(abs: string): string {
  return relative(ROOT, abs).split('\\').join('/');
}

function resolveFile(fromAbs: string, specifier: string): string | null {
  let base: string | null = null;
  if (specifier.startsWith('./') || specifier.startsWith('../')) base = resolve(dirname(fromAbs), specifier);
  else for (const a of ROOT_ALIASES) if (specifier.startsWith(a)) base = resolve(ROOT, specifier.slice(a.length));
  if (base === null) return null;
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base!, `index${e}`))];
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return rel(c);
  // A relative import that resolves to nothing (an asset with a query, a generated file): keep it visible.
  return rel(base);
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isRelativeOrAlias(specifier: string): boolean {
  return specifier.startsWith('.') || ROOT_ALIASES.some((a) => specifier.startsWith(a));
}

/** The imports of one file (relative path). */
export function importsOf(file: string): ImportEdge[] {
  const abs = join(ROOT, file);
  const source = ts.createSourceFile(abs, readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: string, typeOnly: boolean, dynamic: boolean) => {
    const local = isRelativeOrAlias(specifier);
    edges.push({
      from: file,
      specifier,
      file: local ? resolveFile(abs, specifier) : null,
      pkg: local ? null : packageOf(specifier),
      typeOnly,
      dynamic,
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
    });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      let typeOnly = false;
      if (clause) {
        const named = clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
        typeOnly = clause.isTypeOnly || (!clause.name && named !== null && named.length > 0 && named.every((e) => e.isTypeOnly));
      }
      add(node, node.moduleSpecifier.text, typeOnly, false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      const typeOnly = node.isTypeOnly || (named !== null && named.length > 0 && named.every((e) => e.isTypeOnly));
      add(node, node.moduleSpecifier.text, typeOnly, false);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      add(node, node.moduleReference.expression.text, node.isTypeOnly, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) add(node, arg.text, false, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node, node.argument.literal.text, true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every import of every source file. */
export function importGraph(): ImportEdge[] {
  return sourceFiles().flatMap(importsOf);
}

/**
 * The files a bundle starting at `entry` contains: followed through value imports (static),
 * not through type-only ones (erased) nor dynamic `import()` (a separate chunk loaded on need).
 */
export function reachableFrom(entry: string, edges: readonly ImportEdge[]): Set<string> {
  const byFile = new Map<string, ImportEdge[]>();
  for (const e of edges) {
    let list = byFile.get(e.from);
    if (!list) byFile.set(e.from, (list = []));
    list.push(e);
  }
  const seen = new Set<string>([entry]);
  const stack = [entry];
  while (stack.length > 0) {
    const f = stack.pop()!;
    for (const e of byFile.get(f) ?? []) {
      if (e.typeOnly || e.dynamic || e.file === null || seen.has(e.file)) continue;
      seen.add(e.file);
      stack.push(e.file);
    }
  }
  return seen;
}
