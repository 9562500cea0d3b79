import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOverture, OvertureError } from "../src/index.ts";
import { startServer } from "./start-server.ts";

/** A document whose visibility the test changes, with the events a browser would fire. */
class TestDocument extends EventTarget {
  visibilityState = "visible";
  hide() {
    this.visibilityState = "hidden";
    this.dispatchEvent(new Event("visibilitychange"));
  }
  show() {
    this.visibilityState = "visible";
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

describe("SDK events against a real server", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const client = (extra: Parameters<typeof createOverture>[0]["platform"] = {}) =>
    createOverture({
      host: server.url,
      writeKey: server.keys.writeKey,
      batch: { delayMs: 5 },
      platform: { document: undefined, window: undefined, ...extra },
    });

  it("identifies with traits (merged into the profile) and tracks events with client-made ids", async () => {
    const sdk = client();
    await sdk.identify("ada", { token: "t", traits: { firstName: "Ada", plan: "pro" } });
    expect(sdk.customerId).toBe("ada");
    await Promise.all([
      sdk.track("purchase.completed", { product: "Pro plan" }),
      sdk.page("Dashboard", { path: "/portal" }),
    ]);
    const customer = await server.overture.customers.get(server.keys.workspaceId, "ada");
    expect(customer?.attributes).toMatchObject({ firstName: "Ada", plan: "pro" });
    const events = await server.events("ada");
    expect(events.map((e) => e.name)).toEqual(["identify", "purchase.completed", "page.viewed"]);
    expect(events[1]?.properties).toEqual({ product: "Pro plan" });
    expect(events[2]?.properties).toEqual({ path: "/portal", name: "Dashboard" });
    for (const e of events) expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends the same id again on a retry, so the server keeps one copy", async () => {
    let calls = 0;
    // The first answer is lost on the way back: the server stored the batch, the client saw a network error.
    const flaky: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (++calls === 1) throw new TypeError("connection reset");
      return response;
    };
    const sdk = createOverture({
      host: server.url,
      writeKey: server.keys.writeKey,
      fetch: flaky,
      batch: { delayMs: 1 },
      platform: { document: undefined },
    });
    await sdk.identify("grace", { token: "t" });
    await sdk.track("feature.activated");
    expect(calls).toBe(2);
    expect((await server.events("grace")).map((e) => e.name)).toEqual(["feature.activated"]);
  });

  it("measures a content view by visible time only and sends content.viewed with topics", async () => {
    let now = 1_000_000;
    const document = new TestDocument();
    const sdk = client({ now: () => now, document });
    await sdk.identify("linus", { token: "t" });
    const view = sdk.startContentView("guide-1", { topics: ["getting-started"] });
    now += 2_000;
    document.hide();
    now += 30_000;
    document.show();
    now += 1_000;
    await view.stop();
    await view.stop();
    const viewed = (await server.events("linus")).filter((e) => e.name === "content.viewed");
    expect(viewed.map((e) => e.properties)).toEqual([
      { contentId: "guide-1", dwellMs: 3_000, topics: ["getting-started"] },
    ]);
  });

  it("sends what is queued with the beacon when the page is hidden", async () => {
    const beacons: Array<Promise<Response>> = [];
    const document = new TestDocument();
    const window = new EventTarget();
    const sdk = client({
      document,
      window,
      sendBeacon: (url, body) => {
        beacons.push(fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body }));
        return true;
      },
    });
    await sdk.identify("margaret", { token: "t" });
    const view = sdk.startContentView("guide-2");
    const queued = sdk.track("portal.login");
    window.dispatchEvent(new Event("pagehide"));
    await queued;
    expect(beacons.length).toBe(1);
    expect((await beacons[0])?.status).toBe(200);
    expect((await server.events("margaret")).map((e) => e.name).sort()).toEqual(["content.viewed", "portal.login"]);
    await view.stop();
  });

  it("rejects with an OvertureError carrying the server's code", async () => {
    const wrongKey = createOverture({
      host: server.url,
      writeKey: "ovt_wk_wrong",
      batch: { delayMs: 1 },
      platform: { document: undefined },
    });
    await wrongKey.identify("x", { token: "t" });
    const refused = await wrongKey.track("a").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OvertureError);
    expect(refused).toMatchObject({ code: "unauthorized", status: 401 });

    const sdk = client();
    await sdk.identify("y", { token: "t" });
    await expect(sdk.track("")).rejects.toMatchObject({ code: "invalid_event", status: 400 });
  });

  it("refuses calls before identify, and reports a server it cannot reach", async () => {
    const sdk = client();
    expect(() => sdk.track("a")).toThrow(OvertureError);
    expect(() => sdk.startContentView("c")).toThrow(/identify/);
    const down = createOverture({
      host: "http://127.0.0.1:9",
      writeKey: "k",
      batch: { delayMs: 1 },
      platform: { document: undefined },
    });
    await down.identify("z", { token: "t" });
    await expect(down.slots(["dashboard.hero"])).rejects.toMatchObject({ code: "network_error", status: 0 });
  });
});
