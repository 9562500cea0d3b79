import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@overture/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startServe } from "../src/commands/serve.ts";

/** Issue 12, finding 8: engine and dispatcher errors were swallowed in `serve`. */
describe("overture serve: failures are loud", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-cli-observe-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("logs a failed engine pass with its stack, serves metrics, and reports readiness", async () => {
    const lines: Array<Record<string, unknown>> = [];
    let failed!: () => void;
    const engineFailed = new Promise<void>((resolve) => {
      failed = resolve;
    });
    const logger = createLogger({
      level: "info",
      format: "json",
      destination: {
        write: (line: string) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          lines.push(entry);
          if (entry.loop === "engine") failed();
        },
      },
    });
    const running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: false, logger });
    try {
      expect(running.banner.join("\n")).toContain("/health/ready");
      expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
      const metrics = await fetch(`${running.url}/metrics`, {
        headers: { authorization: `Bearer ${running.keys.secretKey}` },
      });
      expect(await metrics.text()).toContain("overture_worker_errors_total");
      expect(lines.some((l) => l.route === "/health/ready" && l.status === 200)).toBe(true);

      await running.overture.store.close();
      await engineFailed;
      const entry = lines.find((l) => l.loop === "engine");
      expect(entry).toMatchObject({
        level: 50,
        msg: "engine pass failed (retrying)",
        err: { message: "The database connection is not open" },
      });
      expect((await fetch(`${running.url}/health/ready`)).status).toBe(503);
    } finally {
      await running.close().catch(() => {});
    }
  });
});
