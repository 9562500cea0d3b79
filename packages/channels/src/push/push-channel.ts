import { createHash } from "node:crypto";
import type { Json } from "@overture/core";
import {
  type ChannelHandler,
  type Delivery,
  type DeliveryOutcome,
  deliveryLoads,
  PermanentError,
  TransientError,
} from "@overture/runtime";
import type { ChannelDeps } from "../channel-module.ts";
import { type AllowList, parseAllowList } from "../webhook/address-policy.ts";
import { findPushStep, pushScope, renderPushMessage } from "./push-render.ts";
import { sendPushMessage } from "./push-send.ts";
import { pushSubscriptions } from "./push-subscriptions.ts";
import { vapidSubject, workspaceVapidKeys } from "./vapid-keys.ts";

/** What the push channel needs: the ChannelDeps its module is given. */
export type PushChannelDeps = Pick<ChannelDeps, "store" | "clock" | "secrets" | "env" | "devSinks">;

/**
 * The "push" channel: renders the step's title, body and url for the customer and sends them, encrypted, to each
 * browser the customer enabled notifications in. A subscription the push service says is gone (404, 410) is
 * removed. Sent when at least one browser got it (a retry would show it twice on the others); otherwise retried
 * when a push service was busy or down, dead-lettered when refused, and skipped (`no_subscription`) when the
 * customer has no browser left to send to.
 */
export function createPushChannel(deps: PushChannelDeps): ChannelHandler {
  const subscriptions = pushSubscriptions(deps.store.sql);
  const subject = vapidSubject(deps.env);
  return {
    channel: "push",
    async deliver(d: Delivery): Promise<DeliveryOutcome> {
      // The published step, or the one a test send gives as it is on screen.
      const given = isObject(d.payload.step) ? { steps: [{ ...d.payload.step, id: d.stepId, type: "push" }] } : null;
      const version = given ? null : await deliveryLoads(deps.store).version(d.workspaceId, d.journeyId, d.version);
      const step = findPushStep(given ?? version?.document, d.stepId);
      if (!step)
        throw new PermanentError(
          "push_step_missing",
          `push_step_missing: ${d.journeyId} v${d.version} has no push step ${d.stepId}`,
        );
      const targets = await subscriptions.list(d.workspaceId, d.customerId);
      if (targets.length === 0) return noSubscription(d.customerId, "has not enabled browser notifications");
      const customer = await deliveryLoads(deps.store).customer(d.workspaceId, d.customerId);
      const context = isObject(d.payload.context) ? d.payload.context : {};
      const message = await renderPushMessage(
        step,
        pushScope(
          context,
          { id: d.customerId, attributes: customer?.attributes ?? {} },
          { id: d.journeyId, version: d.version, stepId: d.stepId },
        ),
      );
      const keys = await workspaceVapidKeys(deps.store.sql, deps.secrets, d.workspaceId, deps.clock.now());
      const options = {
        keys,
        subject,
        allow: allowList(deps),
        now: deps.clock.now(),
        // A retried delivery replaces its own copy still waiting at the push service instead of adding a second.
        topic: createHash("sha256").update(d.key).digest("base64url").slice(0, 32),
      };
      const sent: string[] = [];
      const removed: string[] = [];
      const failures: Error[] = [];
      for (const target of targets) {
        const host = new URL(target.endpoint).host;
        try {
          const outcome = await sendPushMessage(target, message, options);
          if (outcome.type === "sent") sent.push(host);
          else {
            await subscriptions.remove(d.workspaceId, target.endpoint);
            removed.push(host);
          }
        } catch (error) {
          if (!(error instanceof TransientError || error instanceof PermanentError)) throw error;
          failures.push(error);
        }
      }
      if (sent.length > 0)
        return {
          status: "sent",
          detail: { title: message.title, sent, removed, failed: failures.map((f) => f.message) },
        };
      const transient = failures.filter((f): f is TransientError => f instanceof TransientError);
      if (transient.length > 0) {
        const waits = transient.map((t) => t.retryAfterMs ?? 0);
        const wait = Math.max(...waits);
        throw new TransientError(transient[0]!.code, transient.map((t) => t.message).join("; "), wait || undefined);
      }
      if (failures[0]) throw failures[0];
      return noSubscription(d.customerId, `had only expired subscriptions (${removed.length} removed)`);
    },
  };
}

function noSubscription(customerId: string, why: string): DeliveryOutcome {
  return { status: "skipped", code: "no_subscription", reason: `no_subscription: customer ${customerId} ${why}` };
}

/**
 * Where pushes may go: public addresses, `PUSH_ALLOW` (hosts, IPs, CIDR ranges, as OVERTURE_WEBHOOK_ALLOW) and the
 * dev push service when `npm start` runs one.
 */
function allowList(deps: Pick<ChannelDeps, "env" | "devSinks">): AllowList {
  const entries = (deps.env.PUSH_ALLOW ?? "").split(",");
  const dev = deps.devSinks.get("push");
  if (dev) entries.push(new URL(dev.url).hostname);
  return parseAllowList(entries);
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
