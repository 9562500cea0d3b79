import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Copies the WAL back into the database file on a thread of its own, with its own connection, so the engine's and
 * the API's commits do not pay for it. SQLite's automatic checkpoint runs inside the COMMIT that crosses its
 * threshold: a tenth of a benchmark run's time, and the latency spike of whichever request made that commit.
 *
 * `PASSIVE` never blocks the writer or readers; it copies what no reader still needs. The writer's own automatic
 * checkpoint stays on, at a much higher threshold, as a backstop should this thread fall behind or die.
 */
export class BackgroundCheckpoint {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  /** Frames this thread has copied into the database file (tests read it). */
  copiedFrames = 0;
  lastError: string | null = null;

  constructor(path: string, options: { synchronous: "FULL" | "NORMAL"; intervalMs?: number }) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, driver, synchronous: options.synchronous, intervalMs: options.intervalMs ?? 50 },
    });
    this.exited = new Promise((resolve) => this.worker.once("exit", () => resolve()));
    this.worker.on("message", (m: { copied?: number; error?: string }) => {
      if (m.copied) this.copiedFrames += m.copied;
      if (m.error) this.lastError = m.error;
    });
    this.worker.on("error", (error) => {
      this.lastError = String(error);
    });
    // It must never keep a process alive that has nothing else to do.
    this.worker.unref();
  }

  /** Stops the thread and closes its connection; waits until it has. */
  async stop(): Promise<void> {
    // Referenced again while it stops: an unreferenced thread is no reason for the event loop to wait, and a caller
    // awaiting close() at the top level would see the process end first (exit code 13).
    this.worker.ref();
    this.worker.postMessage("stop");
    await this.exited;
  }
}

// Plain JavaScript, evaluated in the worker: it runs the same way under tsx, Vitest and compiled builds.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("synchronous = " + workerData.synchronous);
let copiedBefore = 0;
const tick = () => {
  try {
    const [r] = db.pragma("wal_checkpoint(PASSIVE)");
    // "checkpointed" counts frames of the current WAL copied so far; it starts again when the writer restarts the WAL.
    const copied = r.checkpointed >= copiedBefore ? r.checkpointed - copiedBefore : r.checkpointed;
    copiedBefore = r.checkpointed;
    if (copied > 0) parentPort.postMessage({ copied });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
