import { listenSink } from "./sink-server.ts";

/** What the parent asks of the sink: count from zero again, or say when `count` messages have arrived. */
export type SinkRequest = { type: "reset" } | { type: "expect"; count: number };

/**
 * What the sink tells its parent: its port once listening, its running count (a few times a second, for progress),
 * and the moment an expected count is reached. `recipients` counts distinct RCPT TO addresses since the last reset, `connections` the connections opened.
 */
export type SinkReport =
  | { type: "listening"; port: number }
  | { type: "count"; received: number; recipients: number }
  | { type: "reached"; received: number; recipients: number; connections: number };

/**
 * The far end of the deliver benchmark, in a process of its own so its work is not the measured process's: an SMTP
 * server on 127.0.0.1 that answers every command at once, reads each message to its end without parsing or keeping
 * it, and counts. Run with `child_process.fork`; it talks to the parent over IPC.
 */
function startSink(): void {
  let received = 0;
  let recipients = new Set<string>();
  let connections = 0;
  let expected: number | null = null;
  const send = (report: SinkReport) => process.send?.(report);
  const listening = listenSink({
    onData(stream, session, done) {
      stream.on("end", () => {
        received++;
        for (const r of session.envelope.rcptTo) recipients.add(r.address);
        done();
        if (expected !== null && received >= expected) {
          expected = null;
          send({ type: "reached", received, recipients: recipients.size, connections });
        }
      });
      stream.resume();
    },
    onConnection: () => {
      connections++;
    },
  });
  process.on("message", (m: SinkRequest) => {
    if (m.type === "reset") {
      received = 0;
      recipients = new Set();
      connections = 0;
    } else if (received >= m.count) send({ type: "reached", received, recipients: recipients.size, connections });
    else expected = m.count;
  });
  let reported = -1;
  setInterval(() => {
    if (received === reported) return;
    reported = received;
    send({ type: "count", received, recipients: recipients.size });
  }, 250).unref();
  listening.then((port) => send({ type: "listening", port }));
}

startSink();
