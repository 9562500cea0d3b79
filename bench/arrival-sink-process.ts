import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Arrival, ArrivalReport } from "./arrival-sink.ts";

/** The arrival sink's process, seen from the benchmark: its address, and the messages that arrived since the last take. */
export type ArrivalSinkProcess = {
  url: string;
  take(): Promise<Arrival[]>;
  close(): void;
};

/** Forks bench/arrival-sink.ts and resolves once it listens on 127.0.0.1. */
export function startArrivalSink(): Promise<ArrivalSinkProcess> {
  const child = fork(fileURLToPath(new URL("./arrival-sink.ts", import.meta.url)), [], {
    stdio: ["ignore", 2, 2, "ipc"],
    execArgv: process.execArgv,
  });
  const takers: Array<{ resolve(a: Arrival[]): void; reject(e: Error): void }> = [];
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      const error = new Error(`the SMTP sink exited with ${signal ?? `code ${code}`}`);
      reject(error);
      for (const taker of takers.splice(0)) taker.reject(error);
    });
    child.on("message", (m: ArrivalReport) => {
      if (m.type === "arrivals") takers.shift()?.resolve(m.arrivals);
      else
        resolve({
          url: `smtp://127.0.0.1:${m.port}`,
          take: () =>
            new Promise((done, fail) => {
              takers.push({ resolve: done, reject: fail });
              child.send({ type: "take" });
            }),
          close: () => {
            child.removeAllListeners("exit");
            child.kill();
          },
        });
    });
  });
}
