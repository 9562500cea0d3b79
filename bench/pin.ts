import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { note } from "./progress.ts";

/**
 * Pins this process to one core (Linux, `taskset`, two cores or more): the server to core 0, the load to core 1. On a
 * 2-core machine the scheduler otherwise runs them on one core in turns, and each one's wait shows as the other's
 * latency. Elsewhere nothing is pinned.
 */
export function pinTo(core: number): void {
  // cpus(), not availableParallelism(): the latter counts only the cores this process may use, one once pinned.
  if (process.platform !== "linux" || cpus().length < 2) return;
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(core), String(process.pid)], { stdio: "ignore" });
  } catch {
    note("decide: taskset is not available; the server and the load process share the cores");
  }
}
