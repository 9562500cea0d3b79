import { posix } from "node:path";
import ts from "typescript";

/**
 * The checker behind architecture.test.ts: reads TypeScript sources with the compiler's parser (no type checking, so
 * it runs in a second) and reports where they break the package rules. Pure over in-memory files, so its own test can
 * feed it a file that breaks each rule.
 */

/** One source file, its path relative to the repository root (with `/`). */
export type SourceText = { path: string; text: string };

/** What a file breaks, where, and the rule's reason. */
export type Violation = { path: string; line: number; rule: string; message: string };

/**
 * One table, the package that owns it and the folder inside it whose code alone names it in SQL; `alsoReadBy` are
 * the few files allowed to read it anyway, each with why (docs/table-owners.json).
 */
export type TableOwner = {
  table: string;
  owner: string;
  folder: string;
  createdIn: string[];
  alsoReadBy?: Array<{ path: string; why: string }>;
};

/**
 * A rule on what the production files of one package may import. A module specifier is either bare (`hono`,
 * `@overture/core`, `node:fs`) or resolved to a repository path when relative; `forbid` patterns match either.
 * With `allowOnly`, a bare specifier must match one of its patterns (relative imports inside the package are fine).
 */
export type ImportRule = {
  package: string;
  reason: string;
  forbid?: RegExp[];
  allowOnly?: RegExp[];
  /** Files of the package the rule does not cover (a build step run by Node, say), with why in `reason`. */
  except?: string[];
};

/** The package a repository path belongs to (`packages/<name>/…` or `apps/<name>/…`), or null. */
export function packageOf(path: string): string | null {
  const match = /^(?:packages|apps)\/([^/]+)\//.exec(path);
  return match?.[1] ?? null;
}

const parsed = new WeakMap<SourceText, ts.SourceFile>();

/** Each file is parsed once for all the checks. */
function parse(file: SourceText): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    const kind = file.path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, kind);
    parsed.set(file, source);
  }
  return source;
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

/** The text of a string literal or template (each `${…}` as a space), or null for any other node. */
export function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
  return null;
}

const UPPER_KEYWORDS = /\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)/g;
const LOWER_KEYWORDS = /\b(?:from|into|update|join|table)\s+(?:if\s+(?:not\s+)?exists\s+)?"?([A-Za-z_][A-Za-z0-9_]*)/g;
/** A literal that starts like a statement may write its keywords in lower case; prose ("sent from slots") does not. */
const LOWER_STATEMENT = /^\s*(?:select|insert|update|delete|create|alter|drop|with)\s/;

/** The table names a piece of SQL reads or writes: the word after FROM, INTO, UPDATE, JOIN or TABLE. */
export function tablesNamedIn(text: string): string[] {
  const names = [...text.matchAll(UPPER_KEYWORDS)].map((m) => m[1] as string);
  if (LOWER_STATEMENT.test(text)) names.push(...[...text.matchAll(LOWER_KEYWORDS)].map((m) => m[1] as string));
  return names;
}

/**
 * SQL naming a table outside its owner's folder (another package, or another feature of the same package): every
 * string literal and template of every file is read.
 */
export function checkTableOwners(files: SourceText[], owners: TableOwner[]): Violation[] {
  const byTable = new Map(owners.map((o) => [o.table, o]));
  const out: Violation[] = [];
  for (const file of files) {
    const pkg = packageOf(file.path);
    const source = parse(file);
    visit(source, (node) => {
      const text = literalText(node);
      if (text === null) return;
      for (const table of new Set(tablesNamedIn(text))) {
        const owner = byTable.get(table);
        if (owner === undefined || file.path.startsWith(`${owner.folder}/`)) continue;
        if (owner.alsoReadBy?.some((r) => r.path === file.path)) continue;
        const port =
          owner.owner === pkg ? `the functions of ${owner.folder}` : `${owner.owner}'s functions or its store port`;
        out.push({
          path: file.path,
          line: lineOf(source, node),
          rule: "table-owner",
          message: `SQL on "${table}", a table of ${owner.folder}: call ${port} instead`,
        });
      }
    });
  }
  return out;
}

