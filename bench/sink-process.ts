import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { SinkReport, SinkRequest } from "./smtp-sink.ts";

/** The SMTP sink's process, seen from the benchmark: its address, its counts, and how to wait for a count. */
export type SinkProcess = {
  url: string;
  /** Zeroes the counts (between the product's run and the raw reference). */
  reset(): void;
  /** Resolves when the sink has received `count` messages since the last reset, with its distinct recipients and the connections opened. */
  reached(count: number): Promise<{ received: number; recipients: number; connections: number }>;
  /** Called with the running count a few times a second. */
  onCount(listener: (received: number) => void): void;
  close(): void;
};

/** Forks bench/smtp-sink.ts and resolves once it listens on 127.0.0.1. */
export function startSinkProcess(): Promise<SinkProcess> {
  const child = fork(fileURLToPath(new URL("./smtp-sink.ts", import.meta.url)), [], {
    stdio: ["ignore", 2, 2, "ipc"],
    execArgv: process.execArgv,
  });
  const request = (m: SinkRequest) => child.send(m);
  let countListener: (received: number) => void = () => {};
  let waiting: ((r: { received: number; recipients: number; connections: number }) => void) | null = null;
  let failWaiting: ((error: Error) => void) | null = null;
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      // Before it listens, the start fails; after, whoever waits for a count must not wait forever.
      const error = new Error(`the SMTP sink exited with ${signal ?? `code ${code}`}`);
      reject(error);
      failWaiting?.(error);
    });
    child.on("message", (m: SinkReport) => {
      if (m.type === "count") countListener(m.received);
      else if (m.type === "reached") {
        countListener(m.received);
        waiting?.(m);
        waiting = null;
      } else
        resolve({
          url: `smtp://127.0.0.1:${m.port}`,
          reset: () => request({ type: "reset" }),
          reached: (count) =>
            new Promise((done, fail) => {
              waiting = done;
              failWaiting = fail;
              request({ type: "expect", count });
            }),
          onCount: (listener) => {
            countListener = listener;
          },
          close: () => {
            child.removeAllListeners("exit");
            child.kill();
          },
        });
    });
  });
}
