import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "./test-app.ts";

const offer = (slot: string, contentId: string) => ({
  schemaVersion: 1,
  name: "Win-back",
  steps: [
    { id: "start", type: "trigger", trigger: { type: "api" }, next: "show" },
    { id: "show", name: "Show the offer", type: "personalize", slot, contentId, next: "done" },
    { id: "done", type: "exit" },
  ],
});

/** Issue 15, the content screen: where each item and slot is used, and one slot by name. */
describe("GET /v1/usage and GET /v1/slots/:name", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
    for (const id of ["offer", "guide", "spare"])
      await t.call("POST", "/v1/content", { body: { id, title: `Item ${id}`, url: `/library/${id}` } });
    await t.call("PUT", "/v1/slots/dashboard.hero", { body: { defaultContentId: "guide", description: "Top banner" } });
  });
  afterEach(() => t.close());

  it("names the journeys and steps that use each item and slot, live or in the draft, and the slots' defaults", async () => {
    const { body: journey } = await t.call("POST", "/v1/journeys", {
      body: { name: "Win-back", document: offer("dashboard.hero", "offer") },
    });
    expect((await t.call("POST", `/v1/journeys/${journey.id}/publish`)).status).toBe(201);
    const res = await t.call("GET", "/v1/usage");
    expect(res.status).toBe(200);
    expect(res.body.content.offer).toEqual([
      {
        type: "step",
        journeyId: journey.id,
        journeyName: "Win-back",
        journeyStatus: "active",
        stepId: "show",
        stepName: "Show the offer",
        how: "shows-in-slot",
        slot: "dashboard.hero",
        inDraft: true,
        live: true,
      },
    ]);
    expect(res.body.content.guide).toEqual([{ type: "slot-default", slot: "dashboard.hero" }]);
    expect(res.body.content.spare).toEqual([]);
    expect(res.body.slots["dashboard.hero"].map((u: { stepId: string }) => u.stepId)).toEqual(["show"]);
    // Once archived, the journey no longer counts.
    await t.call("POST", `/v1/journeys/${journey.id}/archive`);
    expect((await t.call("GET", "/v1/usage")).body.content.offer).toEqual([]);
    expect((await t.call("GET", "/v1/usage", { key: t.keys.writeKey })).status).toBe(403);
  });

  it("gets one slot, or 404 not_found", async () => {
    const slot = await t.call("GET", "/v1/slots/dashboard.hero");
    expect(slot.body).toMatchObject({ name: "dashboard.hero", defaultContentId: "guide", description: "Top banner" });
    const missing = await t.call("GET", "/v1/slots/nowhere");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });
});
