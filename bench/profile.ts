import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { note } from "./progress.ts";

/**
 * Runs `work` under the V8 CPU profiler when `dir` is set, and writes `<dir>/<name>.cpuprofile` (open it in Chrome
 * DevTools, or summarise it with `npx tsx bench/profile-summary.ts FILE`). Only the measured phase is profiled.
 */
export async function profiled<T>(dir: string | null, name: string, work: () => Promise<T>): Promise<T> {
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    const file = join(dir, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    note(`profile: ${file}`);
  }
}
