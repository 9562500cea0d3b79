// Benchmark children run journeys: they know the channels' steps as every entry point does.
import "@overture/channels/browser";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What a benchmark child sends its parent over IPC: its result, or why it failed. */
export type ChildMessage<T> = { type: "result"; result: T } | { type: "error"; message: string };

/**
 * Runs `file` (a module next to this one) in its own Node process with `input` as its argument and resolves with the
 * result it sends. Its stdout goes to our stderr, so our stdout carries only the JSON result lines.
 */
export function runChild<T>(file: string, input: unknown): Promise<T> {
  const path = fileURLToPath(new URL(file, import.meta.url));
  const child = fork(path, [JSON.stringify(input)], {
    stdio: ["ignore", 2, 2, "ipc"],
    // BENCH_NODE_ARGS (e.g. "--trace-gc") reaches the measured processes, which `npm run bench`'s own flags do not.
    execArgv: [...process.execArgv, ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : [])],
  });
  return new Promise<T>((resolve, reject) => {
    let message: ChildMessage<T> | undefined;
    child.on("message", (m) => {
      message = m as ChildMessage<T>;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (message?.type === "result") resolve(message.result);
      else if (message?.type === "error") reject(new Error(message.message));
      else reject(new Error(`${file} exited with ${signal ?? `code ${code}`} before sending a result`));
    });
  });
}

/**
 * The body of a child: reads its input, runs `main`, sends the result (or the error) to the parent, then exits
 * (open handles such as a pool must not keep a finished child alive).
 */
export function childMain<I, T>(main: (input: I) => Promise<T>): void {
  const input = JSON.parse(process.argv[2] ?? "null") as I;
  const finish = (message: ChildMessage<T>, code: number) => {
    if (process.send) process.send(message, () => process.exit(code));
    else process.exit(code);
  };
  main(input).then(
    (result) => finish({ type: "result", result }, 0),
    (error: unknown) =>
      finish({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 1),
  );
}
