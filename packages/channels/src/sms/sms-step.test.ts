import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

/** The modules `file` loads at run time (type-only imports are erased), following relative ones. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gms)) {
    const target = match[1]!;
    if (!target.startsWith(".")) {
      seen.add(target);
      continue;
    }
    const path = join(dirname(file), target);
    if (seen.has(path)) continue;
    seen.add(path);
    runtimeImports(path, seen);
  }
  return seen;
}

it("keeps the SMS step browser-safe: only zod, the pure core and its own pure files, no Node module, no store, no Liquid", () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const imports = [...runtimeImports(join(here, "sms-step.ts"))].map((p) => p.replace(`${here}/`, ""));
  expect(imports.sort()).toEqual(["@overture/core", "segments.ts", "zod"]);
});
