import { createHash } from "node:crypto";
import type { Json } from "@overture/core";
import {
  type ChannelHandler,
  type Clock,
  type DeliveryOutcome,
  deliveryLoads,
  PermanentError,
  type Store,
} from "@overture/runtime";
import type { Template } from "liquidjs";
import { LRUCache } from "lru-cache";
import { templateLimitFailure } from "../templates/limit-failure.ts";
import { createTemplateEngine, templateRefusal } from "../templates/template-sandbox.ts";
import { type NotificationFeed, notificationFeed } from "./notification-feed.ts";
import { writeNotification } from "./notification-writer.ts";

/**
 * How notification title, body and link are rendered, and checked at publish. The house Liquid convention (as for
 * email): a printed variable without `| default:` is required; filters must exist.
 */
export const notificationLiquid = createTemplateEngine({
  strictVariables: true,
  lenientIf: true,
  strictFilters: true,
  ownPropertyOnly: true,
  cache: 500,
});

/** Parsed title, body and link templates by their text: a step's are parsed once, not once per customer. */
const parsedTemplates = new LRUCache<string, Template[]>({ max: 500 });

function parsed(source: string): Template[] {
  let templates = parsedTemplates.get(source);
  if (!templates) {
    templates = notificationLiquid.parse(source);
    parsedTemplates.set(source, templates);
  }
  return templates;
}

/** The notification id for an outbox key: the same delivery always makes the same notification. */
export function notificationId(key: string): string {
  return `ntf_${createHash("sha256").update(key).digest("base64url").slice(0, 22)}`;
}

/**
 * The "notification" channel: renders the step's title, body and link (Liquid, with `customer`, `event` — the
 * triggering event — `journey` and the journey context) and puts the notification in the customer's portal inbox.
 * A redelivery of the same outbox row stores nothing new.
 */
export function notificationChannel(
  store: Store,
  clock: Clock,
  feed: NotificationFeed = notificationFeed,
): ChannelHandler {
  return {
    channel: "notification",
    async deliver(delivery): Promise<DeliveryOutcome> {
      // Both reads coalesced with the batch's other rows; the version parsed once and kept.
      const loads = deliveryLoads(store);
      const version = await loads.version(delivery.workspaceId, delivery.journeyId, delivery.version);
      const step = version?.document.steps.find((s) => s.id === delivery.stepId);
      if (step?.type !== "notification") {
        throw new PermanentError(
          "step_not_found",
          `journey ${delivery.journeyId} v${delivery.version} has no notification step '${delivery.stepId}'`,
        );
      }
      const customer = await loads.customer(delivery.workspaceId, delivery.customerId);
      const context = (delivery.payload.context ?? {}) as Record<string, Json>;
      const scope = {
        ...context,
        customer: { ...(customer?.attributes ?? {}), id: delivery.customerId },
        event: context.trigger ?? null,
        journey: { id: delivery.journeyId, version: delivery.version, stepId: delivery.stepId },
      };
      const render = async (field: string, template: string) => {
        try {
          return (await notificationLiquid.render(parsed(template), scope)) as string;
        } catch (error) {
          const refused = templateRefusal(error);
          if (refused?.code === "template-limit")
            throw templateLimitFailure(
              refused,
              `template_limit: step '${step.id}' ${field}: ${refused.message}`,
              delivery.attempt,
            );
          throw new PermanentError(
            "template_error",
            `step '${step.id}' ${field}: ${refused?.message ?? (error instanceof Error ? error.message : String(error))}`,
          );
        }
      };
      const expiresAt = typeof delivery.payload.expiresAt === "number" ? delivery.payload.expiresAt : null;
      const { notification } = await writeNotification(
        store,
        delivery.workspaceId,
        {
          id: notificationId(delivery.key),
          customerId: delivery.customerId,
          title: await render("title", step.title),
          body: await render("body", step.body),
          link: step.link ? await render("link", step.link) : null,
          createdAt: clock.now(),
          expiresAt,
        },
        feed,
      );
      return { status: "sent", detail: { notificationId: notification.id, title: notification.title } };
    },
  };
}
