import { type Delivery, InputError, PermanentError } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { withDeliveryPolicy } from "../src/policy/delivery-policy.ts";
import { type DevSmsSink, startDevSmsSink } from "../src/sms/dev-sms-sink.ts";
import { createSmsHandler } from "../src/sms/sms-handler.ts";
import { smsModule } from "../src/sms/sms-module.ts";
import { smsSettingsStore } from "../src/sms/sms-settings.ts";
import { smsStep } from "../src/sms/sms-step.ts";
import { openSmsRuntime, publishSmsStep, type SmsRuntime, smsDelivery } from "./sms-harness.ts";

let rt: SmsRuntime;
let sink: DevSmsSink;
beforeEach(async () => {
  rt = await openSmsRuntime();
  sink = await startDevSmsSink();
  rt.devSinks.set("sms", sink);
  await rt.overture.customers.upsert(rt.ws, {
    id: "c1",
    attributes: { phone: "+14155550100", firstName: "Zoé", plan: "pro", consent: { sms: true } },
  });
});
afterEach(async () => {
  await sink.close();
  await rt.cleanup();
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe("the SMS handler (real SQLite store, dev sink on loopback)", () => {
  it("renders the body with the customer's attributes and the journey context, and sends it to their phone", async () => {
    await publishSmsStep(rt, "Hi {{ customer.firstName }}, your {{ customer.plan }} order {{ event.order }} shipped");
    const handler = createSmsHandler(rt.deps);
    const detail = await handler.deliver(
      smsDelivery(rt, "c1", { trigger: { name: "go", properties: { order: "A-17" } } }),
    );
    expect(detail).toEqual({
      status: "sent",
      detail: {
        to: "+14155550100",
        sid: expect.stringMatching(/^SM/),
        status: "queued",
        segments: 1,
        encoding: "GSM-7",
      },
    });
    expect(sink.messages()).toEqual([
      expect.objectContaining({ to: "+14155550100", body: "Hi Zoé, your pro order A-17 shipped", workspaceId: rt.ws }),
    ]);
    // A retry of the same delivery (its answer lost) does not send a second SMS.
    await handler.deliver(smsDelivery(rt, "c1", { trigger: { name: "go", properties: { order: "A-17" } } }));
    expect(sink.messages()).toHaveLength(1);
  });

  it("sends with the workspace's own settings when it has them, not the sink's account", async () => {
    await publishSmsStep(rt, "Hello");
    await smsSettingsStore(rt.deps.store, rt.deps.secrets).put(
      rt.ws,
      { accountSid: `AC${"2".repeat(32)}`, authToken: "not-the-sink-token", from: "+15005550001", apiBase: sink.url },
      rt.clock.now(),
    );
    const error = await failureOf(createSmsHandler(rt.deps).deliver(smsDelivery(rt, "c1")));
    // The sink only knows its own account: the workspace's was used (and refused).
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain("Twilio 20003");
  });

  it("refuses a file include in the body: a dead letter, nothing sent, no file read", async () => {
    await publishSmsStep(rt, '{% include "package.json" %}');
    const error = await failureOf(createSmsHandler(rt.deps).deliver(smsDelivery(rt, "c1")));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: "sms_render_failed" });
    expect((error as Error).message).toContain("partials are not available");
    expect(sink.messages()).toEqual([]);
  });

  it("dead-letters a body needing a variable the customer lacks, naming it", async () => {
    await publishSmsStep(rt, "Your code is {{ customer.code }}");
    const error = await failureOf(createSmsHandler(rt.deps).deliver(smsDelivery(rt, "c1")));
    expect(error).toMatchObject({ code: "sms_render_failed" });
    expect((error as Error).message).toContain("customer.code has no value");
  });

  it("skips a customer without a phone or with one not in E.164, with the reason", async () => {
    await publishSmsStep(rt, "Hello");
    await rt.overture.customers.upsert(rt.ws, { id: "c2", attributes: { firstName: "No phone" } });
    await rt.overture.customers.upsert(rt.ws, { id: "c3", attributes: { phone: "06 12 34 56 78" } });
    const handler = createSmsHandler(rt.deps);
    // Expected gaps in the data are outcomes, not errors.
    expect(await handler.deliver(smsDelivery(rt, "c2"))).toMatchObject({ status: "skipped", code: "no_phone" });
    const malformed = await handler.deliver(smsDelivery(rt, "c3"));
    expect(malformed).toMatchObject({ status: "skipped", code: "invalid_phone" });
    expect(JSON.stringify(malformed)).toContain('\\"06 12 34 56 78\\" is not in E.164');
    expect(sink.messages()).toEqual([]);
  });

  it("holds the SMS of a workspace with no settings and no dev sink, without spending an attempt", async () => {
    await publishSmsStep(rt, "Hello");
    rt.devSinks.clear();
    const outcome = await createSmsHandler(rt.deps).deliver(smsDelivery(rt, "c1"));
    expect(outcome).toMatchObject({
      status: "deferred",
      code: "sms_not_configured",
      until: rt.clock.now() + 15 * 60_000,
    });
  });

  it("with the module's policy, a customer who did not opt in to SMS is skipped (email consent does not count)", async () => {
    await publishSmsStep(rt, "Hello");
    await rt.overture.customers.upsert(rt.ws, {
      id: "c4",
      attributes: { phone: "+14155550144", consent: { email: true } },
    });
    const handler = withDeliveryPolicy(createSmsHandler(rt.deps), {
      store: rt.overture.store,
      clock: rt.clock,
      policy: { quietHours: null, channels: { sms: smsModule.policy } },
    });
    const delivery: Delivery = { ...smsDelivery(rt, "c4"), key: "k-c4" };
    // The policy's refusal is an outcome, not an error.
    const outcome = await handler.deliver(delivery);
    expect(outcome).toMatchObject({ status: "skipped", code: "no_consent" });
    expect(JSON.stringify(outcome)).toContain("sms needs opt-in");
    await handler.deliver(smsDelivery(rt, "c1"));
    expect(sink.messages().map((m) => m.to)).toEqual(["+14155550100"]);
  });
});

