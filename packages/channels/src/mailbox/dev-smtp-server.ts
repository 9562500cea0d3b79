import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Mailbox, MailboxMessage } from "./mailbox.ts";

/** A running development SMTP server. */
export type DevSmtpServer = { url: string; port: number; close(): Promise<void> };

/** Largest message accepted (10 MiB). */
const MAX_SIZE = 10 * 1024 * 1024;

/**
 * A real SMTP server on loopback that keeps every message it receives in a {@link Mailbox}: `npm start` sends
 * journey emails to it, and tests use it as the far end. No TLS and no login (it only listens on loopback); port 0
 * picks a free port.
 */
export async function startDevSmtpServer(
  mailbox: Mailbox,
  options: { port?: number; host?: string; now?: () => number } = {},
): Promise<DevSmtpServer> {
  const host = options.host ?? "127.0.0.1";
  const now = options.now ?? Date.now;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_SIZE,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const headers: Array<[string, string]> = parsed.headerLines.map((h) => {
            const colon = h.line.indexOf(":");
            return [h.line.slice(0, colon), h.line.slice(colon + 1).trim()];
          });
          const header = (name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
          const message: MailboxMessage = {
            id: randomUUID(),
            receivedAt: now(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            messageId: parsed.messageId ?? null,
            overtureKey: header("x-overture-key"),
            workspaceId: header("x-overture-workspace"),
            headers,
            html: typeof parsed.html === "string" ? parsed.html : "",
            text: parsed.text ?? "",
            size: stream.byteLength ?? 0,
          };
          mailbox.add(message);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // The HTTP server keeps `npm start` alive; this one must not keep a failed start-up from exiting.
  server.server.unref();
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
