import type { JourneyDocumentInput } from "@overture/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DAY, openPrivacyHarness, type PrivacyHarness, T0, TARGETS } from "./privacy-harness.ts";

const mjml = (text: string) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>${text}</mj-text></mj-column></mj-section></mj-body></mjml>`;

/** A journey still running after the retention window: welcome now, tips 45 days later. */
const LONG_TRIAL: JourneyDocumentInput = {
  schemaVersion: 1,
  name: "Long trial",
  settings: { reentry: "never" },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "trial.started" }, next: "hello" },
    { id: "hello", type: "email", subject: "Trial welcome", body: mjml("Welcome"), next: "wait" },
    { id: "wait", type: "wait", wait: { type: "duration", duration: "45d" }, next: "tips" },
    { id: "tips", type: "email", subject: "Trial tips", body: mjml("Tips"), next: "done" },
    { id: "done", type: "exit" },
  ],
};

describe.each(TARGETS)("retention on $name", (target) => {
  let h: PrivacyHarness;
  beforeEach(async () => {
    if (!target.skip) h = await openPrivacyHarness(target);
  });
  afterEach(async () => {
    if (!target.skip) await h.close();
  });

  it.skipIf(target.skip)("is off by default and refuses a window under the minimum", async () => {
    expect(await h.privacy.getRetention(h.workspaceId)).toEqual({
      events: null,
      history: null,
      deliveries: null,
      minimumDays: 30,
      updatedAt: null,
    });
    await expect(h.privacy.putRetention(h.workspaceId, { events: 7, history: null, deliveries: null })).rejects.toThrow(
      /at least 30 days/,
    );
    expect(await h.privacy.runRetention()).toMatchObject({ workspaces: 0, events: 0, history: 0, outbox: 0 });
  });

  it.skipIf(target.skip)(
    "deletes old rows of finished journeys; a journey in progress still completes, its email once",
    async () => {
      const { overture, workspaceId, privacy, clock, mailbox } = h;
      const trial = await overture.journeys.create(workspaceId, { name: LONG_TRIAL.name, document: LONG_TRIAL });
      await overture.journeys.publish(workspaceId, trial.id);
      await overture.events.ingest(workspaceId, [
        { name: "purchase.completed", customerId: "ada", attributes: { email: "ada@example.test", firstName: "Ada" } },
        { name: "trial.started", customerId: "carol", attributes: { email: "carol@example.test" } },
      ]);
      await h.settle();
      clock.advance(3 * DAY);
      await h.settle();
      const adaBefore = await privacy.export(workspaceId, "ada");
      expect(adaBefore.journeys[0]?.status).toBe("completed");
      expect(adaBefore.deliveries.outbox).toHaveLength(4);

      clock.advanceTo(T0 + 40 * DAY);
      // A back-dated event not yet matched: pending events are never deleted, however old.
      await overture.events.ingest(workspaceId, [{ name: "page", customerId: "erin", at: T0 }]);
      expect(await privacy.putRetention(workspaceId, { events: 30, history: 30, deliveries: 30 })).toMatchObject({
        events: 30,
        updatedAt: T0 + 40 * DAY,
      });
      const run = await privacy.runRetention();
      expect(run).toMatchObject({ workspaces: 1, events: 2, outbox: 4 });
      expect(run.history).toBeGreaterThan(0);
      expect(run.deliveries).toBeGreaterThanOrEqual(4);

      const ada = await privacy.export(workspaceId, "ada");
      expect(ada.profile).not.toBeNull();
      expect(ada.events).toEqual([]);
      expect(ada.journeys).toHaveLength(1); // the entry stays: entry rules ("never re-enter") still see it
      expect(ada.journeys[0]?.transitions).toEqual([]);
      expect(ada.deliveries).toEqual({ outbox: [], facts: [] });
      expect((await privacy.export(workspaceId, "erin")).events).toHaveLength(1);
      const carol = await privacy.export(workspaceId, "carol");
      expect(carol.events).toEqual([]); // processed: the journey holds what it needs in its instance
      expect(carol.journeys[0]?.status).toBe("waiting");
      expect(carol.journeys[0]?.transitions.length).toBeGreaterThan(0);
      expect(carol.deliveries.outbox.map((o) => [o.stepId, o.status])).toEqual([["hello", "sent"]]);
      expect(await privacy.runRetention()).toMatchObject({ events: 0, history: 0, outbox: 0, deliveries: 0 });

      clock.advanceTo(T0 + 46 * DAY);
      await h.settle();
      const done = await privacy.export(workspaceId, "carol");
      expect(done.journeys[0]?.status).toBe("completed");
      const carolMail = mailbox.list({ limit: 500 }).filter((m) => m.to.includes("carol@example.test"));
      expect(carolMail.map((m) => m.subject).sort()).toEqual(["Trial tips", "Trial welcome"]);
    },
  );
});
