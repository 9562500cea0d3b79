import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelDeps, ChannelRouteInput } from "../src/channel-module.ts";
import { type DevPushService, startDevPushService } from "../src/push/dev-push-service.ts";
import { createPushChannel } from "../src/push/push-channel.ts";
import { pushModule } from "../src/push/push-module.ts";
import { pushSubscriptions } from "../src/push/push-subscriptions.ts";
import { openPushRuntime, pushDelivery } from "./push-harness.ts";
import { type ChannelRuntime, storeTargets } from "./webhook-harness.ts";

const { targets, dropAll } = await storeTargets("the push channel");
afterAll(dropAll);

const step = {
  title: "Hi {{ customer.firstName }}",
  body: "Your {{ event.properties.plan }} plan is ready",
  url: "https://app.example/welcome?c={{ customer.id }}",
};

/** The web push channel end to end against the dev push service on 127.0.0.1 (issue 17). */
for (const target of targets) {
  describe.skipIf(target.skip)(`push channel on ${target.name}`, () => {
    let rt: ChannelRuntime;
    let deps: ChannelDeps;
    let service: DevPushService;
    beforeEach(async () => {
      ({ rt, deps } = await openPushRuntime(target.url ? await target.url() : undefined));
      service = await startDevPushService();
      await rt.overture.store.upsertCustomers(rt.ws, [{ id: "ada", attributes: { firstName: "Ada" } }], rt.clock.now());
    });
    afterEach(async () => {
      await service.close();
      await rt.cleanup();
    });

    /** Subscribes `customerId` through the module's own route, as the portal's page does. */
    const subscribe = async (customerId: string, body: unknown) => {
      const route = pushModule.routes!.find((r) => r.method === "post")!;
      return route.handle(routeInput(deps, rt.ws, customerId, body));
    };

    it("sends the rendered message to each of the customer's browsers, signed with the workspace's key", async () => {
      const one = service.createSubscription();
      const two = service.createSubscription();
      await subscribe("ada", one);
      await subscribe("ada", two);
      const detail = await createPushChannel(deps).deliver(await pushDelivery(rt, step, "ada"));
      expect(detail).toEqual({
        status: "sent",
        detail: { title: "Hi Ada", sent: [expect.any(String), expect.any(String)], removed: [], failed: [] },
      });
      for (const s of [one, two])
        expect(service.messages(s.id)).toEqual([
          expect.objectContaining({
            title: "Hi Ada",
            body: "Your pro plan is ready",
            url: "https://app.example/welcome?c=ada",
            urgency: "normal",
            ttl: 86_400,
            topic: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
          }),
        ]);
    });

    it("removes a subscription the push service says is gone (410) and still sends to the others", async () => {
      const kept = service.createSubscription();
      const gone = service.createSubscription();
      await subscribe("ada", kept);
      await subscribe("ada", gone);
      service.deleteSubscription(gone.id);
      const detail = await createPushChannel(deps).deliver(await pushDelivery(rt, step, "ada"));
      expect(detail).toMatchObject({
        status: "sent",
        detail: { sent: [expect.any(String)], removed: [expect.any(String)] },
      });
      const left = await pushSubscriptions(rt.overture.store.sql).list(rt.ws, "ada");
      expect(left.map((s) => s.endpoint)).toEqual([kept.endpoint]);
      expect(service.messages(kept.id)).toHaveLength(1);
    });

    it("retries on 429 with the push service's Retry-After, then sends once it accepts", async () => {
      const only = service.createSubscription();
      await subscribe("ada", only);
      service.failNext(only.id, { status: 429, retryAfter: "30" }, { status: 503 });
      const channel = createPushChannel(deps);
      const delivery = await pushDelivery(rt, step, "ada");
      await expect(channel.deliver(delivery)).rejects.toMatchObject({
        name: "TransientError",
        code: "push_service_unavailable",
        retryAfterMs: 30_000,
      });
      await expect(channel.deliver({ ...delivery, attempt: 2 })).rejects.toMatchObject({
        name: "TransientError",
        retryAfterMs: undefined,
      });
      await channel.deliver({ ...delivery, attempt: 3 });
      expect(service.messages(only.id).map((m) => m.title)).toEqual(["Hi Ada"]);
      expect(await pushSubscriptions(rt.overture.store.sql).list(rt.ws, "ada")).toHaveLength(1);
    });

    it("dead-letters another refusal (4xx), and skips a customer without subscriptions or with only expired ones", async () => {
      const refused = service.createSubscription();
      await subscribe("ada", refused);
      service.failNext(refused.id, { status: 400 });
      const channel = createPushChannel(deps);
      await expect(channel.deliver(await pushDelivery(rt, step, "ada"))).rejects.toMatchObject({
        name: "PermanentError",
        code: "push_refused",
      });
      // No subscription is an expected outcome, not an error.
      expect(await channel.deliver(await pushDelivery(rt, step, "bob", "k2"))).toMatchObject({
        status: "skipped",
        code: "no_subscription",
      });
      service.deleteSubscription(refused.id);
      expect(await channel.deliver(await pushDelivery(rt, step, "ada", "k3"))).toMatchObject({
        status: "skipped",
        code: "no_subscription",
        reason: expect.stringMatching(/1 removed/),
      });
    });

    it("dead-letters a template that does not render, naming the step and field", async () => {
      await subscribe("ada", service.createSubscription());
      const broken = { ...step, body: "{{ customer.plan }}" };
      await expect(createPushChannel(deps).deliver(await pushDelivery(rt, broken, "ada"))).rejects.toMatchObject({
        name: "PermanentError",
        code: "template_error",
        message: expect.stringMatching(/push step 'ping' body/),
      });
    });

    it("generates the workspace's VAPID keys once, serves the public key, and stores the private key sealed", async () => {
      const route = pushModule.routes!.find((r) => r.path === "/v1/channels/push/public-key")!;
      const first = (await route.handle(routeInput(deps, rt.ws, "ada", undefined))) as { publicKey: string };
      expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
      expect(await route.handle(routeInput(deps, rt.ws, "ada", undefined))).toEqual(first);
      const other = (await rt.overture.workspaces.create("Other")).workspaceId;
      expect(await route.handle(routeInput(deps, other, "ada", undefined))).not.toEqual(first);
      // A subscription restricted to that key (as PushManager.subscribe makes it) accepts the channel's pushes.
      const restricted = service.createSubscription({ applicationServerKey: first.publicKey });
      await subscribe("ada", restricted);
      await createPushChannel(deps).deliver(await pushDelivery(rt, step, "ada"));
      expect(service.messages(restricted.id)).toHaveLength(1);
      const rows = await rt.overture.store.sql.all<{ public_key: string; private_key: string }>(
        "SELECT public_key, private_key FROM push_vapid_keys WHERE workspace_id = ?",
        [rt.ws],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.public_key).toBe(first.publicKey);
      expect(rows[0]!.private_key).toMatch(/^enc:v1:/);
      const opened = deps.secrets.open(rows[0]!.private_key, `push_vapid_keys/${rt.ws}/private_key`);
      expect(opened).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(rows[0]!.private_key).not.toContain(opened);
    });

    it("refuses a bad subscription body with a 400 naming each field; a customer unsubscribes only their own", async () => {
      const bad = subscribe("ada", { endpoint: "http://10.0.0.1/push", keys: { p256dh: "not base64!", auth: 5 } });
      await expect(bad).rejects.toMatchObject({
        code: "invalid_input",
        problems: [
          { path: "endpoint", message: expect.stringMatching(/https/) },
          { path: "keys.p256dh", message: expect.stringMatching(/base64url/) },
          { path: "keys.auth", message: expect.stringMatching(/base64url/) },
        ],
      });
      await expect(subscribe("ada", "nope")).rejects.toMatchObject({ problems: [{ path: "body" }] });
      const mine = service.createSubscription();
      await subscribe("ada", mine);
      const remove = pushModule.routes!.find((r) => r.method === "delete")!;
      expect(await remove.handle(routeInput(deps, rt.ws, "bob", { endpoint: mine.endpoint }))).toEqual({
        endpoint: mine.endpoint,
        removed: false,
      });
      expect(await remove.handle(routeInput(deps, rt.ws, "ada", { endpoint: mine.endpoint }))).toEqual({
        endpoint: mine.endpoint,
        removed: true,
      });
      expect(await pushSubscriptions(rt.overture.store.sql).list(rt.ws, "ada")).toEqual([]);
    });
  });
}

function routeInput(deps: ChannelDeps, workspaceId: string, customerId: string, body: unknown): ChannelRouteInput {
  return {
    deps,
    workspaceId,
    customerId,
    body,
    params: {},
    query: {},
    headers: new Headers(),
    url: "http://127.0.0.1/v1/channels/push/subscriptions",
  };
}
