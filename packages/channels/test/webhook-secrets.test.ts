import { createSecretBox } from "@overture/runtime";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { deleteWebhookEndpoint } from "../src/webhook/delete-webhook-endpoint.ts";
import { listOutbox } from "../src/webhook/outbox-admin.ts";
import { resealWebhookSecrets } from "../src/webhook/reseal-webhook-secrets.ts";
import { verifyWebhookSignature } from "../src/webhook/signature.ts";
import { createWebhookChannel } from "../src/webhook/webhook-channel.ts";
import { getWebhookEndpoint, listWebhookEndpoints, putWebhookEndpoint } from "../src/webhook/webhook-endpoints.ts";
import { useWebhookSecretBox } from "../src/webhook/webhook-secret-key.ts";
import { rotateWorkspaceSigningSecret, workspaceSigningSecret } from "../src/webhook/workspace-signing-secret.ts";
import {
  type ChannelRuntime,
  openChannelRuntime,
  startReceiver,
  storeTargets,
  TEST_SERVER_SECRET,
} from "./webhook-harness.ts";

// Issue 12, finding 10: endpoint secrets and headers (auth tokens) were kept and listed in clear, and steps naming a
// URL were sent unsigned.
const { targets, dropAll } = await storeTargets("webhook secrets at rest");
afterAll(dropAll);

const SECRET = "whsec_endpoint_secret_0123456789";
const TOKEN = "Bearer tok_live_abcdefghijklmnop";

