import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { getOutboxEntry, listOutbox, retryOutbox } from "../src/webhook/outbox-admin.ts";
import { createWebhookChannel } from "../src/webhook/webhook-channel.ts";
import { getWebhookEndpoint, listWebhookEndpoints, putWebhookEndpoint } from "../src/webhook/webhook-endpoints.ts";
import { type ChannelRuntime, openChannelRuntime, storeTargets, T0 } from "./webhook-harness.ts";

const { targets, dropAll } = await storeTargets("the webhook tables");
afterAll(dropAll);

for (const target of targets) {
  describe.skipIf(target.skip)(`webhook endpoints and dead letters on ${target.name}`, () => {
    let rt: ChannelRuntime;
    beforeEach(async () => {
      rt = await openChannelRuntime({ databaseUrl: target.url ? await target.url() : undefined });
    });
    afterEach(() => rt.cleanup());

    it("keeps endpoints per workspace: a generated secret once, then kept; other workspaces see none", async () => {
      const store = rt.overture.store;
      const created = await putWebhookEndpoint(
        store,
        rt.ws,
        { name: "crm", url: "https://crm.example.com/hook", headers: { Authorization: "Bearer t" } },
        T0,
      );
      expect(created.secret).toMatch(/^whsec_/);
      const again = await putWebhookEndpoint(
        store,
        rt.ws,
        { name: "crm", url: "https://crm.example.com/v2", timeoutMs: 5_000 },
        T0 + 1,
      );
      expect(again).toEqual({
        name: "crm",
        url: "https://crm.example.com/v2",
        timeoutMs: 5_000,
        headers: {},
        createdAt: T0,
        updatedAt: T0 + 1,
      });
      expect((await getWebhookEndpoint(store, rt.ws, "crm"))?.secret).toBe(created.secret);
      await putWebhookEndpoint(
        store,
        rt.ws,
        { name: "billing", url: "https://b.example.com", secret: "s".repeat(20) },
        T0,
      );
      expect((await listWebhookEndpoints(store, rt.ws)).map((e) => [e.name, "secret" in e])).toEqual([
        ["billing", false],
        ["crm", false],
      ]);
      const other = await rt.overture.workspaces.create("Other");
      expect(await listWebhookEndpoints(store, other.workspaceId)).toEqual([]);
      expect(await getWebhookEndpoint(store, other.workspaceId, "crm")).toBeNull();
    });

    it("lists dead letters with filters and requeues one with fresh attempts", async () => {
      rt.overture.dispatcher.register(createWebhookChannel({ store: rt.overture.store, clock: rt.clock }));
      await rt.publish("Refused", "go", [{ id: "meta", type: "webhook", endpoint: "http://169.254.169.254/" }]);
      await rt.send("c1", "go");
      await rt.send("c2", "go");
      await rt.overture.dispatcher.runOnce();
      const store = rt.overture.store;
      const dead = await listOutbox(store, rt.ws, { status: "dead", channel: "webhook" });
      expect(dead.map((r) => r.customerId)).toEqual(["c2", "c1"]);
      expect(await listOutbox(store, rt.ws, { status: "dead", customerId: "c1" })).toHaveLength(1);
      expect(await listOutbox(store, rt.ws, { status: "dead", channel: "email" })).toEqual([]);
      expect(await listOutbox(store, rt.ws, { before: dead[0]!.seq })).toEqual([dead[1]]);
      rt.clock.advance(60_000);
      const retried = await retryOutbox(store, rt.ws, dead[1]!.seq, rt.clock.now());
      expect(retried).toMatchObject({
        customerId: "c1",
        status: "pending",
        attempts: 0,
        nextAttemptAt: rt.clock.now(),
      });
      await expect(retryOutbox(store, rt.ws, dead[1]!.seq, rt.clock.now())).rejects.toMatchObject({
        code: "invalid_state",
      });
      const other = await rt.overture.workspaces.create("Other");
      await expect(retryOutbox(store, other.workspaceId, dead[0]!.seq, rt.clock.now())).rejects.toMatchObject({
        code: "not_found",
      });
      // Retried for real: refused again, dead again after one attempt.
      expect(await rt.overture.dispatcher.runOnce()).toBe(1);
      expect((await listOutbox(store, rt.ws, { customerId: "c1" }))[0]).toMatchObject({ status: "dead", attempts: 1 });
      // One message's rounds (issue 15, deliveries screen): dead, re-driven, dead again; each with its error.
      const detail = await getOutboxEntry(store, rt.ws, dead[1]!.seq);
      expect(detail.rounds.map((r) => r.status)).toEqual(["dead", "dead"]);
      expect(detail.rounds[0]?.detail).toContain("169.254.169.254");
      expect(await listOutbox(store, rt.ws, { journeyId: "nope" })).toEqual([]);
      expect(await listOutbox(store, rt.ws, { journeyId: detail.journeyId })).toHaveLength(2);
      await expect(getOutboxEntry(store, other.workspaceId, dead[1]!.seq)).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
