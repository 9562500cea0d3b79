import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { listOutbox } from "../src/webhook/outbox-admin.ts";
import { createWebhookChannel } from "../src/webhook/webhook-channel.ts";
import { type ChannelRuntime, openChannelRuntime, startReceiver } from "./webhook-harness.ts";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A receiver on loopback that records the customer of each call; listening on `port` (0: any free one). */
async function listen(received: string[], port = 0): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      received.push(String(JSON.parse(body).customer));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe("a webhook receiver down for ten minutes (issue 12, finding 6)", () => {
  let rt: ChannelRuntime;
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) if (s.listening) await close(s);
    await rt.cleanup();
  });

  it("pauses only that receiver's circuit, then delivers every call exactly once, none dead", async () => {
    rt = await openChannelRuntime();
    rt.overture.dispatcher.register(
      createWebhookChannel({ store: rt.overture.store, clock: rt.clock, allow: "127.0.0.1" }),
    );
    const toDown: string[] = [];
    const toUp: string[] = [];
    // The receiver that goes down: started to get a port, then stopped (connections refused).
    const first = await listen(toDown);
    await close(first.server);
    const up = await listen(toUp);
    servers.push(up.server);
    const payload = `{ "customer": {{ customer.id | json }} }`;
    await rt.publish("Two receivers", "paid", [
      { id: "to-down", type: "webhook", endpoint: `http://127.0.0.1:${first.port}/hook`, payload },
      { id: "to-up", type: "webhook", endpoint: `http://127.0.0.1:${up.port}/hook`, payload },
    ]);
    const customers = Array.from({ length: 8 }, (_, n) => `c${n}`);
    for (const c of customers) await rt.send(c, "paid");

    for (let elapsed = 0; elapsed <= 15 * MINUTE; elapsed += 5 * SECOND) {
      if (elapsed === 10 * MINUTE) servers.push((await listen(toDown, first.port)).server);
      await rt.overture.dispatcher.runUntilIdle();
      // The healthy receiver is not held by the other one's open circuit.
      if (elapsed === 0) expect(toUp.sort()).toEqual([...customers].sort());
      if (elapsed === 5 * MINUTE) {
        expect(rt.overture.dispatcher.circuits(rt.ws)).toMatchObject([
          { channel: "webhook", endpoint: `127.0.0.1:${first.port}`, state: "open" },
        ]);
      }
      rt.clock.advance(5 * SECOND);
    }

    const rows = await listOutbox(rt.overture.store, rt.ws, { channel: "webhook" });
    expect(rows.filter((r) => r.status !== "sent")).toEqual([]);
    expect(rows).toHaveLength(2 * customers.length);
    expect(toDown.sort()).toEqual([...customers].sort());
    expect(toUp).toHaveLength(customers.length);
    expect(rt.overture.dispatcher.circuits()).toEqual([]);
  });

  it("honours a receiver's Retry-After only up to the cap: 'come back in 10 days' waits an hour (issue 12, finding 10)", async () => {
    rt = await openChannelRuntime();
    rt.overture.dispatcher.register(
      createWebhookChannel({ store: rt.overture.store, clock: rt.clock, allow: "127.0.0.1" }),
    );
    const receiver = await startReceiver();
    try {
      receiver.answers.push({ status: 503, body: "maintenance", headers: { "retry-after": String(10 * 24 * 3_600) } });
      await rt.publish("Hook", "paid", [
        { id: "hook", type: "webhook", endpoint: `${receiver.url}/hook`, payload: "{}" },
      ]);
      await rt.send("c1", "paid");
      await rt.overture.dispatcher.runOnce();
      const [row] = await listOutbox(rt.overture.store, rt.ws, { channel: "webhook" });
      expect(row).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: rt.clock.now() + 60 * MINUTE });
      rt.clock.advance(60 * MINUTE);
      expect(await rt.overture.dispatcher.runOnce()).toBe(1);
      expect((await listOutbox(rt.overture.store, rt.ws, { channel: "webhook" }))[0]).toMatchObject({
        status: "sent",
        attempts: 2,
      });
    } finally {
      await receiver.close();
    }
  });
});
