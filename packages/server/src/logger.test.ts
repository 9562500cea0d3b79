import { describe, expect, it } from "vitest";
import { compactLine, createLogger } from "./logger.ts";

function collect() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => lines.push(line) } };
}

describe("createLogger", () => {
  it("writes one JSON object a line, and redacts keys, tokens and bodies wherever they sit", () => {
    const out = collect();
    const logger = createLogger({ level: "info", format: "json", destination: out.destination });
    logger.info(
      {
        authorization: "Bearer sk_live_x",
        nested: { token: "ct_1", writeKey: "wk_1" },
        req: { headers: { cookie: "a=b" } },
        ok: 1,
      },
      "hello",
    );
    logger.debug("not at info");
    expect(out.lines).toHaveLength(1);
    const line = JSON.parse(out.lines[0]!);
    expect(line).toMatchObject({
      level: 30,
      msg: "hello",
      ok: 1,
      authorization: "[redacted]",
      nested: { token: "[redacted]", writeKey: "[redacted]" },
    });
    expect(out.lines[0]).not.toMatch(/sk_live_x|ct_1|wk_1|a=b/);
  });

  it("prints a compact human line with the error's stack below", () => {
    const out = collect();
    const logger = createLogger({ level: "debug", format: "compact", destination: out.destination });
    logger.error({ err: new Error("boom"), loop: "engine" }, "engine pass failed");
    expect(out.lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} ERROR engine pass failed loop=engine\n {2}Error: boom\n {6}at /,
    );
    expect(compactLine("not json")).toBe("not json");
  });
});