describe("the SMS step's preview, problems and payload", () => {
  it("previews the body for a sample customer with its segments", async () => {
    const preview = await smsModule.preview!(
      {
        workspaceId: rt.ws,
        step: { body: "Hi {{ customer.firstName }} 👋" },
        customer: { id: "s", firstName: "Alex", phone: "+14155550100" },
      },
      rt.deps,
    );
    expect(preview).toEqual({
      kind: "text-message",
      from: sink.from,
      to: "+14155550100",
      body: "Hi Alex 👋",
      segments: 1,
      encoding: "UCS-2",
    });
    const error = await failureOf(
      smsModule.preview!({ workspaceId: rt.ws, step: { body: "{% if %}" }, customer: {} }, rt.deps),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ problems: [{ path: "step.body" }] });
  });

  it("names each SMS step's Liquid problem with its path", async () => {
    const problems = await smsModule.problems!({
      steps: [
        { id: "a", type: "sms", body: "Hi {{ custmer.firstName }}" },
        { id: "b", type: "email", body: "{{ nope }}" },
        { id: "c", type: "sms", body: '{% render "x" %}' },
        { id: "d", type: "sms", body: "Fine {{ customer.firstName | default: 'you' }}" },
      ],
    });
    expect(problems.map((p) => [p.stepId, p.path, p.code])).toEqual([
      ["a", "steps[0].body", "unknown-variable"],
      ["c", "steps[2].body", "partial-not-allowed"],
    ]);
  });

  it("queues the journey context and counts segments under the panel's field", () => {
    const spec = smsStep.spec;
    const step = { id: "s", type: "sms", next: null, body: "Hi" };
    expect(spec.payload(step, { context: { trigger: { name: "go" } }, now: 0 })).toEqual({
      context: { trigger: { name: "go" } },
    });
    expect(spec.summary!({ ...step, body: `Your   code\nis ${"9".repeat(60)}` }, {})).toMatch(
      /^Sends SMS 'Your code is 9+…'$/,
    );
    const field = smsStep.panel[0];
    expect(field?.kind === "template" && field.counter?.("a".repeat(161))).toBe(
      "2 segments · GSM-7 · 161 of 306 characters",
    );
    const fields = z.object(spec.fields);
    expect(fields.safeParse({ body: "Hi" }).success).toBe(true);
    expect(fields.safeParse({ body: "" }).success).toBe(false);
    expect(fields.safeParse({ body: "x".repeat(1601) }).success).toBe(false);
  });
});

describe("the editor's test send (POST /v1/channels/sms/test)", () => {
  const testSend = (body: unknown) =>
    smsModule
      .routes!.find((r) => r.operationId === "testSms")!
      .handle({
        deps: rt.deps,
        workspaceId: rt.ws,
        body,
        params: {},
        query: {},
        headers: new Headers(),
        url: "http://127.0.0.1/v1/channels/sms/test",
      });

  it("renders the body for the customer named (or a sample) and sends it now, each time", async () => {
    const sent = await testSend({ to: "+14155550111", body: "Hi {{ customer.firstName }}", customerId: "c1" });
    expect(sent).toEqual({
      sid: expect.stringMatching(/^SM/),
      to: "+14155550111",
      body: "Hi Zoé",
      segments: 1,
      encoding: "GSM-7",
    });
    await testSend({ to: "+14155550111", body: "Hi {{ customer.firstName }}" });
    expect(sink.messages().map((m) => m.body)).toEqual(["Hi Zoé", "Hi Alex"]);
  });

  it("names the field of each refusal", async () => {
    const problemOf = async (body: unknown) => {
      const error = await failureOf(testSend(body));
      expect(error).toBeInstanceOf(InputError);
      const e = error as InputError;
      return [e.code, e.problems[0]?.path];
    };
    expect(await problemOf({ to: "0612345678", body: "Hi" })).toEqual(["invalid_input", "to"]);
    expect(await problemOf({ to: "+14155550111", body: "" })).toEqual(["invalid_input", "body"]);
    expect(await problemOf({ to: "+14155550111", body: '{% include "x" %}' })).toEqual(["invalid_input", "body"]);
    expect(await problemOf({ to: "+14155550111", body: "Hi", customerId: "nobody" })).toEqual([
      "not_found",
      "customerId",
    ]);
    sink.failNext({ status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" });
    expect(await problemOf({ to: "+14155550111", body: "Hi" })).toEqual(["invalid_input", "to"]);
    sink.failNext({ status: 503 });
    expect(await problemOf({ to: "+14155550111", body: "Hi" })).toEqual(["unavailable", undefined]);
    rt.devSinks.clear();
    expect(await problemOf({ to: "+14155550111", body: "Hi" })).toEqual(["unavailable", undefined]);
    expect(sink.messages()).toEqual([]);
  });
});
