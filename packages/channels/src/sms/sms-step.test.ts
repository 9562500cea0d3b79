import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { smsBodyCounter } from "./sms-step.ts";

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

it("counts the body without its Liquid tags, which are never sent as written", () => {
  // 160 GSM-7 characters besides the tag: one segment, though the braces alone would cost 8 septets more.
  const body = `Hi {{ customer.firstName | default: 'there' }}, ${"x".repeat(155)}`;
  expect(smsBodyCounter(body)).toBe("1 segment · GSM-7 · 160 of 160 characters + variables (the preview counts them)");
  expect(smsBodyCounter(`{% if customer.vip %}VIP{% endif %} ${"x".repeat(157)}`)).toMatch(
    /^2 segments · GSM-7 · 161 /,
  );
  expect(smsBodyCounter("Plain 👋")).toBe("1 segment · UCS-2 · 8 of 70 characters");
  // A real brace that opens no tag is sent, and costs two septets.
  expect(smsBodyCounter("{ok}")).toBe("1 segment · GSM-7 · 6 of 160 characters");
});
