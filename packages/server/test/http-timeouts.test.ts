import { connect, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger, serve } from "../src/index.ts";
import { openTestApp, type TestApp } from "./test-app.ts";

/** Issue 12, finding 7: 2,000 connections that sent half a request line stayed open 70 s. */
describe("HTTP server timeouts", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  it("closes connections that stall in their headers within the headers timeout, and still answers a normal request", async () => {
    const server = await serve(t.overture, {
      port: 0,
      host: "127.0.0.1",
      timeouts: { headersMs: 400 },
      logger: createLogger({ level: "silent" }),
    });
    const sockets: Socket[] = [];
    try {
      const started = performance.now();
      const closed = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const socket = connect(server.port, "127.0.0.1");
          sockets.push(socket);
          socket.on("error", () => {});
          // Read what the server says (its 408), or the end of the connection is never seen.
          socket.resume();
          await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
          socket.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
          // Bounded: a socket still open after 5 s fails the test rather than hanging it.
          return new Promise<number>((resolve) => {
            const limit = setTimeout(() => resolve(Number.POSITIVE_INFINITY), 5_000);
            socket.once("close", () => {
              clearTimeout(limit);
              resolve(performance.now() - started);
            });
          });
        }),
      );
      for (const ms of closed) expect(ms).toBeLessThan(2_500);
      const answer = await fetch(`${server.url}/health/live`);
      expect(answer.status).toBe(200);
    } finally {
      for (const s of sockets) s.destroy();
      await server.close();
    }
  });
});
