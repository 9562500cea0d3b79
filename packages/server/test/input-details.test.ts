import { Agent, request } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serve } from "../src/index.ts";
import { basicAuth, openTestApp, type TestApp } from "./test-app.ts";

// Issue 12, finding 12: refusals of NUL characters and lone surrogates named no path and batch items carried no
// `problems`; after a 413 the server dropped the keep-alive socket without saying so, losing the next request.
describe("input details", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  const raw = (path: string, body: string, key = t.keys.writeKey) => t.call("POST", path, { key, raw: body });

  it("names the field holding a NUL character or a lone surrogate in a single event", async () => {
    const nul = await raw("/v1/events", '{"name":"note","customerId":"c1","properties":{"note":"a\\u0000b"}}');
    expect(nul.status).toBe(400);
    expect(nul.body.error).toMatchObject({
      code: "invalid_event",
      problems: [{ path: "properties.note", code: "unstorable_text" }],
    });
    expect(nul.body.error.message).toContain("properties.note");
    const surrogate = await raw(
      "/v1/events",
      '{"name":"note","customerId":"c1","attributes":{"tags":["ok","\\ud800"]}}',
    );
    expect(surrogate.body.error.problems).toEqual([
      expect.objectContaining({ path: "attributes.tags[1]", code: "unstorable_text" }),
    ]);
    const key = await raw("/v1/events", '{"name":"note","customerId":"c1","properties":{"bad\\udc00key":1}}');
    expect(key.body.error.problems[0].path).toBe("properties.bad\udc00key");
    const fine = await raw(
      "/v1/events",
      '{"name":"note","customerId":"c1","properties":{"note":"fine \\ud83d\\ude00"}}',
    );
    expect(fine.body.accepted).toBe(1);
  });

  it("gives each such item of /v1/events/batch its problems, and keeps the others", async () => {
    const res = await raw(
      "/v1/events/batch",
      '{"events":[{"name":"a","customerId":"c1"},{"name":"a","customerId":"c1","properties":{"deep":{"x":["\\u0000"]}}},{"name":"a\\ud800","customerId":"c1"}]}',
    );
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.errors).toEqual([
      {
        index: 1,
        code: "invalid_event",
        message: expect.stringContaining("properties.deep.x[0]"),
        problems: [expect.objectContaining({ path: "properties.deep.x[0]", code: "unstorable_text" })],
      },
      {
        index: 2,
        code: "invalid_event",
        message: expect.any(String),
        problems: [expect.objectContaining({ path: "name", code: "unstorable_text" })],
      },
    ]);
  });

  it("gives each such message of Segment's /v1/batch its problems, named as the message has them", async () => {
    const res = await t.call("POST", "/v1/batch", {
      key: null,
      headers: { authorization: basicAuth(t.keys.writeKey) },
      raw: '{"batch":[{"type":"identify","userId":"u1","traits":{"nick":"a\\u0000"}},{"type":"track","userId":"u1","event":"ok"},{"type":"track","userId":"u\\udfff","event":"x"}]}',
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    expect(
      res.body.errors.map((e: { index: number; problems: Array<{ path: string }> }) => [
        e.index,
        e.problems.map((p) => p.path),
      ]),
    ).toEqual([
      [0, ["traits.nick"]],
      [2, ["userId"]],
    ]);
  });
});

describe("a 413 on a keep-alive connection (real server on 127.0.0.1)", () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serve>>;
  let agent: Agent;
  beforeEach(async () => {
    t = await openTestApp();
    server = await serve(t.overture, { port: 0, host: "127.0.0.1" });
    // One connection, reused: the second request goes on the socket of the first unless the server said it closes.
    agent = new Agent({ connections: 1, pipelining: 1 });
  });
  afterEach(async () => {
    await agent.close();
    await server.close();
    await t.close();
  });

  it("says Connection: close, so the client's next request is not lost", async () => {
    const headers = { authorization: `Bearer ${t.keys.writeKey}`, "content-type": "application/json" };
    const big = JSON.stringify({ name: "a", customerId: "c1", properties: { blob: "x".repeat(2 * 1024 * 1024) } });
    const refused = await request(`${server.url}/v1/events`, { method: "POST", headers, body: big, dispatcher: agent });
    expect(refused.statusCode).toBe(413);
    expect(refused.headers.connection).toBe("close");
    expect(((await refused.body.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    const next = await request(`${server.url}/v1/events`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "a", customerId: "c1" }),
      dispatcher: agent,
    });
    expect(next.statusCode).toBe(200);
    expect(await next.body.json()).toMatchObject({ accepted: 1 });
  });
});
