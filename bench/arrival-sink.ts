import { listenSink } from "./sink-server.ts";

/** One message at the sink: its X-Overture-Key header (or ""), its first recipient, and when its end arrived (ms since the epoch). */
export type Arrival = { key: string; to: string; at: number };

/** What the parent asks: the arrivals since the last ask. */
export type ArrivalRequest = { type: "take" };

/** What the sink tells its parent: its port once listening, then the arrivals asked for. */
export type ArrivalReport = { type: "listening"; port: number } | { type: "arrivals"; arrivals: Arrival[] };

/** Headers end at the first blank line; a message whose headers run longer than this is not read for its key. */
const HEADER_LIMIT = 64 * 1024;

/**
 * The far end of the latency benchmark, in a process of its own: an SMTP server on 127.0.0.1 that answers at once
 * and notes, for each message, when its last byte came (the wall clock, which the load process reads too), its
 * recipient and its X-Overture-Key (the outbox row's key: one customer's one email). Run with `child_process.fork`.
 */
function startSink(): void {
  let arrivals: Arrival[] = [];
  const send = (report: ArrivalReport) => process.send?.(report);
  const listening = listenSink({
    onData(stream, session, done) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (head.length < HEADER_LIMIT && !head.includes("\r\n\r\n")) head += chunk.toString("latin1");
      });
      stream.on("end", () => {
        const at = Date.now();
        const headers = head.slice(0, head.indexOf("\r\n\r\n") >>> 0);
        const key = /^x-overture-key:[ \t]*(.*)$/im.exec(headers)?.[1]?.trim() ?? "";
        arrivals.push({ key, to: session.envelope.rcptTo[0]?.address ?? "", at });
        done();
      });
    },
  });
  process.on("message", (m: ArrivalRequest) => {
    if (m.type !== "take") return;
    const taken = arrivals;
    arrivals = [];
    send({ type: "arrivals", arrivals: taken });
  });
  listening.then((port) => send({ type: "listening", port }));
}

startSink();
