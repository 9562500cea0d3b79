import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOverture } from "./run-overture.ts";

const data = mkdtempSync(join(tmpdir(), "overture-smtp-pool-"));
afterAll(() => rmSync(data, { recursive: true, force: true }));

describe("serve with a bad SMTP pool setting", () => {
  it("stops at start naming the variable, not with a stack trace", async () => {
    const r = await runOverture(["serve", "--port", "0", "--data", data], {
      SMTP_URL: "smtp://127.0.0.1:1",
      SMTP_POOL_CONNECTIONS: "many",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SMTP_POOL_CONNECTIONS must be a whole number from 1 to 1000, got "many"');
    expect(r.stderr).not.toContain("unexpected error");
  }, 60_000);
});
