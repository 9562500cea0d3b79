import {
  type EmailService,
  type EmailTracking,
  invalidLinkPage,
  unsubscribeConfirmPage,
  unsubscribedPage,
} from "@overture/channels";
import type { Hono } from "hono";
import { z } from "zod";
import { defineRoute, type RouteDef } from "../route.ts";

/** What the email routes call: previews and test sends, and the tracked links of sent emails. */
export type EmailAppOptions = { service: EmailService; tracking: EmailTracking };

const tag = "Email";

const TemplateInput = z.object({
  subject: z.string().max(500),
  preheader: z.string().max(500).optional(),
  body: z.string().max(500_000),
  customerId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("Render with this customer's profile; sample data when omitted."),
});
const TestSendInput = TemplateInput.extend({
  to: z.email().describe("Any address: the test is sent there through the configured SMTP server."),
});

const EmailProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.enum(["subject", "preheader", "body"]),
  line: z.number().int(),
  column: z.number().int(),
});
const PreviewSchema = z.object({
  subject: z.string(),
  preheader: z.string(),
  html: z.string(),
  text: z.string(),
  problems: z.array(EmailProblemSchema),
});

/** POST /v1/email/preview and /v1/email/test-send. */
export function emailRoutes(email: EmailAppOptions): RouteDef[] {
  return [
    defineRoute({
      method: "post",
      path: "/v1/email/preview",
      operationId: "previewEmail",
      summary: "Render a template (MJML + Liquid) for a customer or sample data",
      description:
        "Problems (bad Liquid, bad MJML, a variable the customer lacks) come back with field, line and column instead of html.",
      tag,
      auth: "secret",
      body: TemplateInput,
      success: {
        status: 200,
        description: "The rendered subject, preheader, HTML and text, and every problem.",
        schema: PreviewSchema,
      },
      errors: [404],
      handle: ({ workspaceId, body }) => email.service.preview(workspaceId, body),
    }),
    defineRoute({
      method: "post",
      path: "/v1/email/test-send",
      operationId: "testSendEmail",
      summary: "Render a template and send it to any address",
      tag,
      auth: "secret",
      body: TestSendInput,
      success: {
        status: 200,
        description: "Sent: the address, the subject and the Message-ID.",
        schema: z.object({ to: z.string(), subject: z.string(), messageId: z.string() }),
      },
      errors: [404, 422, 503],
      handle: ({ workspaceId, body }) => email.service.testSend(workspaceId, body),
    }),
  ];
}

const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/**
 * The links inside sent emails, answered without an API key (their signature is the authorisation): the unsubscribe
 * page (GET asks, POST unsubscribes, also as RFC 8058 one-click), the open pixel and the click redirect.
 */
export function mountEmailLinks(app: Hono, email: EmailAppOptions): void {
  const html = (body: string, status: 200 | 404 = 200) =>
    new Response(body, {
      status,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
      },
    });
  app.get("/u/:token", async (c) => {
    const target = await email.tracking.unsubscribeTarget(c.req.param("token"));
    return target ? html(unsubscribeConfirmPage(target.email, target.unsubscribed)) : html(invalidLinkPage(), 404);
  });
  app.post("/u/:token", async (c) => {
    const token = c.req.param("token");
    const target = await email.tracking.unsubscribeTarget(token);
    if (!target) return html(invalidLinkPage(), 404);
    await email.tracking.unsubscribe(token);
    return html(unsubscribedPage(target.email));
  });
  app.get("/o/:file", async (c) => {
    const token = c.req.param("file").replace(/\.gif$/, "");
    await email.tracking.open(token);
    return new Response(PIXEL, { headers: { "content-type": "image/gif", "cache-control": "no-store, max-age=0" } });
  });
  app.get("/c/:token", async (c) => {
    const target = await email.tracking.click(c.req.param("token"), c.req.query("u") ?? "");
    return target ? c.redirect(target, 302) : html(invalidLinkPage(), 404);
  });
}
