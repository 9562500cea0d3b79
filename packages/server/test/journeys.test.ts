import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { API_JOURNEY, openTestApp, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

describe("journeys API", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  async function createJourney(document: unknown = WELCOME_JOURNEY, name = "Welcome") {
    const res = await t.call("POST", "/v1/journeys", { body: { name, document } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it("creates, lists, gets and saves drafts", async () => {
    const id = await createJourney();
    const list = await t.call("GET", "/v1/journeys");
    expect(list.body.journeys.map((j: { id: string }) => j.id)).toEqual([id]);
    const got = await t.call("GET", `/v1/journeys/${id}`);
    expect(got.body).toMatchObject({
      id,
      name: "Welcome",
      status: "draft",
      currentVersion: null,
      draft: WELCOME_JOURNEY,
    });
    // A draft may be incomplete: saving never validates it.
    const saved = await t.call("PUT", `/v1/journeys/${id}/draft`, {
      body: { schemaVersion: 1, name: "Half done", steps: [] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.draft).toEqual({ schemaVersion: 1, name: "Half done", steps: [] });
  });

  it("refuses a create without a name with every problem and its path", async () => {
    const res = await t.call("POST", "/v1/journeys", { body: { name: "", document: [] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(["document", "name"]);
  });

  it("refuses a draft that is not a JSON object", async () => {
    const id = await createJourney();
    const res = await t.call("PUT", `/v1/journeys/${id}/draft`, { body: [1, 2] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_input", problems: [{ path: "", code: "invalid_type" }] });
  });

  it("validates the draft: every problem with its step id", async () => {
    const broken = {
      ...WELCOME_JOURNEY,
      steps: [
        ...WELCOME_JOURNEY.steps.slice(0, 2),
        { id: "wait-login", type: "wait", wait: { type: "duration", duration: "3 days" }, next: "nowhere" },
      ],
    };
    const id = await createJourney(broken);
    const res = await t.call("POST", `/v1/journeys/${id}/validate`);
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    const codes = res.body.problems.map((p: { stepId?: string; code: string }) => `${p.stepId}:${p.code}`);
    expect(codes).toEqual(expect.arrayContaining(["wait-login:bad-duration", "wait-login:dangling-next"]));
  });

  it("refuses to publish an invalid journey with 422 journey_invalid, naming each problem's step", async () => {
    const broken = {
      ...WELCOME_JOURNEY,
      steps: WELCOME_JOURNEY.steps.map((s) => (s.id === "nudge" ? { ...s, next: "gone" } : s)),
    };
    const id = await createJourney(broken);
    const res = await t.call("POST", `/v1/journeys/${id}/publish`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("journey_invalid");
    expect(res.body.error.problems).toContainEqual({
      path: expect.stringMatching(/^steps\[3\]/),
      code: "dangling-next",
      message: expect.any(String),
      stepId: "nudge",
    });
    expect((await t.call("GET", `/v1/journeys/${id}/versions`)).body).toEqual({ versions: [] });
  });

  it("publishes versions, lists them and gets one", async () => {
    const id = await createJourney();
    const published = await t.call("POST", `/v1/journeys/${id}/publish`);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ journeyId: id, version: 1 });
    await t.call("POST", `/v1/journeys/${id}/publish`);
    const versions = await t.call("GET", `/v1/journeys/${id}/versions`);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const v1 = await t.call("GET", `/v1/journeys/${id}/versions/1`);
    expect(v1.body.document.steps).toHaveLength(WELCOME_JOURNEY.steps.length);
    expect((await t.call("GET", `/v1/journeys/${id}`)).body).toMatchObject({ status: "active", currentVersion: 2 });
  });

  it("answers 400 for a version that is not a number and 404 for one that does not exist", async () => {
    const id = await createJourney();
    const bad = await t.call("GET", `/v1/journeys/${id}/versions/first`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    expect((await t.call("GET", `/v1/journeys/${id}/versions/7`)).status).toBe(404);
  });

  it("pauses, resumes and archives; a refused transition is 409 invalid_state", async () => {
    const id = await createJourney();
    expect((await t.call("POST", `/v1/journeys/${id}/pause`)).status).toBe(409);
    await t.call("POST", `/v1/journeys/${id}/publish`);
    expect((await t.call("POST", `/v1/journeys/${id}/pause`)).body.status).toBe("paused");
    expect((await t.call("POST", `/v1/journeys/${id}/resume`)).body.status).toBe("active");
    expect((await t.call("POST", `/v1/journeys/${id}/archive`)).body.status).toBe("archived");
    const again = await t.call("POST", `/v1/journeys/${id}/resume`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("invalid_state");
    expect((await t.call("PUT", `/v1/journeys/${id}/draft`, { body: WELCOME_JOURNEY })).status).toBe(409);
  });

  it("answers 404 not_found for unknown journeys on every journey route", async () => {
    for (const [method, path] of [
      ["GET", "/v1/journeys/nope"],
      ["PUT", "/v1/journeys/nope/draft"],
      ["POST", "/v1/journeys/nope/validate"],
      ["POST", "/v1/journeys/nope/publish"],
      ["POST", "/v1/journeys/nope/pause"],
      ["GET", "/v1/journeys/nope/versions"],
      ["GET", "/v1/journeys/nope/stats"],
      ["GET", "/v1/journeys/nope/steps/welcome/customers"],
      ["POST", "/v1/journeys/nope/start"],
    ] as const) {
      const res = await t.call(method, path, { body: method === "PUT" ? {} : { customerId: "c1" } });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });

  it("starts customers through an API trigger, then counts them per step and lists them page by page", async () => {
    const id = await createJourney(API_JOURNEY, "API");
    await t.call("POST", `/v1/journeys/${id}/publish`);
    for (const customerId of ["c1", "c2", "c3"]) {
      const started = await t.call("POST", `/v1/journeys/${id}/start`, {
        body: { customerId, properties: { plan: "team" } },
      });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ journeyId: id, customerId, version: 1 });
    }
    await t.overture.engine.runUntilIdle();
    const stats = await t.call("GET", `/v1/journeys/${id}/stats?version=1`);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ journeyId: id, version: 1, entered: 3, active: 3 });
    expect(stats.body.steps.find((s: { stepId: string }) => s.stepId === "wait-login")).toMatchObject({ waiting: 3 });

    const page1 = await t.call("GET", `/v1/journeys/${id}/steps/wait-login/customers?limit=2`);
    expect(page1.body.instances.map((i: { customerId: string }) => i.customerId)).toHaveLength(2);
    expect(page1.body.next).toEqual(expect.any(String));
    const page2 = await t.call(
      "GET",
      `/v1/journeys/${id}/steps/wait-login/customers?limit=2&after=${encodeURIComponent(page1.body.next)}`,
    );
    expect(page2.body.instances).toHaveLength(1);
    expect(page2.body.next).toBeNull();
    const all = [...page1.body.instances, ...page2.body.instances]
      .map((i: { customerId: string }) => i.customerId)
      .sort();
    expect(all).toEqual(["c1", "c2", "c3"]);
  });

  it("validates query strings and start bodies", async () => {
    const id = await createJourney(API_JOURNEY, "API");
    const stats = await t.call("GET", `/v1/journeys/${id}/stats?version=zero`);
    expect(stats.status).toBe(400);
    expect(stats.body.error.problems[0]).toMatchObject({ path: "version" });
    const limit = await t.call("GET", `/v1/journeys/${id}/steps/welcome/customers?limit=100000`);
    expect(limit.status).toBe(400);
    expect(limit.body.error.problems[0]).toMatchObject({ path: "limit", code: "too_big" });
    const start = await t.call("POST", `/v1/journeys/${id}/start`, { body: { properties: [] } });
    expect(start.status).toBe(400);
    expect(start.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(["customerId", "properties"]);
  });

  it("refuses to start a journey that is not active (409 journey_not_active)", async () => {
    const id = await createJourney(API_JOURNEY, "API");
    const res = await t.call("POST", `/v1/journeys/${id}/start`, { body: { customerId: "c1" } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("journey_not_active");
  });
});
