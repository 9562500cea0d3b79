import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  channelModules,
  registerChannel,
  registryConsentKinds,
  registryDeliveryPolicy,
  setUpChannels,
  setUpDelivery,
} from "@overture/channels";
import { channelOutboxNames, describeStep, Step, type StepType, validateJourney } from "@overture/core";
import { createSecretBox, openOverture, VirtualClock } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newStep, stepTypeLabel, stepTypes } from "../../editor/src/model/new-step.ts";
import { createApp } from "../src/index.ts";
import { postcardModule } from "./postcard/postcard-module.ts";

// Adding a channel: its folder (./postcard) and this one line. Nothing else in the code base names it.
registerChannel(postcardModule);

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const JOURNEY = {
  schemaVersion: 1,
  name: "Postcards",
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "card" },
    { id: "card", type: "postcard", message: "Thanks {{ customer.firstName }}", stamp: "fancy", next: "end" },
    { id: "end", type: "exit" },
  ],
};

describe("a throwaway channel made of one folder and one registry line", () => {
  let dataDir: string;
  let overture: Awaited<ReturnType<typeof openOverture>>;
  let setup: Awaited<ReturnType<typeof setUpChannels>>;
  let app: ReturnType<typeof createApp>;
  let secretKey: string;
  let writeKey: string;
  const call = async (method: string, path: string, body?: unknown, key = secretKey) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-throwaway-"));
    overture = await openOverture({ dataDir, clock: new VirtualClock(T0) });
    ({ secretKey, writeKey } = await overture.workspaces.ensureDefault());
    const secrets = createSecretBox("throwaway secret");
    await setUpDelivery(overture, { secrets, policy: registryDeliveryPolicy(), consent: registryConsentKinds() });
    setup = await setUpChannels(overture, {
      secrets,
      env: {},
      publicUrl: () => "http://localhost",
      dataDir,
      demo: true,
    });
    app = createApp(overture, { channels: setup });
  });
  afterAll(async () => {
    await setup?.close();
    await overture?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is known to the core, the runtime and the editor's palette", () => {
    expect(channelModules().map((m) => m.ui.spec.type)).toContain("postcard");
    expect(channelOutboxNames()).toContain("postcard");
    const { valid, document } = validateJourney(JOURNEY);
    expect(valid).toBe(true);
    // The schema applied the module's own rules: the default and the enum.
    expect(Step.safeParse({ id: "x", type: "postcard", message: "hi", stamp: "gold", next: null }).success).toBe(false);
    expect(describeStep(document!.steps[1]!)).toBe("Mails a postcard 'Thanks {{ customer.firstName }}'");
    expect(stepTypes()).toContain("postcard");
    expect(stepTypeLabel("postcard")).toBe("Postcard");
    expect(Step.parse(newStep("postcard" as StepType, "p"))).toMatchObject({
      type: "postcard",
      stamp: "plain",
      next: null,
    });
  });

  it("its own checks stop publishing, through the server's validation", async () => {
    const empty = structuredClone(JOURNEY);
    empty.steps[1] = { ...empty.steps[1]!, message: " " } as (typeof empty.steps)[1];
    const created = await call("POST", "/v1/journeys", { name: "Empty card", document: empty });
    expect(created.status).toBe(201);
    const published = await call("POST", `/v1/journeys/${created.body.id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error.problems).toEqual([
      expect.objectContaining({ path: "steps[1].message", message: "Step 'card' has no message" }),
    ]);
  });

  it("runs end to end: published, queued by the engine, held by its opt-in policy, printed once with consent", async () => {
    const created = await call("POST", "/v1/journeys", { name: "Postcards", document: JOURNEY });
    expect((await call("POST", `/v1/journeys/${created.body.id}/publish`)).status).toBe(201);
    await call("PUT", "/v1/customers/ann", { attributes: { firstName: "Ann", consent: { postcard: true } } });
    await call("PUT", "/v1/customers/bob", { attributes: { firstName: "Bob" } });
    for (const customerId of ["ann", "bob"])
      expect((await call("POST", "/v1/events", { customerId, name: "purchase.completed" }, writeKey)).status).toBe(200);
    await overture.engine.runUntilIdle();
    await overture.dispatcher.runUntilIdle();
    // Its route, served and documented by the server without the server knowing the channel.
    const sent = await call("GET", "/v1/channels/postcard/sent");
    expect(sent.body).toEqual({ sent: [{ customerId: "ann", message: "Thanks {{ customer.firstName }}" }] });
    const openapi = await call("GET", "/v1/openapi.json");
    expect(Object.keys(openapi.body.paths)).toContain("/v1/channels/postcard/sent");
    // Its dev sink got exactly one postcard, with the stamp its payload carried; its page is mounted.
    const page = await app.request("/postcards");
    expect(await page.json()).toEqual({
      printed: [{ to: "ann", message: "Thanks {{ customer.firstName }}", stamp: "fancy" }],
    });
    // Bob had not opted in: the policy's outcome, recorded as data.
    const outbox = await call("GET", "/v1/outbox?status=skipped");
    expect(outbox.status).toBe(200);
    expect(JSON.stringify(outbox.body)).toContain("bob");
  });

  it("gets the generic preview route", async () => {
    const preview = await call("POST", "/v1/channels/postcard/preview", { step: { message: "hello" } });
    expect(preview).toEqual({ status: 200, body: { kind: "text-message", body: "Dear Alex, hello" } });
    const unknown = await call("POST", "/v1/channels/carrier-pigeon/preview", { step: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain("postcard");
  });

  it("is named nowhere in the product's code: only in its folder and this test", () => {
    const root = fileURLToPath(new URL("../../..", import.meta.url));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.name === "node_modules" || e.name.startsWith(".")
          ? []
          : e.isDirectory()
            ? files(join(dir, e.name))
            : /\.(ts|tsx)$/.test(e.name)
              ? [join(dir, e.name)]
              : [],
      );
    const naming = [...files(join(root, "packages")), ...files(join(root, "apps"))]
      .filter((f) => /postcard/i.test(readFileSync(f, "utf8")))
      .map((f) => relative(root, f));
    expect(naming.sort()).toEqual([
      "packages/server/test/postcard/postcard-module.ts",
      "packages/server/test/postcard/postcard-step.ts",
      "packages/server/test/throwaway-channel.test.ts",
    ]);
  });
});
