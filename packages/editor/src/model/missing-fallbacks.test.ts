import type { Step } from "@overture/core";
import { describe, expect, it } from "vitest";
import { missingFallbacks, unguardedVariables } from "./missing-fallbacks.ts";

describe("missing fallbacks (issue 15, defect 9)", () => {
  it("finds a customer's value printed bare, not one with a default, in an if that tests it, or a link", () => {
    expect(
      unguardedVariables("Hi {{ customer.first_name }}, {{ customer.plan | default: 'x' }} {{ portalUrl }}"),
    ).toEqual(["customer.first_name"]);
    expect(
      unguardedVariables(
        "{% if trigger.properties.product %} of {{ trigger.properties.product }}{% endif %} {{ event.x }}",
      ),
    ).toEqual(["event.x"]);
    expect(unguardedVariables("{% for item in reads.items %}{{ item.title }}{% endfor %}")).toEqual([]);
  });

  it("names the email and the field (a block by its number) in words", () => {
    const steps = [
      {
        id: "mail",
        name: "Welcome",
        type: "email",
        subject: "Hi {{ customer.first_name }}",
        body: "",
        blocks: [{ type: "text", text: "{{ customer.plan }}" }],
      },
      { id: "ok", type: "email", subject: 'Hi {{ customer.first_name | default: "there" }}', body: "<mjml></mjml>" },
    ] as unknown as Step[];
    expect(missingFallbacks(steps).map((w) => `${w.where}: ${w.text}`)).toEqual([
      'Welcome: The subject shows customer.first_name with no fallback: a customer without it gets no email. Write {{ customer.first_name | default: "…" }}.',
      'Welcome: The text block 1 shows customer.plan with no fallback: a customer without it gets no email. Write {{ customer.plan | default: "…" }}.',
    ]);
  });
});

describe("missing fallbacks in other channels' Liquid fields (issue 17)", () => {
  it("warns for an SMS body and a push title printing a customer's value bare, naming the channel", () => {
    const steps = [
      {
        id: "remind",
        type: "sms",
        name: "Reminder",
        body: "Hi {{ customer.firstName }}, reply STOP to stop",
        next: null,
      },
      {
        id: "nudge",
        type: "push",
        title: "{{ customer.plan | default: 'Your plan' }} is ready",
        body: "For {{ customer.company }}",
        next: null,
      },
    ] as unknown as Step[];
    expect(missingFallbacks(steps).map((w) => [w.stepId, w.text])).toEqual([
      [
        "remind",
        'The message shows customer.firstName with no fallback: a customer without it gets no text. Write {{ customer.firstName | default: "…" }}.',
      ],
      [
        "nudge",
        'The body shows customer.company with no fallback: a customer without it gets no push notification. Write {{ customer.company | default: "…" }}.',
      ],
    ]);
  });
});
