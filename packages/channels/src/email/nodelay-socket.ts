import { connect, Socket } from "node:net";

/** What nodemailer's pool gives a `getSocket`: the connection options its URL and settings came to. */
export type SocketOptions = {
  host?: string;
  port?: number | string;
  secure?: boolean;
  connectionTimeout?: number | string;
};

/** What a `getSocket` answers: a connected socket for nodemailer to speak SMTP (and TLS) over. */
export type SocketAnswer = (error: Error | null, socketOptions?: { connection: Socket }) => void;

/** nodemailer's own connection timeout when none is set: two minutes. */
const defaultConnectionTimeout = 120_000;

/**
 * nodemailer's `getSocket` for a pool, opening each connection with Nagle's algorithm off. With it on, the last small
 * write of each message waits for the server's delayed ACK: about 40 ms a message on a pooled connection
 * (decision 0026). The TCP connection is made here and handed over once connected; nodemailer then does the rest as
 * for its own sockets: TLS at once for `smtps:` (it upgrades a handed-over socket when `secure`), STARTTLS, the
 * greeting and its timeouts.
 *
 * A connection that fails (refused, unreachable, or not connected within `connectionTimeout`) is not reported through
 * the callback's error: nodemailer 7's pool then keeps that connection's slot taken for good, and once every slot is
 * taken the pool sends nothing more and no send ever settles (what made email-outage.test.ts hang). It hands over an
 * unconnected socket instead and fails it with the error: nodemailer sees a socket error, frees the slot and fails the
 * message, as it does when its own connect fails.
 */
export function getNoDelaySocket(options: SocketOptions, answer: SocketAnswer): void {
  const port = Number(options.port) || (options.secure ? 465 : 587);
  const socket = connect({ host: options.host ?? "localhost", port, noDelay: true });
  const timeout = Number(options.connectionTimeout) || defaultConnectionTimeout;
  const timer = setTimeout(() => fail(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" })), timeout);
  const fail = (error: Error) => {
    clearTimeout(timer);
    socket.removeListener("connect", connected);
    socket.destroy();
    const failed = new Socket();
    answer(null, { connection: failed });
    // nodemailer listens for the socket's errors as soon as it is handed over (synchronously, in the answer).
    failed.destroy(error);
  };
  const connected = () => {
    clearTimeout(timer);
    socket.removeListener("error", fail);
    socket.setKeepAlive(true);
    coalesceWrites(socket);
    answer(null, { connection: socket });
  };
  socket.once("error", fail);
  socket.once("connect", connected);
}

/**
 * The socket's writes of one turn of the event loop go out together (cork, then uncork on setImmediate): with Nagle
 * off, each of nodemailer's small writes (a command, each piece of the encoded message) would otherwise be a system
 * call and a packet of its own, 14% of the delivery's CPU in the profile. Without the 40 ms wait Nagle's algorithm
 * had for the delayed ACK.
 */
function coalesceWrites(socket: Socket): void {
  const write = socket.write;
  let corked = false;
  socket.write = function (this: Socket, ...args: Parameters<Socket["write"]>) {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(() => {
        corked = false;
        socket.uncork();
      });
    }
    return write.apply(this, args as Parameters<typeof write>);
  } as Socket["write"];
}
