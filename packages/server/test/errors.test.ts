import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "./test-app.ts";

describe("error answers", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  it("answers 404 route_not_found as JSON for an unknown route or method", async () => {
    for (const [method, path] of [
      ["GET", "/v2/journeys"],
      ["DELETE", "/v1/journeys/x"],
      ["GET", "/v1/events"],
    ] as const) {
      const res = await t.call(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.body.error.code).toBe("route_not_found");
    }
  });

  it("answers 500 internal for an unexpected failure, reports it, and leaks nothing", async () => {
    await t.overture.store.close();
    const res = await t.call("GET", "/v1/journeys");
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "internal", message: expect.any(String), problems: [] } });
    expect(res.body.error.message).not.toMatch(/sqlite|database|connection/i);
    expect(t.unexpected).toHaveLength(1);
    t.overture.store.close = async () => {};
  });

  it("every error body has the same shape", async () => {
    const answers = [
      await t.call("GET", "/v1/journeys", { key: null }),
      await t.call("GET", "/v1/journeys", { key: t.keys.writeKey }),
      await t.call("GET", "/v1/journeys/none"),
      await t.call("POST", "/v1/journeys", { raw: "[" }),
      await t.call("POST", "/v1/journeys", { body: {} }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 403, 404, 400, 400]);
    for (const { body } of answers) {
      expect(Object.keys(body)).toEqual(["error"]);
      expect(Object.keys(body.error).sort()).toEqual(["code", "message", "problems"]);
      for (const problem of body.error.problems)
        expect(Object.keys(problem).sort()).toEqual(expect.arrayContaining(["code", "message", "path"]));
    }
  });
});
