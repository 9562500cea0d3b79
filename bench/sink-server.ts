import type { AddressInfo, Socket } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

/**
 * The SMTP server both benchmark sinks run (deliveries and latency), in a process of their own: it answers every
 * command at once on 127.0.0.1 and hands each message's stream to `onData`, which must call `done` once the message is
 * read. Resolves with its port once listening.
 */
export function listenSink(options: {
  onData(stream: SMTPServerDataStream, session: SMTPServerSession, done: () => void): void;
  onConnection?(socket: Socket): void;
}): Promise<number> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // A reverse DNS lookup per connection would be measured as sending time.
    disableReverseLookup: true,
    // The pool opens a handful of connections; the raw reference may open as many again.
    maxClients: 1000,
    onData: (stream, session, callback) => options.onData(stream, session, () => callback()),
  });
  // Answers go out at once, not after the client's delayed acknowledgement (Nagle's algorithm).
  server.server.on("connection", (socket: Socket) => {
    options.onConnection?.(socket);
    socket.setNoDelay(true);
  });
  // The sink lives as long as its parent: when the IPC channel closes, it ends.
  process.on("disconnect", () => process.exit(0));
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port)),
  );
}
