import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountEditor } from "./editor-routes.ts";

/** What the Node adapter puts in a request's env: the socket it came in on. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe("mountEditor", () => {
  let dist: string;
  let app: Hono;
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), "overture-editor-dist-"));
    await mkdir(join(dist, "assets"));
    await writeFile(join(dist, "index.html"), "<!doctype html><title>editor</title>");
    await writeFile(join(dist, "assets", "app-1234.js"), "console.log(1)");
    await writeFile(join(tmpdir(), "outside-the-dist.txt"), "secret");
    app = new Hono();
    mountEditor(app, { distDir: dist, localApiKey: "ovt_sk_local" });
    app.get("/mailbox", (c) => c.text("mailbox"));
  });
  afterAll(() => rm(dist, { recursive: true, force: true }));

  it("hands the key only to requests from loopback that name this machine", async () => {
    const config = (host: string, address: string) =>
      Promise.resolve(app.request("/editor-config", { headers: { host } }, from(address))).then(
        (r) => r.json() as Promise<{ apiKey: string | null }>,
      );
    expect(await config("localhost:3000", "127.0.0.1")).toEqual({ apiKey: "ovt_sk_local" });
    expect(await config("127.0.0.1:3000", "::ffff:127.0.0.1")).toEqual({ apiKey: "ovt_sk_local" });
    expect(await config("localhost:3000", "192.168.1.20")).toEqual({ apiKey: null });
    expect(await config("attacker.example:3000", "127.0.0.1")).toEqual({ apiKey: null });
    expect(await (await app.request("/editor-config", { headers: { host: "localhost" } })).json()).toEqual({
      apiKey: null,
    });
  });

  it("gives no key to a request a reverse proxy on this machine forwarded (issue 12, finding 3)", async () => {
    for (const header of ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host"]) {
      const response = await app.request(
        "/editor-config",
        { headers: { host: "localhost:3000", [header]: "203.0.113.9" } },
        from("127.0.0.1"),
      );
      expect(await response.json(), header).toEqual({ apiKey: null });
    }
  });

  it("serves index.html at / and hashed assets, and leaves every other path to other routes", async () => {
    const index = await app.request("/");
    expect(index.status).toBe(200);
    expect(await index.text()).toContain("<title>editor</title>");
    const asset = await app.request("/assets/app-1234.js");
    expect(asset.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await app.request("/assets/missing.js")).status).toBe(404);
    expect((await app.request("/assets/..%2F..%2Foutside-the-dist.txt")).status).toBe(404);
    expect(await (await app.request("/mailbox")).text()).toBe("mailbox");
  });

  it("says how to build the editor when it is not built", async () => {
    const bare = new Hono();
    mountEditor(bare, { distDir: join(dist, "nowhere") });
    const response = await bare.request("/");
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("npm run build:editor");
  });
});
