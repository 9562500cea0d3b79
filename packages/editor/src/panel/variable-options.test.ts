import type { Step } from "@overture/core";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../api/api-client.ts";
import { suggestedFallback, variableOptions, variableSnippet } from "./variable-options.ts";

const catalog: Catalog = {
  events: [
    { name: "purchase.completed", count: 3, properties: ["product", "amount"] },
    { name: "portal.login", count: 9, properties: ["device"] },
  ],
  attributes: [{ name: "firstName", count: 3, samples: ["Ada"] }],
  topics: [],
  content: [],
  slots: [],
  webhookEndpoints: [],
  emailTemplates: [],
  sampled: { events: 12, customers: 3 },
};

const steps = [
  { id: "t", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "r" },
  { id: "r", type: "recommend", name: "Pick reads", count: 3, into: "reads", next: "x" },
  { id: "x", type: "exit" },
] as unknown as Step[];

describe("variableOptions", () => {
  it("offers the seen attributes, the starting event's properties (not other events'), each recommend step's items and the links", () => {
    const options = variableOptions(catalog, steps);
    expect(options.map((o) => `${o.group}: ${o.label} = ${o.snippet}`)).toEqual([
      'Customer: firstName = {{ customer.firstName | default: "there" }}',
      'Event (purchase.completed): product = {{ event.product | default: "" }}',
      'Event (purchase.completed): amount = {{ event.amount | default: "" }}',
      `Recommendations: Items of 'Pick reads' (title, link, summary) = {% for item in reads.items %}<a href="{{ item.url }}">{{ item.title }}</a> {{ item.summary }}{% endfor %}`,
      `Recommendations: Topics of 'Pick reads' = {{ reads.topics | join: ", " }}`,
      "Links: Customer portal = {{ portalUrl }}",
      "Links: Unsubscribe = {{ links.unsubscribe }}",
    ]);
  });

  it("suggests 'there' as a name's fallback (issue 15, defect 9) and keeps a typed fallback's quotes out of the Liquid", () => {
    expect(suggestedFallback("first_name")).toBe("there");
    expect(suggestedFallback("plan")).toBe("");
    expect(variableSnippet("customer.plan", 'your "plan"')).toBe('{{ customer.plan | default: "your plan" }}');
  });
});
