import { describe, expect, it } from "vitest";
import { checkPayloadTemplate, PAYLOAD_VARIABLES } from "./payload-problems.ts";

const known = new Set<string>([...PAYLOAD_VARIABLES, "recommendations"]);

describe("checkPayloadTemplate", () => {
  it("accepts payloads that are JSON for any value", async () => {
    for (const source of [
      "{}",
      '{ "order": {{ event.properties.order | json }}, "who": {{ customer.id | json }} }',
      '{ "name": "{{ customer.firstName }}", "step": {{ journey.stepId | json }} }',
      '{% assign n = customer.firstName | json %}{ "n": {{ n }} }',
      '{ "items": [{% for item in recommendations.items %}{{ item.id | json }}{% unless forloop.last %},{% endunless %}{% endfor %}] }',
      '{% if customer.vip %}{ "vip": true }{% else %}{ "vip": false }{% endif %}',
    ]) {
      expect(await checkPayloadTemplate(source, known), source).toEqual([]);
    }
  });

  it("reports Liquid that does not parse, and variables no payload has, with line and column", async () => {
    expect(await checkPayloadTemplate('{\n  "a": {{ customer.id | json }\n}', known)).toEqual([
      expect.objectContaining({ code: "liquid-syntax", field: "payload", line: 2, column: 8 }),
    ]);
    expect(await checkPayloadTemplate('{ "a": {{ custmer.id | json }} }', known)).toEqual([
      expect.objectContaining({
        code: "unknown-variable",
        line: 1,
        column: 11,
        message: expect.stringContaining("custmer"),
      }),
    ]);
  });

  it("reports a value printed without the json filter where it is printed", async () => {
    const [problem] = await checkPayloadTemplate('{\n  "name": {{ customer.firstName }}\n}', known);
    expect(problem).toMatchObject({ code: "payload-not-json", line: 2, column: 11 });
    expect(problem?.message).toContain("{{ customer.firstName | json }}");
  });

  it("reports plain text that is not JSON at its exact place, and a payload that stops too early at its end", async () => {
    const [comma] = await checkPayloadTemplate('{ "a": {{ customer.id | json }},\n  "b": 1,\n}', known);
    expect(comma).toMatchObject({ code: "payload-not-json", line: 3, column: 1 });
    const [short] = await checkPayloadTemplate('{ "a": [{{ customer.id | json }}', known);
    expect(short).toMatchObject({ code: "payload-not-json", line: 1, column: 33 });
  });
});
