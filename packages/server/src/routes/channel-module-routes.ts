import { PERMISSIONS, type Permission } from "@overture/api-contract";
import { type ChannelModule, type ChannelRoute, type ChannelsSetup, channelModule } from "@overture/channels";
import { InputError } from "@overture/runtime";
import type { Hono } from "hono";
import { z } from "zod";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";
import { headerCustomer } from "./portal-routes.ts";

/** The channel modules wired by `serve`: their routes, previews, test sends and dev sink pages are served here. */
export type ChannelsAppOptions = Pick<ChannelsSetup, "modules" | "deps" | "sinks">;

/**
 * Every route the channel modules declare, plus a preview and a test send for each module that has them, served and
 * documented like the server's own. The server knows no channel by name: a new module's routes appear here.
 */
export function channelModuleRoutes(options: ChannelsAppOptions): RouteDef[] {
  const declared = options.modules.flatMap((m) => (m.routes ?? []).map((r) => fromChannelRoute(r, options)));
  return [...declared, previewRoute(options), testSendRoute(options)];
}

/** Mounts each dev sink's pages (the SMS inbox, the push service's received messages) at its path. */
export function mountDevSinkPages(app: Hono, options: ChannelsAppOptions): void {
  for (const sink of options.sinks) {
    const page = sink.page;
    if (!page) continue;
    const handle = (c: { req: { raw: Request } }) => page.handle(c.req.raw);
    app.all(page.path, handle);
    app.all(`${page.path}/*`, handle);
  }
}

function fromChannelRoute(route: ChannelRoute, options: ChannelsAppOptions): RouteDef {
  return defineRoute({
    method: route.method,
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tag: "Channels",
    auth: route.auth === "customer" ? "write" : route.auth,
    customer: route.auth === "customer",
    permission: channelRoutePermission(route),
    body: route.form ? undefined : route.body,
    bodyDoc: route.form ? route.body : undefined,
    success: route.success,
    errors: route.errors,
    handle: async ({ overture, workspaceId, body, params, c }) => {
      const customerId = route.auth === "customer" ? await headerCustomer(overture, workspaceId, c) : undefined;
      let input: unknown = body;
      if (route.form) {
        const form = await c.req.parseBody();
        const fields = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string"));
        input = route.body ? parseWith(route.body, fields, "form body") : fields;
      }
      return route.handle({
        deps: options.deps,
        workspaceId: workspaceId || (params.workspaceId ?? ""),
        customerId,
        body: input,
        params,
        query: c.req.query(),
        headers: c.req.raw.headers,
        url: c.req.url,
      });
    },
  });
}

/** A module route's permission: the one it declares, else one derived from its `auth` (see `ChannelRoute.permission`). */
function channelRoutePermission(route: ChannelRoute): Permission | "public" {
  if (route.permission) {
    if (!(route.permission in PERMISSIONS))
      throw new Error(`route ${route.operationId}: no permission ${route.permission}`);
    return route.permission as Permission;
  }
  if (route.auth === "none") return "public";
  if (route.auth === "customer") return "portal.customer";
  if (route.auth === "write") return "events.ingest";
  return route.method === "get" ? "workspace.read" : "settings.manage";
}

const StepRequest = z.object({
  /** The step as the editor has it (its own fields are checked by the channel's schema). */
  step: z.record(z.string(), z.unknown()),
  /** A customer to preview or send for; without one the preview uses a sample customer. */
  customerId: z.string().min(1).max(256).optional(),
});

/** The module of a step type named in the path, or a 404 that lists the channels there are. */
function moduleOf(options: ChannelsAppOptions, type: string): ChannelModule {
  const module = options.modules.find((m) => m.ui.spec.type === type) ?? channelModule(type);
  if (!module || !options.modules.includes(module)) {
    const known = options.modules.map((m) => m.ui.spec.type).join(", ");
    throw new InputError("not_found", `No channel has the step type '${type}'; channels: ${known}.`, [
      { path: "params.type", code: "not_found", message: `use one of: ${known}` },
    ]);
  }
  return module;
}

async function customerAttributes(overture: OvertureApi, workspaceId: string, customerId: string | undefined) {
  if (customerId === undefined) return { firstName: "Alex", email: "alex@example.com", phone: "+15555550100" };
  const customer = await overture.customers.get(workspaceId, customerId);
  if (!customer)
    throw new InputError("not_found", `No customer '${customerId}' in this workspace.`, [
      { path: "body.customerId", code: "not_found", message: "no such customer" },
    ]);
  return customer.attributes;
}

function previewRoute(options: ChannelsAppOptions): RouteDef {
  return defineRoute({
    method: "post",
    path: "/v1/channels/:type/preview",
    operationId: "previewChannelStep",
    summary: "Preview a channel step for a customer",
    description:
      "Renders the step as its channel would send it (SMS text with its segments, a push card…), for a customer or a sample one.",
    tag: "Channels",
    auth: "secret",
    body: StepRequest,
    success: { status: 200, description: "What the customer would get." },
    errors: [404, 409],
    handle: async ({ overture, workspaceId, body, params }) => {
      const module = moduleOf(options, params.type ?? "");
      if (!module.preview)
        throw new InputError("invalid_state", `${module.ui.spec.label} steps have no preview here.`, [
          { path: "params.type", code: "invalid_state", message: "no preview for this channel" },
        ]);
      const customer = await customerAttributes(overture, workspaceId, body.customerId);
      return module.preview({ workspaceId, step: body.step, customer }, options.deps);
    },
  });
}

function testSendRoute(options: ChannelsAppOptions): RouteDef {
  return defineRoute({
    method: "post",
    path: "/v1/channels/:type/test-send",
    operationId: "testSendChannelStep",
    summary: "Send a channel step to one customer now, as a test",
    description:
      "Sends the step through its channel's provider at once, outside any journey and past the delivery policy (a test send is asked for by a person). The customer must exist.",
    tag: "Channels",
    auth: "secret",
    body: StepRequest.extend({ customerId: z.string().min(1).max(256) }),
    success: { status: 200, description: "What the channel recorded for the send." },
    errors: [404, 409],
    handle: async ({ overture, workspaceId, body, params }) => {
      const module = moduleOf(options, params.type ?? "");
      await customerAttributes(overture, workspaceId, body.customerId);
      const handler = await module.handler?.(options.deps);
      if (!handler)
        throw new InputError(
          "invalid_state",
          `${module.ui.spec.label} is not configured: set its provider settings first.`,
          [{ path: "params.type", code: "invalid_state", message: "not configured" }],
        );
      const step = parseWith(
        z.object(module.ui.spec.fields).loose(),
        body.step,
        `the ${module.ui.spec.label} step`,
      ) as Record<string, unknown>;
      const payload = module.ui.spec.payload(
        { id: "test-send", type: module.ui.spec.type, next: null, ...step },
        { context: {}, now: overture.clock.now() },
      );
      const detail = await handler.deliver({
        key: `test-send:${crypto.randomUUID()}`,
        workspaceId,
        customerId: body.customerId,
        channel: module.ui.spec.channel,
        journeyId: "test-send",
        version: 0,
        stepId: "test-send",
        payload: { ...payload, step: step as never },
        attempt: 1,
      });
      return { sent: true, detail: detail ?? null };
    },
  });
}
