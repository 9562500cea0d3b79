import { connect, type Socket } from "node:net";
import { createTransport } from "nodemailer";
import { Progress } from "./progress.ts";

/** The message the raw reference sends N times: rendered once, as the product would send it to one customer. */
export type RawMessage = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
};

/**
 * The physical reference of the email figure: `count` copies of one already-rendered message sent by a bare pooled
 * nodemailer transport (`maxConnections` as the product's sender has), with as many sends in flight as the pool has
 * connections, to the same sink. Returns the seconds from the first send to the last answer; the caller checks
 * that the sink counted them.
 */
export async function sendRaw(
  smtpUrl: string,
  message: RawMessage,
  count: number,
  maxConnections: number,
  label: string,
  inFlight: number = maxConnections,
): Promise<number> {
  // Host and port, not `url`: given a `url`, nodemailer's createTransport reads only the URL and drops every other
  // option, `pool` included (one connection per message).
  const { hostname, port } = new URL(smtpUrl);
  const transport = createTransport({
    host: hostname,
    port: Number(port),
    pool: true,
    maxConnections,
    // Nagle's algorithm off: with it, each message waited about 40 ms for the sink's delayed acknowledgement, and five
    // connections carried 107 messages/s here (1,115 without). The reference is what the link can carry.
    getSocket: (_options: unknown, callback: (error: Error | null, socket?: { connection: Socket }) => void) => {
      const socket = connect(Number(port), hostname);
      socket.setNoDelay(true);
      socket.once("error", (error) => callback(error));
      socket.once("connect", () => callback(null, { connection: socket }));
    },
  } as Parameters<typeof createTransport>[0]);
  const progress = new Progress(`${label} raw`, "messages");
  let next = 0;
  let sent = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await transport.sendMail({ ...message, messageId: `<raw-${i}@overture.bench>` });
      sent++;
      if (sent % 500 === 0) progress.update(sent / count, sent);
    }
  };
  try {
    const began = performance.now();
    await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
    const seconds = (performance.now() - began) / 1000;
    progress.done(sent);
    return seconds;
  } finally {
    transport.close();
  }
}
