import { insertNotification, setUpPortal } from "@overture/channels";
import { VirtualClock } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOverture, type Notification, type OvertureClient } from "../src/index.ts";
import { FetchEventSource } from "./fetch-event-source.ts";
import { startServer } from "./start-server.ts";

const FEED = {
  items: [
    {
      id: "whats-new",
      title: "What's new",
      summary: "This month's changes.",
      url: "/whats-new",
      type: "banner",
      topics: ["news"],
    },
    {
      id: "onboarding-hero",
      title: "Welcome aboard",
      summary: "Your first two weeks.",
      url: "/start",
      type: "banner",
      topics: ["getting-started"],
    },
  ],
  slots: [{ name: "dashboard.hero", defaultContentId: "whats-new", description: "" }],
};

describe("SDK portal calls against the real routes", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let sdk: OvertureClient;
  const notify = (id: string, title: string) =>
    insertNotification(server.overture.store, server.keys.workspaceId, {
      id,
      customerId: "ada",
      title,
      body: "Start with the guide.",
      link: null,
      createdAt: server.overture.clock.now(),
      expiresAt: null,
    });

  beforeAll(async () => {
    server = await startServer();
    await setUpPortal(server.overture, server.keys.workspaceId, FEED);
    // What a portal's backend does: mint the customer's token with the secret key.
    const answer = await fetch(`${server.url}/v1/portal/token?customerId=ada`, {
      headers: { authorization: `Bearer ${server.keys.secretKey}` },
    });
    const { token } = (await answer.json()) as { token: string };
    sdk = createOverture({
      host: server.url,
      writeKey: server.keys.writeKey,
      EventSource: FetchEventSource,
      platform: { document: undefined },
    });
    await sdk.identify("ada", { token });
  });
  afterAll(() => server.close());

  it("reads slot decisions keyed by slot name, with the content inlined", async () => {
    const slots = await sdk.slots(["dashboard.hero", "sidebar.tip"]);
    expect(slots["dashboard.hero"]).toMatchObject({
      slot: "dashboard.hero",
      source: "default",
      contentId: "whats-new",
      content: { title: "What's new" },
    });
    expect(slots["sidebar.tip"]).toMatchObject({ source: "none", contentId: null, content: null });
    expect(await sdk.slots([])).toEqual({});
  });

  it("lists the inbox, marks read and dismisses", async () => {
    await notify("n-1", "Welcome, Ada");
    await notify("n-2", "Your guide is ready");
    let inbox = await sdk.notifications.list();
    expect(inbox.unread).toBe(2);
    expect(inbox.notifications.map((n) => n.id).sort()).toEqual(["n-1", "n-2"]);
    await sdk.notifications.markRead("n-1");
    await sdk.notifications.dismiss("n-2");
    inbox = await sdk.notifications.list();
    expect(inbox.unread).toBe(0);
    expect(inbox.notifications.map((n) => [n.id, n.readAt !== null])).toEqual([["n-1", true]]);
    await expect(sdk.notifications.markRead("nope")).rejects.toMatchObject({ code: "not_found", status: 404 });
  });

  it("delivers new notifications to a subscriber until it unsubscribes", async () => {
    const received: Notification[] = [];
    let connected: () => void = () => {};
    let arrived: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const first = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const unsubscribe = sdk.notifications.subscribe(
      (n) => {
        received.push(n);
        arrived();
      },
      { onReady: () => connected() },
    );
    // The stream sends what is new once it is connected.
    await ready;
    await notify("n-3", "Live one");
    await first;
    unsubscribe();
    expect(received.map((n) => [n.id, n.title])).toEqual([["n-3", "Live one"]]);
  });

  it("answers invalid_customer_token for a token that is not this customer's", async () => {
    const impostor = createOverture({
      host: server.url,
      writeKey: server.keys.writeKey,
      platform: { document: undefined },
    });
    await impostor.identify("ada", { token: "forged" });
    await expect(impostor.slots(["dashboard.hero"])).rejects.toMatchObject({
      name: "OvertureError",
      code: "invalid_customer_token",
      status: 401,
    });
    await expect(impostor.notifications.list()).rejects.toMatchObject({ code: "invalid_customer_token" });
    const noStream = createOverture({
      host: server.url,
      writeKey: server.keys.writeKey,
      platform: { document: undefined, EventSource: undefined },
    });
    await noStream.identify("ada", { token: "t" });
    expect(() => noStream.notifications.subscribe(() => {})).toThrow(/EventSource/);
  });
});

// Issue 12, findings 4 and 9: tokens expire, and the token is the signed identity that lets protected traits through.
describe("SDK identity: signed traits and token refresh", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
  const tokenFor = async (customerId: string) => {
    const answer = await fetch(`${server.url}/v1/portal/token?customerId=${customerId}`, {
      headers: { authorization: `Bearer ${server.keys.secretKey}` },
    });
    return ((await answer.json()) as { token: string }).token;
  };
  beforeAll(async () => {
    server = await startServer({ clock });
    await setUpPortal(server.overture, server.keys.workspaceId, FEED);
  });
  afterAll(() => server.close());

  it("applies protected traits (email, consent) sent by identify, which carries the customer's signed identity", async () => {
    const sdk = createOverture({ host: server.url, writeKey: server.keys.writeKey, platform: { document: undefined } });
    await sdk.identify("grace", {
      token: await tokenFor("grace"),
      traits: { email: "grace@cobol.example", consent: { email: true } },
    });
    await server.overture.engine.runUntilIdle();
    expect((await server.overture.customers.get(server.keys.workspaceId, "grace"))?.attributes).toMatchObject({
      email: "grace@cobol.example",
      consent: { email: true },
    });
  });

  it("asks onTokenExpired for a new token when the server says the token expired, and retries the call", async () => {
    const asked: string[] = [];
    const sdk = createOverture({
      host: server.url,
      writeKey: server.keys.writeKey,
      platform: { document: undefined },
      onTokenExpired: async (customerId) => {
        asked.push(customerId);
        return tokenFor(customerId);
      },
    });
    await sdk.identify("ada", { token: await tokenFor("ada") });
    clock.advance(13 * 3_600_000);
    expect((await sdk.slots(["dashboard.hero"]))["dashboard.hero"]?.contentId).toBe("whats-new");
    expect(asked).toEqual(["ada"]);
    // The new token is kept: the next call needs no refresh.
    await sdk.notifications.list();
    expect(asked).toEqual(["ada"]);
  });

  it("without onTokenExpired, rejects with customer_token_expired", async () => {
    const sdk = createOverture({ host: server.url, writeKey: server.keys.writeKey, platform: { document: undefined } });
    await sdk.identify("ada", { token: await tokenFor("ada") });
    clock.advance(13 * 3_600_000);
    await expect(sdk.slots(["dashboard.hero"])).rejects.toMatchObject({ code: "customer_token_expired", status: 401 });
  });
});
