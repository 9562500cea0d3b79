import type { AddressInfo } from "node:net";
import { createSmtpSender, smtpPoolFromEnv } from "@overture/channels";
import { TransientError } from "@overture/runtime";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";

// The pool's own sockets (Nagle off, getNoDelaySocket): failures must free the pool's slots, and TLS must still work.
const servers: SMTPServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/** A loopback SMTP server that records whether each message came over TLS. */
async function listen(options: SMTPServerOptions, port = 0): Promise<{ port: number; secure: boolean[] }> {
  const secure: boolean[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH"],
    logger: false,
    ...options,
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        secure.push(session.secure);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  servers.push(server);
  return { port: (server.server.address() as AddressInfo).port, secure };
}

async function stop(server: SMTPServer | undefined): Promise<void> {
  servers.splice(servers.indexOf(server as SMTPServer), 1);
  await new Promise<void>((resolve) => server?.close(() => resolve()));
}

const mail = (i: number) => ({
  from: "a@overture.test",
  to: `c${i}@example.com`,
  subject: "s",
  html: "<p>x</p>",
  text: "x",
});

describe("the pooled SMTP sender's sockets", () => {
  it("fails every send while the server refuses, more sends than the pool has connections, then sends once it is back", async () => {
    const { port } = await listen({ disabledCommands: ["AUTH", "STARTTLS"] });
    await stop(servers[0]);
    const sender = createSmtpSender(`smtp://127.0.0.1:${port}`, smtpPoolFromEnv({ SMTP_POOL_CONNECTIONS: "2" }));
    try {
      // Six refused connections over two slots: a slot a failure kept would leave these unsettled for good.
      const failures = await Promise.all(Array.from({ length: 6 }, (_, i) => sender.send(mail(i)).catch((e) => e)));
      for (const f of failures) expect(f).toBeInstanceOf(TransientError);
      const back = await listen({ disabledCommands: ["AUTH", "STARTTLS"] }, port);
      await Promise.all(Array.from({ length: 6 }, (_, i) => sender.send(mail(i))));
      expect(back.secure).toHaveLength(6);
    } finally {
      sender.close();
    }
  });

  it("speaks TLS from the start for smtps:", async () => {
    const server = await listen({ secure: true });
    const sender = createSmtpSender(`smtps://127.0.0.1:${server.port}/?tls.rejectUnauthorized=false`);
    try {
      await Promise.all(Array.from({ length: 4 }, (_, i) => sender.send(mail(i))));
      expect(server.secure).toEqual([true, true, true, true]);
    } finally {
      sender.close();
    }
  });

  it("upgrades with STARTTLS when the server offers it", async () => {
    const server = await listen({});
    const sender = createSmtpSender(`smtp://127.0.0.1:${server.port}/?requireTLS=true&tls.rejectUnauthorized=false`);
    try {
      await Promise.all(Array.from({ length: 4 }, (_, i) => sender.send(mail(i))));
      expect(server.secure).toEqual([true, true, true, true]);
    } finally {
      sender.close();
    }
  });

  it("fails, and frees the slot, when smtps: meets a refused port", async () => {
    const { port } = await listen({ secure: true });
    await stop(servers[0]);
    const sender = createSmtpSender(`smtps://127.0.0.1:${port}/?tls.rejectUnauthorized=false`, {
      maxConnections: 1,
      maxMessages: 100,
    });
    try {
      const failures = await Promise.all(Array.from({ length: 3 }, (_, i) => sender.send(mail(i)).catch((e) => e)));
      for (const f of failures) expect(f).toBeInstanceOf(TransientError);
    } finally {
      sender.close();
    }
  });
});
