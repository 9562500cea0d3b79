import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

it("imports only zod, the pure core, the channels' browser half and its own files, so browsers (editor, SDK) can load it", () => {
  const files = readdirSync(SRC).filter((name) => name.endsWith(".ts"));
  expect(files.length).toBeGreaterThan(5);
  const imports = files.flatMap((name) =>
    [...readFileSync(SRC + name, "utf8").matchAll(/from "([^"]+)"/g)].map((m) => ({ name, from: m[1] ?? "" })),
  );
  const foreign = imports.filter(
    ({ from }) =>
      !(from === "zod" || from === "@overture/core" || from === "@overture/channels/browser" || from.startsWith("./")),
  );
  expect(foreign).toEqual([]);
});
