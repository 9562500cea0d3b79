import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serve } from "../src/index.ts";
import { openTestApp, type TestApp } from "./test-app.ts";

describe("serve over HTTP on loopback", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  it("listens on a free port, answers, refuses oversized bodies, and closes", async () => {
    const server = await serve(t.overture, { port: 0, host: "127.0.0.1" });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ ok: true });

      const sent = await fetch(`${server.url}/v1/events/batch`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.keys.writeKey}`, "content-type": "application/json" },
        body: JSON.stringify({ events: [{ id: "e1", name: "a", customerId: "c1" }, { name: "b" }] }),
      });
      expect(sent.status).toBe(200);
      expect(await sent.json()).toMatchObject({ accepted: 1, errors: [{ index: 1, code: "invalid_event" }] });

      const tooBig = await fetch(`${server.url}/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.keys.writeKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "a", customerId: "c1", properties: { blob: "x".repeat(2 * 1024 * 1024) } }),
      });
      expect(tooBig.status).toBe(413);
      expect(await tooBig.json()).toMatchObject({ error: { code: "payload_too_large" } });
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it("fails clearly when the port is taken", async () => {
    const first = await serve(t.overture, { port: 0 });
    try {
      await expect(serve(t.overture, { port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
