import { TemplateDeletedSchema, TemplateInput, TemplateListSchema, TemplateSchema } from "@overture/api-contract";
import {
  deleteEmailTemplate,
  getEmailTemplate,
  listEmailTemplates,
  putEmailTemplate,
  TEMPLATE_ID,
} from "@overture/channels";
import { InputError } from "@overture/runtime";
import { z } from "zod";
import { auditedChange } from "../access/audit-route.ts";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type RouteDef } from "../route.ts";
import { deliveryStore } from "./webhook-routes.ts";

const tag = "Email templates";

const TemplateId = z
  .string()
  .regex(TEMPLATE_ID, "letters, digits, '.', '_' and '-', at most 100 (e.g. welcome, onboarding.day-3)");
const templateId = (params: Record<string, string>) => parseWith(TemplateId, params.id, "template id");

/**
 * The template library (secret key): email steps name a template by `templateId` and send what it holds at send
 * time. Saving checks the template like a journey's email; deleting is refused while a published journey sends it.
 */
export const emailTemplateRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/email/templates",
    operationId: "listEmailTemplates",
    summary: "List the saved email templates (without their bodies)",
    tag,
    auth: "secret",
    success: { status: 200, description: "Every template of the workspace, by id.", schema: TemplateListSchema },
    handle: async ({ overture, workspaceId }) => ({
      templates: await listEmailTemplates(await deliveryStore(overture), workspaceId),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/email/templates/:id",
    operationId: "getEmailTemplate",
    summary: "Get a saved email template with its body",
    tag,
    auth: "secret",
    success: { status: 200, description: "The template.", schema: TemplateSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) => {
      const id = templateId(params);
      const template = await getEmailTemplate(await deliveryStore(overture), workspaceId, id);
      if (!template)
        throw new InputError("not_found", `No email template with id '${id}'`, [
          { path: "id", code: "not_found", message: id },
        ]);
      return template;
    },
  }),
  defineRoute({
    method: "put",
    path: "/v1/email/templates/:id",
    operationId: "putEmailTemplate",
    summary: "Create or replace a saved email template",
    description:
      "Checked before it is saved: bad Liquid, bad MJML or a variable no email has is refused with 422 `email_invalid`, each problem with " +
      "its field (`path`), `line` and `column`. Journeys that send it send the new content from now on.",
    tag,
    auth: "secret",
    body: TemplateInput,
    success: { status: 200, description: "The template as saved.", schema: TemplateSchema },
    errors: [422],
    handle: async ({ overture, workspaceId, params, body, c }) => {
      const store = await deliveryStore(overture);
      const id = templateId(params);
      return auditedChange(c, getEmailTemplate(store, workspaceId, id), () =>
        putEmailTemplate(store, workspaceId, id, body, overture.clock.now()),
      );
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/email/templates/:id",
    operationId: "deleteEmailTemplate",
    summary: "Delete a saved email template",
    description:
      "Refused with 409 `template_in_use`, naming each journey and step, while the current version of an active or paused journey sends it.",
    tag,
    auth: "secret",
    success: { status: 200, description: "Deleted.", schema: TemplateDeletedSchema },
    errors: [404, 409],
    handle: async ({ overture, workspaceId, params }) => {
      const id = templateId(params);
      await deleteEmailTemplate(await deliveryStore(overture), workspaceId, id);
      return { id, deleted: true };
    },
  }),
];
