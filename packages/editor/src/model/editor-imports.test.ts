import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const SRC = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".test.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

it("imports only the pure core, the API contract and the channels' browser half, never server, runtime or CLI code", () => {
  // The example journeys' JSON (examples/*/journey.json, the onboarding template) is data, not code: allowed.
  const forbidden =
    /from "@overture\/(?!core"|api-contract"|channels\/browser")|from "node:|from "\.\.\/\.\.\/\.\.\/(?!\.\.\/examples\/[\w-]+\/[\w-]+\.json")/;
  const offenders = sourceFiles(SRC).filter((file) => forbidden.test(readFileSync(file, "utf8")));
  expect(offenders).toEqual([]);
  expect(sourceFiles(SRC).length).toBeGreaterThan(10);
});

it("the channels' browser half reaches only the core and zod: no Node built-in, runtime or provider library", () => {
  const entry = fileURLToPath(new URL("../../../channels/src/browser.ts", import.meta.url));
  const seen = new Set<string>();
  const outside = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Type-only imports are erased by the build; only the others reach the bundle.
    for (const [, spec] of readFileSync(file, "utf8").matchAll(/^(?:import|export)(?! type)[^"]*from "([^"]+)";/gm)) {
      if (spec === undefined) continue;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else outside.add(spec);
    }
  };
  visit(entry);
  expect([...outside].sort()).toEqual(["@overture/core", "zod"]);
  // Each channel's step is reached: the walk followed the registry.
  expect([...seen].some((f) => f.endsWith("email-step.ts"))).toBe(true);
});