/** Tables created (CREATE TABLE) in files the ownership data does not name, or created outside their owner. */
export function checkTablesDeclared(files: SourceText[], owners: TableOwner[]): Violation[] {
  const byTable = new Map(owners.map((o) => [o.table, o]));
  const out: Violation[] = [];
  for (const file of files) {
    const source = parse(file);
    visit(source, (node) => {
      const text = literalText(node);
      if (text === null) return;
      for (const match of text.matchAll(/\bCREATE TABLE\s+(?:IF NOT EXISTS\s+)?([a-z_][a-z0-9_]*)/gi)) {
        const table = match[1] as string;
        const owner = byTable.get(table);
        const inOwner = owner?.owner === packageOf(file.path) && file.path.startsWith(`${owner?.folder}/`);
        if (owner?.createdIn.includes(file.path) && inOwner) continue;
        out.push({
          path: file.path,
          line: lineOf(source, node),
          rule: "table-declared",
          message: owner
            ? `creates "${table}", which docs/table-owners.json says ${owner.owner} creates in ${owner.createdIn.join(", ")}`
            : `creates "${table}", which docs/table-owners.json does not list: give it an owner there`,
        });
      }
    });
  }
  return out;
}

/** Every module a file names: static imports and re-exports (type-only ones too), dynamic import(). */
export function importsOf(file: SourceText): Array<{ specifier: string; line: number }> {
  const source = parse(file);
  const out: Array<{ specifier: string; line: number }> = [];
  visit(source, (node) => {
    let target: ts.Expression | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) target = node.moduleSpecifier;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      target = node.arguments[0];
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) target = node.argument.literal;
    if (target && ts.isStringLiteralLike(target)) out.push({ specifier: target.text, line: lineOf(source, node) });
  });
  return out;
}

/** A relative specifier as a repository path (`../store/x.ts` from `packages/server/src/a.ts`), else the specifier. */
export function resolveSpecifier(fromPath: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return posix.normalize(posix.join(posix.dirname(fromPath), specifier));
}

/** Imports each package's rule forbids, and relative imports that reach into another package's files. */
export function checkImports(files: SourceText[], rules: ImportRule[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    const pkg = packageOf(file.path);
    const mine = rules.filter((r) => r.package === pkg && !r.except?.includes(file.path));
    for (const { specifier, line } of importsOf(file)) {
      const resolved = resolveSpecifier(file.path, specifier);
      const relative = specifier.startsWith(".");
      if (relative && packageOf(resolved) !== pkg && packageOf(resolved) !== null) {
        out.push({
          path: file.path,
          line,
          rule: "package-entry",
          message: `"${specifier}" reaches into ${packageOf(resolved)}'s files: import the package by its name`,
        });
        continue;
      }
      for (const rule of mine) {
        const forbidden = rule.forbid?.some((p) => p.test(specifier) || p.test(resolved));
        const notAllowed = !relative && rule.allowOnly !== undefined && !rule.allowOnly.some((p) => p.test(specifier));
        if (forbidden || notAllowed)
          out.push({ path: file.path, line, rule: `imports:${pkg}`, message: `"${specifier}": ${rule.reason}` });
      }
    }
  }
  return out;
}

/** Property reads named `sql` (`store.sql.all(…)`, `overture.store.sql`): running SQL, in the packages that must not. */
export function checkNoSql(files: SourceText[], packages: string[], reason: string): Violation[] {
  const out: Violation[] = [];
  for (const file of files) {
    if (!packages.includes(packageOf(file.path) ?? "")) continue;
    const source = parse(file);
    visit(source, (node) => {
      if (ts.isPropertyAccessExpression(node) && node.name.text === "sql")
        out.push({ path: file.path, line: lineOf(source, node), rule: "no-sql", message: reason });
    });
  }
  return out;
}
