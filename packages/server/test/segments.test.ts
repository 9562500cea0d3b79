import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "./test-app.ts";

const BOUGHT = { type: "event", event: "purchase.completed" };

/** Issue 14, "API": the eight segment operations over HTTP. */
describe("segments over HTTP", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  it("creates, lists, reads, changes and deletes a dynamic segment", async () => {
    const created = await t.call("POST", "/v1/segments", {
      body: { kind: "dynamic", name: "Buyers", description: "Bought once", rule: BOUGHT },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "buyers", kind: "dynamic", status: "building", size: 0, usedBy: [] });
    const list = await t.call("GET", "/v1/segments");
    expect(list.body.segments.map((s: { id: string }) => s.id)).toEqual(["buyers"]);
    const read = await t.call("GET", "/v1/segments/buyers");
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ description: "Bought once", sizeHistory: [] });
    const changed = await t.call("PUT", "/v1/segments/buyers", {
      body: { kind: "dynamic", name: "Repeat buyers", rule: { ...BOUGHT, count: { op: "gte", value: 2 } } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Repeat buyers", rule: { count: { op: "gte", value: 2 } } });
    const deleted = await t.call("DELETE", "/v1/segments/buyers");
    expect(deleted).toMatchObject({ status: 200, body: { deleted: true } });
    expect((await t.call("GET", "/v1/segments/buyers")).status).toBe(404);
    expect((await t.call("DELETE", "/v1/segments/buyers")).status).toBe(404);
    // Changes are in the audit log; estimates (asked at every edit of a rule) are not.
    await t.call("POST", "/v1/segments/estimate", { body: { rule: BOUGHT } });
    const audit = await t.call("GET", "/v1/audit");
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual([
      "segment.deleted",
      "segment.updated",
      "segment.created",
    ]);
  });

  it("answers 400 naming the path of a bad rule, and of a body that is no segment", async () => {
    const unknown = await t.call("POST", "/v1/segments", {
      body: { kind: "dynamic", name: "Bad", rule: { type: "not", rule: { type: "segment", segmentId: "ghost" } } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.problems).toEqual([
      expect.objectContaining({ path: "rule.rule.segmentId", code: "unknown-segment" }),
    ]);
    const shapeless = await t.call("POST", "/v1/segments", { body: { kind: "dynamic", name: "" } });
    expect(shapeless.status).toBe(400);
    expect(shapeless.body.error.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(["name", "rule"]),
    );
  });

  it("refuses with 409 segment_in_use to delete a segment an active journey starts on, naming it", async () => {
    await t.call("POST", "/v1/segments", { body: { kind: "static", name: "Beta testers" } });
    const journey = await t.call("POST", "/v1/journeys", {
      body: {
        name: "Beta welcome",
        document: {
          schemaVersion: 1,
          name: "Beta welcome",
          steps: [
            {
              id: "start",
              type: "trigger",
              trigger: { type: "segment", segmentId: "beta-testers", on: "enter" },
              next: "end",
            },
            { id: "end", type: "exit" },
          ],
        },
      },
    });
    const published = await t.call("POST", `/v1/journeys/${journey.body.id}/publish`);
    expect(published.status).toBe(201);
    const refused = await t.call("DELETE", "/v1/segments/beta-testers");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("segment_in_use");
    expect(refused.body.error.problems).toEqual([
      expect.objectContaining({ stepId: "start", message: expect.stringContaining("Beta welcome") }),
    ]);
    const listed = await t.call("GET", "/v1/segments");
    expect(listed.body.segments[0].usedBy).toEqual([
      { journeyId: journey.body.id, name: "Beta welcome", status: "active" },
    ]);
  });

  it("imports a static segment's CSV and pages its members", async () => {
    await t.call("POST", "/v1/segments", { body: { kind: "static", name: "VIP" } });
    await t.call("PUT", "/v1/customers/c-2", { body: { attributes: { plan: "gold" } } });
    const csv = ["customerId", "c-3", "c-1", "", "c-2", `"broken`].join("\n");
    const imported = await t.call("POST", "/v1/segments/vip/members/import", { body: { csv } });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ imported: 3, size: 3 });
    expect(imported.body.skipped).toEqual([expect.objectContaining({ line: 6 })]);
    const page = await t.call("GET", "/v1/segments/vip/members?limit=2");
    expect(page.body).toMatchObject({ total: 3, next: "c-2" });
    expect(page.body.members.map((m: { customerId: string }) => m.customerId)).toEqual(["c-1", "c-2"]);
    expect(page.body.members[1].attributes).toEqual({ plan: "gold" });
    const rest = await t.call("GET", "/v1/segments/vip/members?limit=2&after=c-2");
    expect(rest.body).toMatchObject({ next: null, members: [{ customerId: "c-3" }] });
    expect((await t.call("GET", "/v1/segments/vip/members?limit=0")).status).toBe(400);
    expect((await t.call("GET", "/v1/segments/nope/members")).status).toBe(404);
  });

  it("estimates a rule exactly in a small workspace", async () => {
    for (const [n, id] of ["a", "b", "c", "d"].entries()) {
      const events = n < 3 ? [{ name: "purchase.completed", customerId: id, at: t.clock.now() - 1000 }] : [];
      if (events.length) await t.call("POST", "/v1/events", { body: events[0] });
      else await t.call("PUT", `/v1/customers/${id}`, { body: { attributes: {} } });
    }
    const answer = await t.call("POST", "/v1/segments/estimate", { body: { rule: BOUGHT } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ estimate: 3, low: 3, high: 3, exact: true, sampled: 4, population: 4 });
    const bad = await t.call("POST", "/v1/segments/estimate", { body: { rule: { type: "event" } } });
    expect(bad.status).toBe(400);
  });
});
