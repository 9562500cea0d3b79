import { expect, it } from "vitest";
import { createRenderTurns } from "./render-in-turn.ts";

it("runs renders one at a time, in order, and a failed one does not stop the next", async () => {
  const inTurn = createRenderTurns();
  const log: string[] = [];
  let running = 0;
  const render = (name: string, fail = false) =>
    inTurn(async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(`${name} failed`);
      return name;
    });
  const results = await Promise.allSettled([render("a"), render("b", true), render("c")]);
  expect(results.map((r) => (r.status === "fulfilled" ? r.value : String(r.reason)))).toEqual([
    "a",
    "Error: b failed",
    "c",
  ]);
  expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
});
