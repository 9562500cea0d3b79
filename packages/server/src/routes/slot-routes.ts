import { SlotInput, SlotListSchema, SlotSchema } from "@overture/api-contract";
import { getContent, listSlots, putSlot } from "@overture/channels";
import { InputError } from "@overture/runtime";
import { z } from "zod";
import { auditedChange } from "../access/audit-route.ts";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type RouteDef } from "../route.ts";
import { portalStore } from "./portal-routes.ts";

const tag = "Slots";

const SlotName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "letters, digits, '-', '_' or '.', at most 100 (e.g. dashboard.hero)");
/** Slots: named places in a portal or site and what they show by default (secret key). */
export const slotRoutes: RouteDef[] = [
  defineRoute({
    method: "put",
    path: "/v1/slots/:name",
    operationId: "putSlot",
    summary: "Create or update a slot and its default content",
    tag,
    auth: "secret",
    body: SlotInput,
    success: { status: 200, description: "The slot as stored.", schema: SlotSchema },
    handle: async ({ overture, workspaceId, params, body, c }) => {
      const name = parseWith(SlotName, params.name, "slot name");
      const store = await portalStore(overture);
      if (body.defaultContentId !== null && !(await getContent(store, workspaceId, body.defaultContentId))) {
        throw new InputError(
          "invalid_input",
          `No content item '${body.defaultContentId}' to show by default; add it to the library first.`,
          [{ path: "defaultContentId", code: "unknown_content", message: `no content '${body.defaultContentId}'` }],
        );
      }
      const before = listSlots(store, workspaceId).then((slots) => slots.find((s) => s.name === name) ?? null);
      return auditedChange(c, before, () =>
        putSlot(
          store,
          workspaceId,
          { name, defaultContentId: body.defaultContentId, description: body.description },
          overture.clock.now(),
        ),
      );
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/slots",
    operationId: "listSlots",
    summary: "List the slots",
    tag,
    auth: "secret",
    success: { status: 200, description: "Every slot, by name.", schema: SlotListSchema },
    handle: async ({ overture, workspaceId }) => ({ slots: await listSlots(await portalStore(overture), workspaceId) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/slots/:name",
    operationId: "getSlot",
    summary: "Get one slot and its default content",
    tag,
    auth: "secret",
    success: { status: 200, description: "The slot.", schema: SlotSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) => {
      const slot = (await listSlots(await portalStore(overture), workspaceId)).find((s) => s.name === params.name);
      if (!slot)
        throw new InputError("not_found", `No slot '${params.name}' in this workspace.`, [
          { path: "name", code: "not_found", message: `no slot '${params.name}'` },
        ]);
      return slot;
    },
  }),
];
