import { logChannel } from "@overture/runtime";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { withDeliveryPolicy } from "../src/policy/delivery-policy.ts";
import { DEFAULT_DELIVERY_POLICY, getDeliveryPolicy, putDeliveryPolicy } from "../src/policy/policy-settings.ts";
import { listOutbox } from "../src/webhook/outbox-admin.ts";
import { type ChannelRuntime, openChannelRuntime, storeTargets, T0 } from "./webhook-harness.ts";

const DAY = 86_400_000;
const email = (id: string) => ({ id, type: "email", subject: `Mail ${id}`, body: "<mjml><mj-body></mj-body></mjml>" });

const { targets, dropAll } = await storeTargets("the delivery policy");
afterAll(dropAll);

for (const target of targets) {
  describe.skipIf(target.skip)(`delivery policy on ${target.name}`, () => {
    let rt: ChannelRuntime;
    let sent: string[];
    beforeEach(async () => {
      // One batch a round: which of a customer's rows is over the cap depends on the order they are sent in, and
      // concurrent batches (PostgreSQL's default) claim a customer's rows in no set order.
      rt = await openChannelRuntime({
        databaseUrl: target.url ? await target.url() : undefined,
        dispatcher: { concurrentBatches: 1 },
      });
      sent = [];
      // As serve wires it: the policy wraps every handler, including those registered after it.
      rt.overture.dispatcher.wrapHandlers((handler) =>
        withDeliveryPolicy(handler, { store: rt.overture.store, clock: rt.clock }),
      );
      for (const channel of ["email", "notification"])
        rt.overture.dispatcher.register(logChannel(channel, (line) => sent.push(line)));
    });
    afterEach(() => rt.cleanup());

    const rowsOf = (customerId: string) =>
      listOutbox(rt.overture.store, rt.ws, { customerId }).then((rows) => rows.reverse());
    const facts = (customerId: string) =>
      rt.overture.store.sql.all<{ status: string; detail: unknown }>(
        "SELECT status, detail FROM deliveries WHERE workspace_id = ? AND customer_id = ? ORDER BY seq",
        [rt.ws, customerId],
      );

    it("skips the send over the cap (3 emails a week), with its reason, even within one batch; the window slides", async () => {
      await rt.publish("Four mails", "go", [email("m1"), email("m2"), email("m3"), email("m4")]);
      await rt.send("ada", "go", {}, { timezone: "Asia/Tokyo" });
      expect(await rt.overture.dispatcher.runUntilIdle()).toBe(4);
      const rows = await rowsOf("ada");
      expect(rows.map((r) => [r.stepId, r.status])).toEqual([
        ["m1", "sent"],
        ["m2", "sent"],
        ["m3", "sent"],
        ["m4", "skipped"],
      ]);
      expect(rows[3]!.lastError).toBe("frequency cap: 3 email sent in the last 1w, at most 3");
      expect(sent).toHaveLength(3);
      const skippedFact = (await facts("ada")).find((f) => f.status === "skipped");
      expect(typeof skippedFact?.detail === "string" ? JSON.parse(skippedFact.detail) : skippedFact?.detail).toEqual({
        reason: rows[3]!.lastError,
      });
      // A week later the three sends have left the window.
      rt.clock.advance(7 * DAY);
      await rt.send("ada", "go");
      await rt.overture.dispatcher.runUntilIdle();
      expect((await rowsOf("ada")).slice(4).map((r) => r.status)).toEqual(["sent", "sent", "sent", "skipped"]);
    });

    it("holds an email in quiet hours until their exact end in the customer's zone, without spending an attempt", async () => {
      await rt.publish("Night mail", "go", [email("m1")]);
      // T0 is 09:00 UTC: 04:00 in New York, inside 21:00–08:00.
      await rt.send("bob", "go", {}, { timezone: "America/New_York" });
      const end = Date.UTC(2026, 0, 5, 13, 0);
      expect(await rt.overture.dispatcher.runOnce()).toBe(1);
      let [row] = await rowsOf("bob");
      expect(row).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: end });
      expect(row!.lastError).toContain("quiet hours 21:00–08:00 America/New_York");
      expect(sent).toEqual([]);
      // The journey did not wait for the delivery.
      expect((await rt.overture.store.instancesOfCustomer(rt.ws, "bob")).map((i) => i.status)).toEqual(["completed"]);
      rt.clock.advanceTo(end - 1);
      expect(await rt.overture.dispatcher.runOnce()).toBe(0);
      rt.clock.advanceTo(end);
      expect(await rt.overture.dispatcher.runOnce()).toBe(1);
      [row] = await rowsOf("bob");
      expect(row).toMatchObject({ status: "sent", attempts: 1 });
      expect(sent).toHaveLength(1);
    });

    it("skips a channel the customer withdrew consent for, in either attribute form; other channels go", async () => {
      await rt.publish("Both", "go", [email("m1"), { id: "n1", type: "notification", title: "Hi", body: "Hello" }]);
      await rt.send("cy", "go", {}, { timezone: "Asia/Tokyo", consent: { email: false } });
      await rt.send("di", "go", {}, { timezone: "Asia/Tokyo", "consent.notification": false });
      await rt.overture.dispatcher.runUntilIdle();
      expect((await rowsOf("cy")).map((r) => [r.stepId, r.status, r.lastError])).toEqual([
        ["m1", "skipped", "no consent: the customer's consent.email is false"],
        ["n1", "sent", null],
      ]);
      expect((await rowsOf("di")).map((r) => [r.stepId, r.status, r.lastError])).toEqual([
        ["m1", "sent", null],
        ["n1", "skipped", "no consent: the customer's consent.notification is false"],
      ]);
      expect((await facts("cy")).map((f) => f.status).sort()).toEqual(["sent", "skipped"]);
    });

    it("a channel that needs opt-in goes only to customers whose consent is true (issue 15, settings screen)", async () => {
      await putDeliveryPolicy(rt.overture.store, rt.ws, { quietHours: null, channels: { email: { optIn: true } } }, T0);
      await rt.publish("Opt-in", "go", [email("m1")]);
      await rt.send("fay", "go", {}, { consent: { email: true } });
      await rt.send("gus", "go", {}, {});
      await rt.send("hal", "go", {}, { "consent.email": true });
      await rt.overture.dispatcher.runUntilIdle();
      expect((await rowsOf("fay")).map((r) => r.status)).toEqual(["sent"]);
      expect((await rowsOf("hal")).map((r) => r.status)).toEqual(["sent"]);
      expect((await rowsOf("gus")).map((r) => [r.status, r.lastError])).toEqual([
        ["skipped", "no consent: email needs opt-in and the customer's consent.email is not true"],
      ]);
    });

    it("follows the workspace's saved policy instead of the defaults", async () => {
      expect(await getDeliveryPolicy(rt.overture.store, rt.ws)).toEqual(DEFAULT_DELIVERY_POLICY);
      await putDeliveryPolicy(
        rt.overture.store,
        rt.ws,
        { quietHours: null, channels: { email: { cap: { max: 1, per: "1d" } } } },
        T0,
      );
      await rt.publish("Two mails", "go", [email("m1"), email("m2")]);
      // 04:00 in New York, but this workspace has no quiet hours.
      await rt.send("eve", "go", {}, { timezone: "America/New_York" });
      await rt.overture.dispatcher.runUntilIdle();
      expect((await rowsOf("eve")).map((r) => r.status)).toEqual(["sent", "skipped"]);
      await expect(
        putDeliveryPolicy(
          rt.overture.store,
          rt.ws,
          { quietHours: { start: "25:00", end: "08:00", defaultTimezone: "Nowhere" }, channels: {} },
          T0,
        ),
      ).rejects.toMatchObject({
        code: "invalid_input",
        problems: [{ path: "quietHours.start" }, { path: "quietHours.defaultTimezone" }],
      });
    });
  });
}
