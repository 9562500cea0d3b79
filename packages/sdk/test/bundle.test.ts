import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

describe("the SDK bundle", () => {
  // Its wire types come from @overture/api-contract with `import type`: they must vanish, zod with them.
  it("holds only the SDK's own files: no other package's code, not even the contract's zod schemas", async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL("../src/index.ts", import.meta.url))],
      bundle: true,
      format: "esm",
      platform: "browser",
      minify: true,
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(5);
    expect(inputs.filter((path) => !path.startsWith("packages/sdk/src/"))).toEqual([]);
    const bytes = result.outputFiles[0]?.contents.byteLength ?? 0;
    expect(bytes).toBeLessThan(10_000);
  });
});
