import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type ChannelModule, type DevSink, deliveryStep } from "@overture/channels";
import { z } from "zod";
import { postcardStep } from "./postcard-step.ts";

/** The printer: a real HTTP server on loopback that keeps the postcards it is sent, with a page listing them. */
async function startPrinter(): Promise<DevSink> {
  const printed: Array<{ to: string; message: string; stamp: string }> = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      printed.push(JSON.parse(body));
      response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: printed.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    channel: "postcard",
    url,
    page: {
      path: "/postcards",
      title: "Postcards",
      handle: async () => Response.json({ printed }),
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The postcard channel: its step, its table, its handler (print, then record), its route and its printer. */
export const postcardModule: ChannelModule = {
  ui: postcardStep,
  policy: { consent: "postcard", quietHours: false, cap: null, optIn: true },
  tables: [
    {
      id: "postcard_0001_sent",
      sqlite:
        "CREATE TABLE postcards_sent (workspace_id TEXT NOT NULL, customer_id TEXT NOT NULL, message TEXT NOT NULL)",
      postgres:
        "CREATE TABLE postcards_sent (workspace_id text NOT NULL, customer_id text NOT NULL, message text NOT NULL)",
    },
  ],
  async preview({ step, customer }) {
    return { kind: "text-message", body: `Dear ${String(customer.firstName)}, ${String(step.message)}` };
  },
  async handler(deps) {
    const printer = deps.devSinks.get("postcard");
    if (!printer) return null;
    return {
      channel: "postcard",
      async deliver(delivery) {
        const step = await deliveryStep(deps.store, delivery, "postcard");
        const message = String(step.message);
        const response = await fetch(printer.url, {
          method: "POST",
          body: JSON.stringify({ to: delivery.customerId, message, stamp: delivery.payload.stamp }),
        });
        await deps.store.sql.run("INSERT INTO postcards_sent (workspace_id, customer_id, message) VALUES (?, ?, ?)", [
          delivery.workspaceId,
          delivery.customerId,
          message,
        ]);
        return { status: "sent", detail: { printer: response.status } };
      },
    };
  },
  devSink: () => startPrinter(),
  routes: [
    {
      method: "get",
      path: "/v1/channels/postcard/sent",
      operationId: "listPostcardsSent",
      summary: "The postcards this workspace has mailed",
      auth: "secret",
      success: {
        status: 200,
        description: "Each postcard sent.",
        schema: z.object({ sent: z.array(z.object({ customerId: z.string(), message: z.string() })) }),
      },
      async handle({ deps, workspaceId }) {
        const rows = await deps.store.sql.all<{ customer_id: string; message: string }>(
          "SELECT customer_id, message FROM postcards_sent WHERE workspace_id = ?",
          [workspaceId],
        );
        return { sent: rows.map((r) => ({ customerId: r.customer_id, message: r.message })) };
      },
    },
  ],
};
