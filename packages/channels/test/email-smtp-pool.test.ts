import type { AddressInfo } from "node:net";
import { createSmtpSender, defaultSmtpPool, pooledUrl, smtpPoolFromEnv } from "@overture/channels";
import { InputError } from "@overture/runtime";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A real SMTP server on loopback that counts the connections open at once and the messages each carried.
let server: SMTPServer;
let url: string;
let open = 0;
let mostOpen = 0;
let connections = 0;
let received = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    maxClients: 100,
    onConnect(_session, callback) {
      open++;
      connections++;
      mostOpen = Math.max(mostOpen, open);
      callback();
    },
    onClose() {
      open--;
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const mail = (i: number) => ({
  from: "a@overture.test",
  to: `c${i}@example.com`,
  subject: "s",
  html: "<p>x</p>",
  text: "x",
});

describe("the pooled SMTP sender", () => {
  it("sends 60 messages at once over at most SMTP_POOL_CONNECTIONS=3 connections, SMTP_POOL_MESSAGES=10 each", async () => {
    const pool = smtpPoolFromEnv({ SMTP_POOL_CONNECTIONS: "3", SMTP_POOL_MESSAGES: "10" });
    const sender = createSmtpSender(url, pool);
    [open, mostOpen, connections, received] = [0, 0, 0, 0];
    await Promise.all(Array.from({ length: 60 }, (_, i) => sender.send(mail(i))));
    sender.close();
    expect(received).toBe(60);
    expect(mostOpen).toBe(3);
    // Ten messages a connection: at least six connections over the run.
    expect(connections).toBeGreaterThanOrEqual(6);
  });

  it("pools by default: five connections at most, however many messages are in flight", async () => {
    const sender = createSmtpSender(url, smtpPoolFromEnv({}));
    [open, mostOpen, connections, received] = [0, 0, 0, 0];
    await Promise.all(Array.from({ length: 30 }, (_, i) => sender.send(mail(i))));
    sender.close();
    expect(received).toBe(30);
    expect(mostOpen).toBeLessThanOrEqual(5);
    expect(connections).toBeLessThanOrEqual(5);
  });

  it("with the pool null keeps a connection per message", async () => {
    const sender = createSmtpSender(url, null);
    [open, mostOpen, connections, received] = [0, 0, 0, 0];
    await Promise.all(Array.from({ length: 12 }, (_, i) => sender.send(mail(i))));
    sender.close();
    expect(received).toBe(12);
    expect(connections).toBe(12);
  });

  it("keeps what SMTP_URL's query already says", () => {
    const pooled = new URL(pooledUrl("smtp://u:p%40ss@mail.test:587/?maxConnections=9", defaultSmtpPool));
    expect(pooled.searchParams.get("maxConnections")).toBe("9");
    expect(pooled.searchParams.get("pool")).toBe("true");
    expect(pooled.password).toBe("p%40ss");
  });

  it("holds to SMTP_RATE_LIMIT messages a second", async () => {
    const sender = createSmtpSender(url, smtpPoolFromEnv({ SMTP_POOL_CONNECTIONS: "2", SMTP_RATE_LIMIT: "5" }));
    const start = performance.now();
    await Promise.all(Array.from({ length: 11 }, (_, i) => sender.send(mail(i))));
    sender.close();
    // 11 messages at 5 a second need two full seconds of waiting after the first five.
    expect(performance.now() - start).toBeGreaterThanOrEqual(1900);
  });

  it("reads the default pool when none is set, defaults for the unset ones, and names the variable of a bad value", () => {
    expect(smtpPoolFromEnv({})).toEqual(defaultSmtpPool);
    expect(smtpPoolFromEnv({ SMTP_POOL_CONNECTIONS: "" })).toEqual(defaultSmtpPool);
    expect(smtpPoolFromEnv({ SMTP_POOL_CONNECTIONS: "", SMTP_RATE_LIMIT: "0" })).toEqual(defaultSmtpPool);
    expect(smtpPoolFromEnv({ SMTP_POOL_MESSAGES: " 500 ", SMTP_RATE_LIMIT: "20" })).toEqual({
      maxConnections: 5,
      maxMessages: 500,
      ratePerSecond: 20,
    });
    for (const [name, value] of [
      ["SMTP_POOL_CONNECTIONS", "0"],
      ["SMTP_POOL_CONNECTIONS", "three"],
      ["SMTP_POOL_MESSAGES", "-1"],
      ["SMTP_RATE_LIMIT", "2.5"],
    ] as const) {
      const error = (() => {
        try {
          return smtpPoolFromEnv({ [name]: value });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(new RegExp(`^${name} must be a whole number .*got "${value}"`));
    }
  });
});
