import { describe, expect, it } from "vitest";
import { fieldProblems, fieldsToPayload, type PayloadField, payloadToFields } from "./payload-fields.ts";

const FIELDS: PayloadField[] = [
  { name: "greeting", type: "text", value: 'Hi {{ customer.first_name | default: "there" }}, "welcome"' },
  { name: "email", type: "text", value: '{{ customer.email | default: "" }}' },
  { name: "source", type: "text", value: "journey" },
  { name: "order.amount", type: "number", value: "{{ event.amount | default: 0 }}" },
  { name: "order.seats", type: "number", value: "3" },
  { name: "order.priority", type: "boolean", value: "true" },
  { name: "profile", type: "variable", value: '{{ customer.plan | default: "" }}' },
];

describe("webhook payload fields (issue 15, defect 5)", () => {
  it("writes JSON with Liquid: texts quoted by the json filter, numbers, booleans, variables as-is, dotted names nested", () => {
    expect(fieldsToPayload(FIELDS)).toBe(
      [
        "{",
        '  "greeting": {% capture _field1 %}Hi {{ customer.first_name | default: "there" }}, "welcome"{% endcapture %}{{ _field1 | json }},',
        '  "email": {{ customer.email | default: "" | json }},',
        '  "source": "journey",',
        '  "order": {',
        '    "amount": {{ event.amount | default: 0 | plus: 0 }},',
        '    "seats": 3,',
        '    "priority": true',
        "  },",
        '  "profile": {{ customer.plan | json | default: "null" }}',
        "}",
      ].join("\n"),
    );
  });

  it("reads back what it wrote, so switching between the builder and JSON keeps the payload", () => {
    const payload = fieldsToPayload(FIELDS);
    const back = payloadToFields(payload);
    expect(back?.map((f) => f.name)).toEqual(FIELDS.map((f) => f.name));
    expect(fieldsToPayload(back ?? [])).toBe(payload);
  });

  it("reads hand-written JSON of plain values and json-filtered variables; leaves what it cannot show to the JSON view", () => {
    expect(
      payloadToFields('{"name": {{ customer.firstName | json }}, "n": 2, "ok": false, "note": "Hi {{ customer.x }}"}'),
    ).toEqual([
      { name: "name", type: "text", value: "{{ customer.firstName }}" },
      { name: "n", type: "number", value: "2" },
      { name: "ok", type: "boolean", value: "false" },
      { name: "note", type: "text", value: "Hi {{ customer.x }}" },
    ]);
    expect(payloadToFields(undefined)).toEqual([]);
    expect(payloadToFields('{"tags": ["a"]}')).toBeNull();
    expect(payloadToFields('{% if customer.vip %}{"vip": true}{% endif %}')).toBeNull();
    expect(payloadToFields('{"a.b": 1}')).toBeNull();
    expect(payloadToFields('{"a": {{ customer.first_name }')).toBeNull();
  });

  it("says what is wrong with the rows, and leaves those rows out", () => {
    const rows: PayloadField[] = [
      { name: "", type: "text", value: "x" },
      { name: "a", type: "text", value: "1" },
      { name: "a.b", type: "text", value: "2" },
      { name: "n", type: "number", value: "abc" },
      { name: "hi", type: "text", value: "Hi {{ customer.first_name }" },
    ];
    expect(fieldProblems(rows)).toEqual([
      "Field 1 has no name.",
      '"a" is both a value and a group of fields.',
      '"n" is a number field but has "abc".',
      'The value of "hi" has a variable that is not closed: `{{ customer.first_name }`',
    ]);
    expect(fieldsToPayload(rows)).toBe('{\n  "a": "1"\n}');
    expect(fieldsToPayload([])).toBeUndefined();
  });
});
