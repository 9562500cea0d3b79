import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
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

it("imports only the pure core and the API contract of Overture, never server, runtime, channels or CLI code", () => {
  // The example journeys' JSON (examples/*/journey.json, the onboarding template) is data, not code: allowed.
  const forbidden =
    /from "@overture\/(?!core"|api-contract")|from "node:|from "\.\.\/\.\.\/\.\.\/(?!\.\.\/examples\/[\w-]+\/[\w-]+\.json")/;
  const offenders = sourceFiles(SRC).filter((file) => forbidden.test(readFileSync(file, "utf8")));
  expect(offenders).toEqual([]);
  expect(sourceFiles(SRC).length).toBeGreaterThan(10);
});
