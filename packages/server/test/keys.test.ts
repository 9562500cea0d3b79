import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, T0, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

/** Issue 13, "Keys": POST/GET/DELETE /v1/keys and rotation, and what each scope may do. */
describe("API keys over HTTP", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  const createKey = async (body: unknown) => {
    const res = await t.call("POST", "/v1/keys", { body });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string; hint: string; name: string; scopes: string[] };
  };
  const journeyId = async () => {
    const res = await t.call("POST", "/v1/journeys", { body: { name: "Welcome", document: WELCOME_JOURNEY } });
    return res.body.id as string;
  };

  it("answers the key once, then lists it masked; a revoked key is refused with 401", async () => {
    const created = await createKey({ name: "Warehouse sync", scopes: ["read"] });
    expect(created.key).toMatch(/^ovt_k_/);
    const list = await t.call("GET", "/v1/keys");
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    const listed = list.body.keys.find((k: { id: string }) => k.id === created.id);
    expect(listed).toMatchObject({ name: "Warehouse sync", scopes: ["read"], hint: created.hint, state: "active" });
    expect(listed.hint).toBe(`ovt_k_…${created.key.slice(-4)}`);
    expect((await t.call("GET", "/v1/journeys", { key: created.key })).status).toBe(200);

    const revoked = await t.call("DELETE", `/v1/keys/${created.id}`);
    expect(revoked.body.state).toBe("revoked");
    const refused = await t.call("GET", "/v1/journeys", { key: created.key });
    expect(refused.status).toBe(401);
    expect((await t.call("DELETE", "/v1/keys/nope")).status).toBe(404);
  });

  it("refuses a read key on publish (403) but lets it list journeys", async () => {
    const id = await journeyId();
    const reader = await createKey({ name: "Viewer", scopes: ["read"] });
    const publish = await t.call("POST", `/v1/journeys/${id}/publish`, { key: reader.key });
    expect(publish.status).toBe(403);
    expect(publish.body.error.code).toBe("forbidden");
    expect((await t.call("GET", "/v1/journeys", { key: reader.key })).status).toBe(200);
    expect((await t.call("GET", "/v1/keys", { key: reader.key })).status).toBe(403);
  });

  it("lets an ingest key send events but not read journeys", async () => {
    const ingest = await createKey({ name: "Backend", scopes: ["ingest"] });
    const sent = await t.call("POST", "/v1/events", {
      key: ingest.key,
      body: { id: "e1", name: "signed_up", customerId: "c1" },
    });
    expect(sent.status).toBe(200);
    expect((await t.call("GET", "/v1/journeys", { key: ingest.key })).status).toBe(403);
  });

  it("expires a key at its expiry on the virtual clock", async () => {
    const key = await createKey({
      name: "Contractor",
      scopes: ["read"],
      expiresAt: new Date(T0 + 3_600_000).toISOString(),
    });
    expect((await t.call("GET", "/v1/journeys", { key: key.key })).status).toBe(200);
    t.clock.advance(3_600_000);
    expect((await t.call("GET", "/v1/journeys", { key: key.key })).status).toBe(401);
  });

  it("rotates with a day of overlap by default, and refuses an overlap over 30 days", async () => {
    const old = await createKey({ name: "CI", scopes: ["read"] });
    const rotated = await t.call("POST", `/v1/keys/${old.id}/rotate`, { body: {} });
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).toMatchObject({ name: "CI", scopes: ["read"] });
    expect(rotated.body.previous.expiresAt).toBe(T0 + 86_400_000);
    t.clock.advance(86_400_000 - 1);
    expect((await t.call("GET", "/v1/journeys", { key: old.key })).status).toBe(200);
    t.clock.advance(1);
    expect((await t.call("GET", "/v1/journeys", { key: old.key })).status).toBe(401);
    expect((await t.call("GET", "/v1/journeys", { key: rotated.body.key.key })).status).toBe(200);
    const tooLong = await t.call("POST", `/v1/keys/${rotated.body.key.id}/rotate`, {
      body: { overlapSeconds: 31 * 86_400 },
    });
    expect(tooLong.status).toBe(400);
  });

  it("keeps the secret and write keys of before working with their scopes", async () => {
    const list = await t.call("GET", "/v1/keys");
    expect(list.body.keys.map((k: { name: string; scopes: string[] }) => [k.name, k.scopes])).toEqual(
      expect.arrayContaining([
        ["Secret key", ["manage"]],
        ["Write key", ["ingest"]],
      ]),
    );
    expect((await t.call("GET", "/v1/journeys", { key: t.keys.writeKey })).status).toBe(403);
  });
});
