import http from "node:http";
import type { AddressInfo } from "node:net";
import { childMain, runChild } from "./child.ts";
import type { LoadInput, LoadResult } from "./decide-load.ts";
import { pinTo } from "./pin.ts";
import { note, round } from "./progress.ts";

/**
 * The floor of the decision benchmark: the same load against a bare `node:http` server on the same core, answering each
 * customer's slots from a constant (no framework, no store, no token check). Its latency is what this machine and the
 * load process cost on their own; the decision API's figures are read against it.
 */
export type FloorInput = Omit<LoadInput, "url" | "writeKey">;

const PERSONALIZED = JSON.stringify({
  slots: { "dashboard.hero": { contentId: "onboarding-hero" }, "sidebar.tip": { contentId: null } },
});
const DEFAULT = JSON.stringify({
  slots: { "dashboard.hero": { contentId: null }, "sidebar.tip": { contentId: null } },
});

async function floor(input: FloorInput): Promise<LoadResult> {
  pinTo(0);
  const personalized = new Set(input.customers.filter((c) => c.personalized).map((c) => c.id));
  const server = http.createServer((request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(personalized.has(String(request.headers["x-customer-id"])) ? PERSONALIZED : DEFAULT);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const cpuBefore = process.cpuUsage();
    const result = await runChild<LoadResult>("./decide-load.ts", {
      ...input,
      url: `http://127.0.0.1:${port}`,
      writeKey: "floor",
    } satisfies LoadInput);
    // Beside the decision server's own figure (decide.ts): what the bare server spends on the same requests.
    const cpu = process.cpuUsage(cpuBefore);
    const answered = result.ok + (result.warmUpOk ?? 0);
    note(`floor: server CPU ${round((cpu.user + cpu.system) / 1_000 / answered, 3)} ms per answer`);
    return result;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

childMain<FloorInput, LoadResult>(floor);
