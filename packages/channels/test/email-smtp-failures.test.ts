import type { AddressInfo } from "node:net";
import { createSmtpSender } from "@overture/channels";
import { PermanentError, TransientError } from "@overture/runtime";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A real SMTP server on loopback that refuses some recipients the way providers do.
let server: SMTPServer;
let url: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refuse = (code: number, text: string) => callback(Object.assign(new Error(text), { responseCode: code }));
      if (address.address.startsWith("gone@")) return refuse(550, "No such user");
      if (address.address.startsWith("busy@")) return refuse(451, "Try again later");
      return callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const mail = (to: string) => ({ from: "a@overture.test", to, subject: "s", html: "<p>x</p>", text: "x" });

describe("SMTP failures", () => {
  it("accepts a good recipient", async () => {
    const sender = createSmtpSender(url);
    await expect(sender.send(mail("ok@example.com"))).resolves.toMatchObject({ accepted: ["ok@example.com"] });
    sender.close();
  });

  it("5xx refusals are permanent, 4xx are transient", async () => {
    const sender = createSmtpSender(url);
    const gone = await sender.send(mail("gone@example.com")).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(PermanentError);
    expect((gone as PermanentError).code).toBe("smtp_rejected");
    const busy = await sender.send(mail("busy@example.com")).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(TransientError);
    sender.close();
  });

  it("a refused connection is transient", async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sender = createSmtpSender(`smtp://127.0.0.1:${port}`);
    const error = await sender.send(mail("ok@example.com")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    sender.close();
  });
});
