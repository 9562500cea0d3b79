import { type Mailbox, mailboxListPage, mailboxMessagePage, mailboxNotFoundPage } from "@overture/channels";
import type { Hono } from "hono";
import { z } from "zod";
import { defineRoute, type RouteDef } from "../route.ts";

/**
 * The development mailbox and the address of the SMTP server that fills it; `workspaceId` limits the keyless pages to
 * that workspace's mail (the demo workspace's).
 */
export type MailboxAppOptions = { mailbox: Mailbox; smtpUrl?: string; workspaceId?: string };

const MessagesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

/** GET /v1/mailbox/messages: what the development SMTP server received for the workspace, newest first. */
export function mailboxRoutes(options: MailboxAppOptions): RouteDef[] {
  return [
    defineRoute({
      method: "get",
      path: "/v1/mailbox/messages",
      operationId: "listMailbox",
      summary: "Messages received by the development SMTP server (npm start), newest first",
      tag: "Email",
      auth: "secret",
      query: MessagesQuery,
      success: {
        status: 200,
        description: "The latest messages sent by this workspace: envelope, subject, headers, HTML and text.",
      },
      handle: async ({ workspaceId, query }) => ({
        messages: options.mailbox.list({ limit: query.limit, workspaceId }),
      }),
    }),
  ];
}

/**
 * The mailbox pages at /mailbox: a demo tool, served without a key (only on this machine's names: see demo-guard.ts),
 * showing one workspace's mail when `workspaceId` is given. Each message's HTML part is served
 * on its own address with a sandboxing Content-Security-Policy and shown in a sandboxed frame.
 */
export function mountMailbox(app: Hono, options: MailboxAppOptions): void {
  const page = (body: string, status: 200 | 404 = 200) =>
    new Response(body, {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  const { workspaceId } = options;
  const find = (id: string) => {
    const message = options.mailbox.get(id);
    return message && (workspaceId === undefined || message.workspaceId === workspaceId) ? message : null;
  };
  app.get("/mailbox", () =>
    page(mailboxListPage(options.mailbox.list({ limit: 500, workspaceId }), { smtpUrl: options.smtpUrl })),
  );
  app.get("/mailbox/:id", (c) => {
    const message = find(c.req.param("id"));
    return message ? page(mailboxMessagePage(message)) : page(mailboxNotFoundPage(), 404);
  });
  app.get("/mailbox/:id/html", (c) => {
    const message = find(c.req.param("id"));
    if (!message) return page(mailboxNotFoundPage(), 404);
    return new Response(message.html, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy":
          "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline' *; font-src *; frame-ancestors 'self'",
      },
    });
  });
}
