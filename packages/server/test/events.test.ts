import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, T0, type TestApp } from "./test-app.ts";

describe("event ingestion", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  const send = (body: unknown) => t.call("POST", "/v1/events", { key: t.keys.writeKey, body });
  const sendBatch = (body: unknown) => t.call("POST", "/v1/events/batch", { key: t.keys.writeKey, body });
  const eventsOf = async (customerId: string) =>
    (await t.overture.customers.history(t.keys.workspaceId, customerId)).recentEvents;

  it("stores one event durably before answering, with its properties, attributes and time", async () => {
    const res = await send({
      id: "e1",
      name: "purchase.completed",
      customerId: "c1",
      properties: { total: 42 },
      attributes: { plan: "team" },
      timestamp: "2025-01-06T08:00:00Z",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, errors: [] });
    expect(await eventsOf("c1")).toEqual([
      {
        id: "e1",
        name: "purchase.completed",
        customerId: "c1",
        properties: { total: 42 },
        at: Date.UTC(2025, 0, 6, 8),
      },
    ]);
    expect((await t.overture.customers.get(t.keys.workspaceId, "c1"))?.attributes).toEqual({ plan: "team" });
  });

  it("takes epoch milliseconds and defaults the time to when the event is received", async () => {
    await send({ id: "ms", name: "a", customerId: "c1", timestamp: T0 - 5_000 });
    await send({ id: "now", name: "b", customerId: "c1" });
    expect((await eventsOf("c1")).map((e) => [e.id, e.at])).toEqual([
      ["ms", T0 - 5_000],
      ["now", T0],
    ]);
  });

  it("accepts a resent event once (idempotent by id)", async () => {
    const event = { id: "order-1", name: "purchase.completed", customerId: "c1" };
    expect((await send(event)).body).toEqual({ accepted: 1, duplicates: 0, errors: [] });
    expect((await send(event)).body).toEqual({ accepted: 0, duplicates: 1, errors: [] });
    expect((await sendBatch({ events: [event, { ...event, id: "order-2" }] })).body).toEqual({
      accepted: 1,
      duplicates: 1,
      errors: [],
    });
    expect(await eventsOf("c1")).toHaveLength(2);
  });

  it("refuses an invalid event with 400 invalid_event and every problem", async () => {
    const res = await send({ name: "", properties: "nope", timestamp: "yesterday" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_event");
    const problems = res.body.error.problems.map((p: { path: string; code: string }) => `${p.path}:${p.code}`).sort();
    expect(problems).toEqual([
      "customerId:invalid_type",
      "name:too_small",
      "properties:invalid_type",
      "timestamp:invalid_format",
    ]);
  });

  it("reports bad events of a batch by index and keeps the good ones", async () => {
    const res = await sendBatch({
      events: [
        { id: "ok-0", name: "page.viewed", customerId: "c1" },
        { id: "bad-1", name: "page.viewed" },
        "not an event",
        { id: "ok-3", name: "portal.login", customerId: "c2", timestamp: "2025-01-06T08:59:00+00:00" },
        { id: "bad-4", name: "x".repeat(201), customerId: "c2", properties: [] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.duplicates).toBe(0);
    expect(res.body.errors.map((e: { index: number; code: string }) => [e.index, e.code])).toEqual([
      [1, "invalid_event"],
      [2, "invalid_event"],
      [4, "invalid_event"],
    ]);
    expect(res.body.errors[0].problems).toEqual([
      { path: "customerId", code: "invalid_type", message: expect.any(String) },
    ]);
    expect(res.body.errors[2].problems.map((p: { path: string }) => p.path).sort()).toEqual(["name", "properties"]);
    expect((await eventsOf("c1")).map((e) => e.id)).toEqual(["ok-0"]);
    expect((await eventsOf("c2")).map((e) => e.id)).toEqual(["ok-3"]);
  });

  it("refuses a batch envelope that is not { events: [...] } with 400 invalid_input", async () => {
    for (const body of [{}, { events: [] }, { events: "x" }, []]) {
      const res = await sendBatch(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
      expect(res.body.error.problems[0].path).toMatch(/^(events)?$/);
    }
  });

  it("answers 400 invalid_json for a body that does not parse, and for an empty body", async () => {
    for (const raw of ["{", '{"name": "a",}', "nul"]) {
      const res = await t.call("POST", "/v1/events", { key: t.keys.writeKey, raw });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_json");
    }
    const empty = await t.call("POST", "/v1/events", { key: t.keys.writeKey, raw: "" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("invalid_event");
  });

  it("answers 413 payload_too_large over 1 MiB for one event and over 5 MiB for a batch", async () => {
    const big = { name: "a", customerId: "c1", properties: { blob: "x".repeat(1024 * 1024) } };
    const one = await send(big);
    expect(one.status).toBe(413);
    expect(one.body.error.code).toBe("payload_too_large");

    const fourMiB = {
      events: Array.from({ length: 4 }, (_, i) => ({
        id: `b${i}`,
        name: "a",
        customerId: "c1",
        properties: { blob: "x".repeat(1000 * 1000) },
      })),
    };
    const accepted = await sendBatch(fourMiB);
    expect(accepted.status).toBe(200);
    expect(accepted.body.accepted).toBe(4);

    const sixMiB = {
      events: Array.from({ length: 6 }, () => ({
        name: "a",
        customerId: "c1",
        properties: { blob: "x".repeat(1024 * 1024) },
      })),
    };
    const refused = await sendBatch(sixMiB);
    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe("payload_too_large");
  });

  it("refuses an oversized body sent without a content length (streamed)", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 2 * 1024 * 1024) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await t.app.request("/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${t.keys.writeKey}`, "transfer-encoding": "chunked" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("refuses JSON nested deeper than 100 levels instead of exhausting the stack", async () => {
    const nested = (depth: number) =>
      `{"name":"a","customerId":"c1","properties":{"deep":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
    const deep = await t.call("POST", "/v1/events", { key: t.keys.writeKey, raw: nested(100_000) });
    expect(deep.status).toBe(400);
    expect(deep.body.error).toMatchObject({ code: "invalid_input", problems: [{ path: "", code: "too_deep" }] });
    expect((await t.call("POST", "/v1/events", { key: t.keys.writeKey, raw: nested(90) })).status).toBe(200);
    expect(t.unexpected).toEqual([]);
  });
});
