import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../src/index.ts";
import { openTestApp, type TestApp } from "./test-app.ts";

// Issue 12, finding 2: a hostile template stalled the whole server (/health silent for 20–50 s). Over real HTTP on
// loopback, because an in-memory request cannot show that the event loop is blocked.

/** Loops that allocate nothing: only the time limit stops them, so the server must keep answering meanwhile. */
const SPIN =
  "{% assign r = (1..400) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}";
/** The issue's own templates. */
const HUGE_RANGE = "{% for i in (1..100000000) %}x{% endfor %}";
const NESTED = "{% for a in (1..3000) %}{% for b in (1..3000) %}x{% endfor %}{% endfor %}";

let t: TestApp;
let server: RunningServer;
beforeEach(async () => {
  t = await openTestApp();
  server = await serve(t.overture, { port: 0, host: "127.0.0.1" });
});
afterEach(async () => {
  await server.close();
  await t.close();
});

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies
async function post(path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${t.keys.secretKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * A client in its own process (as a load balancer's probe is), asking GET /health one request after another from
 * its first answer until told to stop; then every latency in milliseconds. In this process, the client's own work
 * would wait for the same event loop the renders hold, and count against the server.
 */
const PROBE = `
const url = process.argv[1];
let stop = false;
process.stdin.on("data", () => { stop = true; });
const latencies = [];
let first = true;
while (!stop) {
  const started = performance.now();
  const answer = await fetch(url);
  await answer.text();
  if (answer.status !== 200) throw new Error("/health answered " + answer.status);
  if (first) process.stdout.write("ready\\n"); else latencies.push(performance.now() - started);
  first = false;
}
process.stdout.write(JSON.stringify(latencies));
process.exit(0);
`;

async function startProbe(url: string) {
  const child = spawn(process.execPath, ["--input-type=module", "-e", PROBE, url], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.startsWith("ready\n")) resolve();
    });
    child.once("exit", () => reject(new Error(`the probe exited: ${output}`)));
  });
  return {
    async stop(): Promise<number[]> {
      child.stdin.end("stop");
      expect(await exited).toBe(0);
      return JSON.parse(output.slice("ready\n".length));
    },
  };
}

describe("/health answers within 100 ms while hostile templates render (issue 12, finding 2)", () => {
  // A latency is wall time on a shared machine: a CPU-starved run (other test files, other jobs) can miss 100 ms for
  // reasons of its own, so the test gets a second try. Without the sandbox every try stalls for seconds.
  it("previews, webhook tests and validation of hostile templates answer with a problem; /health stays fast", {
    retry: 1,
  }, async () => {
    const document = {
      schemaVersion: 1,
      name: "Hostile",
      settings: { reentry: "always" },
      steps: [
        { id: "start", type: "trigger", trigger: { type: "event", event: "signed.up" }, next: "hook" },
        { id: "hook", type: "webhook", endpoint: "https://hooks.example.com/a", payload: NESTED, next: "spin" },
        { id: "spin", type: "webhook", endpoint: "https://hooks.example.com/b", payload: SPIN, next: "done" },
        { id: "done", type: "exit" },
      ],
    };
    const created = await post("/v1/journeys", { name: "Hostile", document });
    expect(created.status).toBe(201);
    // Each route once with a harmless template and once with one refused at once, unmeasured: what a process does
    // only the first time (ensure tables, compile schemas, read the source maps an error's stack is mapped with) is
    // not rendering. What is measured runs the hostile templates themselves for the first time.
    for (const payload of ["{% for i in (1..3) %}{{ i }}{% endfor %}", HUGE_RANGE]) {
      const steps = document.steps.map((s) => (s.type === "webhook" ? { ...s, payload } : s));
      const warm = await post("/v1/journeys", { name: "Warm", document: { ...document, steps } });
      expect((await post(`/v1/journeys/${warm.body.id}/validate`)).status).toBe(200);
      expect((await post("/v1/notifications/preview", { title: payload, body: payload })).status).toBe(200);
      expect(
        (await post("/v1/webhooks/test", { endpoint: "http://127.0.0.1:9/hook", payload, dryRun: true })).status,
      ).toBe(200);
    }
    const probe = await startProbe(`${server.url}/health`);
    const hostile = Promise.all([
      post("/v1/notifications/preview", { title: HUGE_RANGE, body: SPIN }),
      post("/v1/webhooks/test", { endpoint: "http://127.0.0.1:9/hook", payload: SPIN, dryRun: true }),
      post(`/v1/journeys/${created.body.id}/validate`),
    ]);
    const started = performance.now();
    const [preview, webhook, validated] = await hostile;
    const elapsed = performance.now() - started;
    const latencies = await probe.stop();

    expect(preview.status).toBe(200);
    expect(preview.body.problems).toEqual([
      { field: "title", code: "template-limit", message: expect.stringContaining("memory") },
      { field: "body", code: "template-limit", message: expect.stringContaining("time") },
    ]);
    expect(webhook.body).toMatchObject({ outcome: "failed", code: "template_limit" });
    expect(validated.body).toEqual({
      valid: false,
      problems: [
        expect.objectContaining({ code: "template-limit", stepId: "hook", field: "payload" }),
        expect.objectContaining({ code: "template-limit", stepId: "spin", field: "payload" }),
      ],
    });
    // The renders took a while (the time limit stopped them), and /health was asked many times meanwhile.
    expect(elapsed).toBeGreaterThan(300);
    expect(latencies.length).toBeGreaterThan(5);
    // Nine in ten answers within 100 ms; none held for as long as one render's time limit (500 ms), which is what a
    // render that never yields would cost. The slowest answer on a CPU-starved machine is a GC pause or a compile, not
    // a render (measured: 100–200 ms at load 10 on 2 cores, under 20 ms otherwise).
    const sorted = [...latencies].sort((a, b) => a - b);
    const shown = `/health latencies (ms): ${latencies.map(Math.round).join(", ")}`;
    expect(sorted[Math.floor(sorted.length * 0.9)], shown).toBeLessThan(100);
    expect(sorted[sorted.length - 1], shown).toBeLessThan(400);
  });
});