for (const target of targets) {
  describe.skipIf(target.skip)(`webhook secrets at rest on ${target.name}`, () => {
    let rt: ChannelRuntime;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    beforeEach(async () => {
      rt = await openChannelRuntime({ databaseUrl: target.url ? await target.url() : undefined });
      receiver = await startReceiver();
      rt.overture.dispatcher.register(
        createWebhookChannel({ store: rt.overture.store, clock: rt.clock, allow: "127.0.0.1" }),
      );
    });
    afterEach(async () => {
      await receiver.close();
      await rt.cleanup();
    });
    const rawRows = () => rt.overture.store.sql.all("SELECT * FROM webhook_endpoints");

    it("keeps no secret or header value in clear; lists them masked; still sends the real header, signed with the real secret", async () => {
      const store = rt.overture.store;
      await putWebhookEndpoint(
        store,
        rt.ws,
        {
          name: "crm",
          url: `${receiver.url}/crm`,
          secret: SECRET,
          headers: { Authorization: TOKEN, "X-Short": "abc" },
        },
        rt.clock.now(),
      );
      const raw = JSON.stringify(await rawRows());
      expect(raw).not.toContain(SECRET);
      expect(raw).not.toContain("tok_live");
      expect(raw).not.toContain('"abc"');
      expect(raw).toContain("Authorization");
      expect(await listWebhookEndpoints(store, rt.ws)).toEqual([
        expect.objectContaining({ name: "crm", headers: { Authorization: "••••mnop", "X-Short": "••••" } }),
      ]);
      expect(JSON.stringify(await listWebhookEndpoints(store, rt.ws))).not.toContain(SECRET);

      await rt.publish("Hook", "go", [{ id: "hook", type: "webhook", endpoint: "crm" }]);
      await rt.send("c1", "go");
      expect(await rt.overture.dispatcher.runOnce()).toBe(1);
      const [call] = receiver.received;
      expect(call!.headers.authorization).toBe(TOKEN);
      expect(call!.headers["x-short"]).toBe("abc");
      const signature = String(call!.headers["x-overture-signature"]);
      const timestamp = String(call!.headers["x-overture-timestamp"]);
      expect(
        verifyWebhookSignature({ secret: SECRET, timestamp, body: call!.body, signature, now: Number(timestamp) }),
      ).toBe(true);
    });

    it("keeps a header sent back masked, as the list showed it", async () => {
      const store = rt.overture.store;
      await putWebhookEndpoint(
        store,
        rt.ws,
        { name: "crm", url: "https://crm.example.com/h", headers: { Authorization: TOKEN } },
        rt.clock.now(),
      );
      const [listed] = await listWebhookEndpoints(store, rt.ws);
      await putWebhookEndpoint(
        store,
        rt.ws,
        { name: "crm", url: "https://crm.example.com/v2", headers: listed!.headers },
        rt.clock.now(),
      );
      expect((await getWebhookEndpoint(store, rt.ws, "crm"))?.headers).toEqual({ Authorization: TOKEN });
    });

    it("seals rows written in clear before encryption on start, and again after OVERTURE_SECRET rotates", async () => {
      const store = rt.overture.store;
      await store.sql.run(
        "INSERT INTO webhook_endpoints (workspace_id, name, url, secret, timeout_ms, headers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [rt.ws, "legacy", `${receiver.url}/legacy`, SECRET, null, JSON.stringify({ Authorization: TOKEN }), 1, 1],
      );
      expect(await resealWebhookSecrets(store)).toEqual({ resealed: 1, unreadable: [] });
      expect(JSON.stringify(await rawRows())).not.toContain(SECRET);
      expect(JSON.stringify(await rawRows())).not.toContain("tok_live");
      expect(await resealWebhookSecrets(store)).toEqual({ resealed: 0, unreadable: [] });
      const sealedBefore = JSON.stringify(await rawRows());

      // A new server secret without the old one cannot read them; with OVERTURE_SECRET_PREVIOUS it seals them again.
      useWebhookSecretBox(store, createSecretBox("a new server secret"));
      expect(await resealWebhookSecrets(store)).toEqual({ resealed: 0, unreadable: [`${rt.ws}/legacy`] });
      await expect(getWebhookEndpoint(store, rt.ws, "legacy")).rejects.toThrow(/OVERTURE_SECRET_PREVIOUS/);
      useWebhookSecretBox(store, createSecretBox("a new server secret", [TEST_SERVER_SECRET]));
      expect(await resealWebhookSecrets(store)).toEqual({ resealed: 1, unreadable: [] });
      expect(JSON.stringify(await rawRows())).not.toBe(sealedBefore);
      useWebhookSecretBox(store, createSecretBox("a new server secret"));
      expect(await getWebhookEndpoint(store, rt.ws, "legacy")).toMatchObject({
        secret: SECRET,
        headers: { Authorization: TOKEN },
      });

      await rt.publish("Legacy", "go", [{ id: "hook", type: "webhook", endpoint: "legacy" }]);
      await rt.send("c1", "go");
      await rt.overture.dispatcher.runOnce();
      const [call] = receiver.received;
      expect(call!.headers.authorization).toBe(TOKEN);
      const timestamp = String(call!.headers["x-overture-timestamp"]);
      expect(
        verifyWebhookSignature({
          secret: SECRET,
          timestamp,
          body: call!.body,
          signature: String(call!.headers["x-overture-signature"]),
          now: Number(timestamp),
        }),
      ).toBe(true);
    });

    it("signs a step naming a URL with the workspace's signing secret, kept sealed, created once, rotatable", async () => {
      await rt.publish("Raw", "go", [{ id: "hook", type: "webhook", endpoint: `${receiver.url}/raw` }]);
      await rt.send("c1", "go");
      expect(await rt.overture.dispatcher.runOnce()).toBe(1);
      const [call] = receiver.received;
      const signature = String(call!.headers["x-overture-signature"]);
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      const { secret } = await workspaceSigningSecret(rt.overture.store, rt.ws, rt.clock.now());
      const timestamp = String(call!.headers["x-overture-timestamp"]);
      expect(verifyWebhookSignature({ secret, timestamp, body: call!.body, signature, now: Number(timestamp) })).toBe(
        true,
      );
      expect(JSON.stringify(await rt.overture.store.sql.all("SELECT * FROM webhook_signing_secrets"))).not.toContain(
        secret,
      );
      expect((await workspaceSigningSecret(rt.overture.store, rt.ws, rt.clock.now())).secret).toBe(secret);

      const other = await rt.overture.workspaces.create("Other");
      expect((await workspaceSigningSecret(rt.overture.store, other.workspaceId, rt.clock.now())).secret).not.toBe(
        secret,
      );
      const rotated = await rotateWorkspaceSigningSecret(rt.overture.store, rt.ws, rt.clock.now());
      expect(rotated.secret).not.toBe(secret);
      await rt.send("c2", "go");
      await rt.overture.dispatcher.runOnce();
      const second = receiver.received[1]!;
      const at = String(second.headers["x-overture-timestamp"]);
      const check = (s: string) =>
        verifyWebhookSignature({
          secret: s,
          timestamp: at,
          body: second.body,
          signature: String(second.headers["x-overture-signature"]),
          now: Number(at),
        });
      expect([check(rotated.secret), check(secret)]).toEqual([true, false]);
      expect((await listOutbox(rt.overture.store, rt.ws, { channel: "webhook" })).map((r) => r.status)).toEqual([
        "sent",
        "sent",
      ]);
    });

    it("deletes an endpoint no active journey calls; refuses one that is called, naming the journey and step", async () => {
      const store = rt.overture.store;
      await putWebhookEndpoint(store, rt.ws, { name: "crm", url: "https://crm.example.com/h" }, rt.clock.now());
      await putWebhookEndpoint(store, rt.ws, { name: "spare", url: "https://spare.example.com/h" }, rt.clock.now());
      await rt.publish("Uses crm", "go", [{ id: "notify-crm", type: "webhook", endpoint: "crm" }]);
      await expect(deleteWebhookEndpoint(store, rt.ws, "crm")).rejects.toMatchObject({
        code: "endpoint_in_use",
        message: expect.stringContaining("'Uses crm'"),
        problems: [expect.objectContaining({ code: "endpoint_in_use", stepId: "notify-crm" })],
      });
      await expect(deleteWebhookEndpoint(store, rt.ws, "nope")).rejects.toMatchObject({ code: "not_found" });
      await deleteWebhookEndpoint(store, rt.ws, "spare");
      expect((await listWebhookEndpoints(store, rt.ws)).map((e) => e.name)).toEqual(["crm"]);
    });
  });
}
