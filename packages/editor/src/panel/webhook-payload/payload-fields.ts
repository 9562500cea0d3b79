/**
 * The webhook payload as rows of fields, for the field builder. The step still stores the payload as JSON with
 * Liquid (what the runtime renders and sends); the builder writes that JSON and reads back what it wrote, so the two
 * views are one payload. JSON it cannot read (arrays, `{% if %}` around keys…) stays in the JSON view.
 */

/** How a field's value is sent: text (variables inside it), a number, true/false, or a variable's value as it is. */
export const FIELD_TYPES = {
  text: "Text",
  number: "Number",
  boolean: "True/false",
  variable: "Variable as-is",
} as const;
export type FieldType = keyof typeof FIELD_TYPES;

/**
 * One row: `name` may be dotted (`customer.plan` sends `{"customer": {"plan": …}}`). `value` is what the author
 * typed: text with `{{ … }}` variables, a number or one variable, `true`/`false`, or a variable's path.
 */
export type PayloadField = { name: string; type: FieldType; value: string };

/** A single Liquid output and nothing else: `{{ customer.plan | default: "" }}`. */
const ONE_OUTPUT = /^\{\{(?:(?!\}\})[\s\S])*\}\}$/;
const HAS_LIQUID = /\{\{|\{%/;
const PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\])*$/;

/** The path of a variable typed or inserted as `{{ customer.plan | default: "" }}` or written as `customer.plan`. */
export function variablePath(value: string): string {
  const inner = value
    .trim()
    .replace(/^\{\{-?\s*/, "")
    .replace(/\s*-?\}\}$/, "");
  return inner.split("|")[0]?.trim() ?? "";
}

/** What is wrong with the rows, in words (a blank name, the same name twice, a name that is both a value and a group). */
export function fieldProblems(fields: readonly PayloadField[]): string[] {
  const problems: string[] = [];
  const names = fields.map((f) => f.name.trim());
  names.forEach((name, i) => {
    if (!name) problems.push(`Field ${i + 1} has no name.`);
    else if (name.split(".").some((part) => !part)) problems.push(`"${name}" has an empty part between dots.`);
    else if (names.indexOf(name) !== i) problems.push(`"${name}" is there twice.`);
    else if (names.some((other) => other.startsWith(`${name}.`)))
      problems.push(`"${name}" is both a value and a group of fields.`);
  });
  for (const f of fields) {
    const problem = valueProblem(f);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** What is wrong with a row's value for its type, or null. */
function valueProblem(f: PayloadField): string | null {
  const open = unclosed(f.value);
  if (open)
    return `The value of "${f.name}" has a ${open.startsWith("{{") ? "variable" : "tag"} that is not closed: \`${open}\``;
  if (f.type === "number" && f.value.trim() && !ONE_OUTPUT.test(f.value.trim()) && !Number.isFinite(Number(f.value)))
    return `"${f.name}" is a number field but has "${f.value}".`;
  if (f.type === "variable" && !PATH.test(variablePath(f.value)))
    return `"${f.name}" needs a variable, picked from the menu.`;
  return null;
}

/** The first `{{` without its `}}` (or `{%` without `%}`) before the next one opens, as typed; null when all close. */
export function unclosed(value: string): string | null {
  for (const m of value.matchAll(/\{\{|\{%/g)) {
    const rest = value.slice(m.index);
    const closer = m[0] === "{{" ? "}}" : "%}";
    const end = rest.indexOf(closer, 2);
    const next = rest.slice(2).search(/\{\{|\{%/);
    if (end === -1 || (next !== -1 && next + 2 < end)) return rest.slice(0, next === -1 ? undefined : next + 2).trim();
  }
  return null;
}

/** The Liquid-and-JSON text a field's value is sent as; `index` names the capture a text with variables is built in. */
function valueSource(field: PayloadField, index: number): string {
  const value = field.value;
  switch (field.type) {
    case "text":
      if (!HAS_LIQUID.test(value)) return JSON.stringify(value);
      if (ONE_OUTPUT.test(value.trim())) return `${value.trim().slice(0, -2).trimEnd()} | json }}`;
      // Text around variables: built whole, then quoted by the json filter, so a quote in a value cannot break it.
      return `{% capture _field${index} %}${value}{% endcapture %}{{ _field${index} | json }}`;
    case "number":
      if (ONE_OUTPUT.test(value.trim())) return `${value.trim().slice(0, -2).trimEnd()} | plus: 0 }}`;
      return String(Number(value.trim() || 0));
    case "boolean":
      return value === "true" ? "true" : "false";
    case "variable":
      // A missing value is sent as null, not as nothing (which would not be JSON).
      return `{{ ${variablePath(value)} | json | default: "null" }}`;
  }
}

/** Stands for a Liquid value in the JSON read back; no text a person types starts with a NUL. */
const SLOT = "\u0000slot:";

type Tree = Map<string, Tree | string>;

/**
 * The payload template for the rows: a JSON object, dotted names nested, two-space indented. No rows: undefined,
 * which sends the standard body. Rows with problems ({@link fieldProblems}) are left out.
 */
export function fieldsToPayload(fields: readonly PayloadField[]): string | undefined {
  if (fields.length === 0) return undefined;
  const root: Tree = new Map();
  fields.forEach((field, i) => {
    const parts = field.name.trim().split(".");
    if (parts.some((p) => !p) || valueProblem(field)) return;
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node.get(part);
      if (typeof next === "string") return;
      if (!next) node.set(part, new Map());
      node = node.get(part) as Tree;
    }
    const last = parts[parts.length - 1] as string;
    if (!node.has(last)) node.set(last, valueSource(field, i + 1));
  });
  return write(root, "");
}

function write(tree: Tree, indent: string): string {
  if (tree.size === 0) return "{}";
  const inner = `${indent}  `;
  const lines = [...tree].map(
    ([key, v]) => `${inner}${JSON.stringify(key)}: ${typeof v === "string" ? v : write(v, inner)}`,
  );
  return `{\n${lines.join(",\n")}\n${indent}}`;
}

/** The value forms the builder writes, found in a payload template, each with the field it reads back as. */
const VALUE_FORMS: { pattern: RegExp; field: (m: RegExpExecArray) => Omit<PayloadField, "name"> }[] = [
  {
    pattern: /\{%-?\s*capture\s+(\w+)\s*-?%\}([\s\S]*?)\{%-?\s*endcapture\s*-?%\}\{\{-?\s*(\w+)\s*\|\s*json\s*-?\}\}/y,
    field: (m) => ({ type: "text", value: m[2] ?? "" }),
  },
  {
    pattern: /\{\{-?\s*([\w.[\]-]+)\s*\|\s*json\s*\|\s*default:\s*"null"\s*-?\}\}/y,
    field: (m) => ({ type: "variable", value: `{{ ${m[1]} }}` }),
  },
  {
    pattern: /\{\{(-?(?:(?!\}\})[\s\S])*?)\|\s*plus:\s*0\s*-?\}\}/y,
    field: (m) => ({ type: "number", value: `{{${(m[1] ?? "").trimEnd()} }}` }),
  },
  {
    pattern: /\{\{(-?(?:(?!\}\})[\s\S])*?)\|\s*json\s*-?\}\}/y,
    field: (m) => ({ type: "text", value: `{{${(m[1] ?? "").trimEnd()} }}` }),
  },
];

/**
 * The rows a payload template reads back as, or null when the builder cannot show it (not a JSON object of values
 * the builder writes: arrays, null, Liquid tags around keys, a key with a dot…). No payload: no rows.
 */
export function payloadToFields(payload: string | undefined): PayloadField[] | null {
  if (!payload?.trim()) return [];
  const values: Omit<PayloadField, "name">[] = [];
  let skeleton = "";
  let inString = false;
  for (let i = 0; i < payload.length; ) {
    const ch = payload[i] as string;
    if (inString) {
      skeleton += ch;
      if (ch === "\\") skeleton += payload[i + 1] ?? "";
      else if (ch === '"') inString = false;
      i += ch === "\\" ? 2 : 1;
      continue;
    }
    if (ch === '"') {
      inString = true;
      skeleton += ch;
      i++;
      continue;
    }
    if (ch === "{" && (payload[i + 1] === "{" || payload[i + 1] === "%")) {
      const form = VALUE_FORMS.map((f) => {
        f.pattern.lastIndex = i;
        const m = f.pattern.exec(payload);
        return m && { m, f };
      }).find(Boolean);
      if (!form || (form.m[1] && form.m[3] && form.m[1] !== form.m[3])) return null;
      skeleton += JSON.stringify(`${SLOT}${values.length}`);
      values.push(form.f.field(form.m));
      i += form.m[0].length;
      continue;
    }
    skeleton += ch;
    i++;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(skeleton);
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  const fields: PayloadField[] = [];
  const walk = (node: Record<string, unknown>, prefix: string): boolean =>
    Object.entries(node).every(([key, v]) => {
      if (!key || key.includes(".")) return false;
      const name = prefix + key;
      if (isObject(v)) return Object.keys(v).length > 0 && walk(v, `${name}.`);
      if (typeof v === "string") {
        const found = v.startsWith(SLOT) ? values[Number(v.slice(SLOT.length))] : undefined;
        fields.push(found ? { name, ...found } : { name, type: "text", value: v });
        return true;
      }
      if (typeof v === "number") fields.push({ name, type: "number", value: String(v) });
      else if (typeof v === "boolean") fields.push({ name, type: "boolean", value: String(v) });
      else return false;
      return true;
    });
  return walk(parsed, "") ? fields : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
