import { describe, expect, it } from "vitest";
import { z } from "zod";
import { previewPush } from "./preview-push.ts";
import { pushProblems } from "./push-problems.ts";
import { pushStep } from "./push-step.ts";

const fields = z.object(pushStep.spec.fields);

describe("web push step (issue 17)", () => {
  it("takes title, body, url and icon; refuses an empty title and a body over 1000 characters, naming the field", () => {
    expect(fields.safeParse({ title: "Hi", body: "There", url: "https://a.example/{{ customer.id }}" }).success).toBe(
      true,
    );
    const refused = fields.safeParse({ title: "", body: "x".repeat(1001) });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["title", "write a title"],
      ["body", "the body is at most 1000 characters"],
    ]);
    expect(fields.safeParse(pushStep.defaults).success).toBe(true);
  });

  it("queues the journey context (a copy) and sums itself up by its title", () => {
    const context = { trigger: { name: "signed_up" } };
    const step = { id: "p", type: "push", next: null, title: "Welcome", body: "b" };
    const payload = pushStep.spec.payload(step, { context, now: 0 });
    expect(payload).toEqual({ context });
    expect(payload.context).not.toBe(context);
    expect(pushStep.spec.summary?.(step, {})).toBe("Sends web push 'Welcome'");
    expect(pushStep.spec).toMatchObject({ type: "push", channel: "push", label: "Web push" });
  });

  it("previews as a push card for a sample customer, placeholders for what it lacks", async () => {
    const card = await previewPush(
      {
        title: "Hi {{ customer.firstName }}",
        body: "Plan: {{ customer.plan }}",
        url: "https://a.example/{{ customer.id }}",
      },
      { id: "c1", firstName: "Ada" },
    );
    expect(card).toEqual({ kind: "push-card", title: "Hi Ada", body: "Plan: [plan]", url: "https://a.example/c1" });
  });

  it("finds Liquid problems in a draft's push steps at their field's path", async () => {
    const draft = {
      steps: [
        { id: "t", type: "trigger" },
        { id: "p", type: "push", title: "Hi {{ custmer.name }}", body: "{% if %}" },
        { id: "e", type: "email", subject: "{{ custmer }}" },
      ],
    };
    const problems = await pushProblems(draft);
    expect(problems.map((p) => [p.path, p.code, p.stepId])).toEqual([
      ["steps[1].title", "unknown-variable", "p"],
      ["steps[1].body", "liquid-syntax", "p"],
    ]);
    expect(await pushProblems("not a draft")).toEqual([]);
  });
});
