import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** The core must stay pure (README.md): no clock, randomness, timers, process or I/O, and no package but zod. */
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bDate\s*\.\s*now\b/, "Date.now"],
  [/\bnew\s+Date\s*\(\s*\)/, "new Date() without arguments"],
  [/(?<![\w.]|new\s)Date\s*\(\s*\)/, "Date() (the current time as text)"],
  [/\bMath\s*\.\s*random\b/, "Math.random"],
  [/\bperformance\s*\.\s*now\b/, "performance.now"],
  [/\bcrypto\s*\.\s*(randomUUID|getRandomValues)\b/, "crypto randomness"],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, "timers"],
  [/\bprocess\s*[.[]/, "process."],
  [/\b(fetch|require)\s*\(/, "I/O or CommonJS"],
];

const ALLOWED_PACKAGES = new Set(["zod"]);

/** Removes comments, so that documentation may name what the code must not do. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** Everything impure in one source file, as readable findings. */
export function findImpurities(source: string): string[] {
  const code = stripComments(source);
  const found = FORBIDDEN.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
  const specifiers = [
    ...code.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g),
  ].map((m) => m[1] ?? m[2] ?? "");
  for (const specifier of specifiers) {
    if (specifier.startsWith("./") || specifier.startsWith("../")) continue;
    const name = specifier.startsWith("@")
      ? specifier.split("/").slice(0, 2).join("/")
      : (specifier.split("/")[0] ?? specifier);
    if (!ALLOWED_PACKAGES.has(name)) found.push(`import of ${specifier}`);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const SRC = join(import.meta.dirname, "..", "src");

describe("core purity", () => {
  it("no source file in packages/core/src reads a clock, uses randomness or timers, does I/O, or imports a package other than zod", () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(10);
    const findings = files.flatMap((file) =>
      findImpurities(readFileSync(file, "utf8")).map((what) => `${relative(SRC, file)}: ${what}`),
    );
    expect(findings).toEqual([]);
  });

  it("the check catches each kind of impurity", () => {
    const cases: Array<[string, string]> = [
      ["const t = Date.now();", "Date.now"],
      ["const d = new Date();", "new Date() without arguments"],
      ["const s = Date();", "Date() (the current time as text)"],
      ["const r = Math.random();", "Math.random"],
      ["const p = performance.now();", "performance.now"],
      ["const id = crypto.randomUUID();", "crypto randomness"],
      ["setTimeout(() => 1, 10);", "timers"],
      ["const i = setInterval(f, 10);", "timers"],
      ["const env = process.env.X;", "process."],
      ['const r = await fetch("https://x");', "I/O or CommonJS"],
      ['import { readFileSync } from "node:fs";', "import of node:fs"],
      ['import fs from "fs";', "import of fs"],
      ['import { createServer } from "http";', "import of http"],
      ['import type { Kysely } from "kysely";', "import of kysely"],
      ['export { thing } from "@overture/runtime";', "import of @overture/runtime"],
      ['const m = await import("node:crypto");', "import of node:crypto"],
      ['import "side-effect";', "import of side-effect"],
    ];
    for (const [source, finding] of cases) expect(findImpurities(source), source).toEqual([finding]);
  });

  it("the check allows what the core legitimately does", () => {
    const source = [
      'import { z } from "zod";',
      'import type { Step } from "../model/step.ts";',
      'export * from "./advance.ts";',
      "const at = new Date(now).toISOString();",
      "const day = new Date(Date.UTC(2025, 0, 1));",
      "const parsed = Date.parse(text);",
      "/** Never calls Date.now or Math.random; see setTimeout in the runtime. */",
      "// process.env is read by the server, not here",
      'const url = "https://example.com"; // a comment after a URL',
    ].join("\n");
    expect(findImpurities(source)).toEqual([]);
  });
});
