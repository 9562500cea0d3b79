import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

/** Issue 15, the journeys list: tags, owner and duplicates through the API. */
describe("journeys API: tags, owner, duplicate", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  it("creates with tags and an owner, and lists them; both are empty when left out", async () => {
    const tagged = await t.call("POST", "/v1/journeys", {
      body: { name: "Welcome", document: WELCOME_JOURNEY, tags: ["Onboarding"], owner: "ana@example.com" },
    });
    expect(tagged.status).toBe(201);
    expect(tagged.body).toMatchObject({ tags: ["Onboarding"], owner: "ana@example.com" });
    await t.call("POST", "/v1/journeys", { body: { name: "Plain" } });
    const list = await t.call("GET", "/v1/journeys");
    const rows = list.body.journeys.map((j: { name: string; tags: string[]; owner: string }) => [
      j.name,
      j.tags,
      j.owner,
    ]);
    expect(rows.sort()).toEqual([
      ["Plain", [], ""],
      ["Welcome", ["Onboarding"], "ana@example.com"],
    ]);
  });

  it("PUT /v1/journeys/:id renames into the draft, replaces tags and owner, and leaves out what is not sent", async () => {
    const { body } = await t.call("POST", "/v1/journeys", {
      body: { name: "Welcome", document: WELCOME_JOURNEY, owner: "ana" },
    });
    const res = await t.call("PUT", `/v1/journeys/${body.id}`, {
      body: { name: "Welcome series", tags: [" Onboarding ", "onboarding", "Email"] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Welcome series", tags: ["Onboarding", "Email"], owner: "ana" });
    expect(res.body.draft.name).toBe("Welcome series");
    const cleared = await t.call("PUT", `/v1/journeys/${body.id}`, { body: { owner: "" } });
    expect(cleared.body).toMatchObject({ name: "Welcome series", tags: ["Onboarding", "Email"], owner: "" });
  });

  it("refuses an empty name and a tag too long, saying where", async () => {
    const { body } = await t.call("POST", "/v1/journeys", { body: { name: "Welcome" } });
    const empty = await t.call("PUT", `/v1/journeys/${body.id}`, { body: { name: "" } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.problems[0].path).toBe("name");
    const long = await t.call("PUT", `/v1/journeys/${body.id}`, { body: { tags: ["x".repeat(51)] } });
    expect(long.status).toBe(400);
    expect(long.body.error.problems[0].path).toBe("tags[0]");
    expect((await t.call("PUT", "/v1/journeys/missing", { body: { owner: "x" } })).status).toBe(404);
  });

  it("duplicates a published journey as a new draft 'X (copy)' with the same draft and tags", async () => {
    const { body: source } = await t.call("POST", "/v1/journeys", {
      body: { name: "Welcome", document: WELCOME_JOURNEY, tags: ["Onboarding"] },
    });
    expect((await t.call("POST", `/v1/journeys/${source.id}/publish`)).status).toBe(201);
    const copy = await t.call("POST", `/v1/journeys/${source.id}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      name: "Welcome (copy)",
      status: "draft",
      currentVersion: null,
      tags: ["Onboarding"],
    });
    expect(copy.body.id).not.toBe(source.id);
    expect(copy.body.draft).toEqual({ ...WELCOME_JOURNEY, name: "Welcome (copy)" });
    // The copy is publishable on its own.
    expect((await t.call("POST", `/v1/journeys/${copy.body.id}/publish`)).status).toBe(201);
    expect((await t.call("GET", `/v1/journeys/${source.id}`)).body.currentVersion).toBe(1);
    expect((await t.call("POST", "/v1/journeys/missing/duplicate")).status).toBe(404);
  });
});
