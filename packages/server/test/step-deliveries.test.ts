import { PermanentError, TransientError } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

describe("delivery outcomes per step (issue 15, defect 4)", () => {
  let t: TestApp;
  let journeyId: string;
  beforeEach(async () => {
    t = await openTestApp();
    t.overture.dispatcher.register({
      channel: "email",
      async deliver(d) {
        if (d.customerId.startsWith("nomail"))
          throw new PermanentError(
            "no_email_address",
            `no_email_address: customer ${d.customerId} has no email attribute`,
          );
        if (d.customerId.startsWith("down"))
          throw new TransientError("smtp_unavailable", "smtp_unavailable: connect ECONNREFUSED");
        return { ok: true };
      },
    });
    const created = await t.call("POST", "/v1/journeys", { body: { name: "Welcome", document: WELCOME_JOURNEY } });
    journeyId = created.body.id;
    expect((await t.call("POST", `/v1/journeys/${journeyId}/publish`)).status).toBeLessThan(300);
    await t.overture.events.ingest(
      t.keys.workspaceId,
      ["ok-1", "nomail-1", "nomail-2", "down-1"].map((customerId) => ({
        name: "purchase.completed",
        customerId,
        properties: {},
      })),
    );
    await t.overture.engine.runUntilIdle();
    await t.overture.dispatcher.runOnce();
  });
  afterEach(() => t.close());

  it("counts sent, retrying and dead by reason per step, and lists a step's dead deliveries", async () => {
    const figures = await t.call("GET", `/v1/journeys/${journeyId}/deliveries?version=1`);
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({
      journeyId,
      version: 1,
      steps: [
        {
          stepId: "welcome",
          channel: "email",
          total: 4,
          sent: 1,
          retrying: 1,
          dead: 2,
          reasons: { retrying: { smtp_unavailable: 1 }, dead: { no_email_address: 2 } },
        },
      ],
    });
    const dead = await t.call("GET", `/v1/journeys/${journeyId}/steps/welcome/deliveries?outcome=dead&limit=1`);
    expect(dead.status).toBe(200);
    expect(dead.body.items).toHaveLength(1);
    expect(dead.body.items[0]).toMatchObject({
      customerId: "nomail-2",
      status: "dead",
      outcome: "dead",
      reason: "no_email_address",
      attempts: 1,
    });
    const rest = await t.call(
      "GET",
      `/v1/journeys/${journeyId}/steps/welcome/deliveries?outcome=dead&before=${dead.body.next}`,
    );
    expect(rest.body).toMatchObject({ items: [{ customerId: "nomail-1" }], next: null });

    // Retried from the list: queued again, no longer counted dead.
    expect((await t.call("POST", `/v1/outbox/${dead.body.items[0].seq}/retry`)).status).toBe(200);
    const after = await t.call("GET", `/v1/journeys/${journeyId}/deliveries`);
    expect(after.body.steps[0]).toMatchObject({ queued: 1, dead: 1 });
  });

  it("refuses a bad outcome naming the field, an unknown journey, and the write key", async () => {
    const bad = await t.call("GET", `/v1/journeys/${journeyId}/steps/welcome/deliveries?outcome=lost&limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(["limit", "outcome"]);
    expect((await t.call("GET", "/v1/journeys/nope/deliveries")).status).toBe(404);
    expect((await t.call("GET", `/v1/journeys/${journeyId}/deliveries`, { key: t.keys.writeKey })).status).toBe(403);
  });
});
