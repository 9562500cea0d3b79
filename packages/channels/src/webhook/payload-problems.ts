import type { Template } from "liquidjs";
import type { EmailProblemCode, TemplateProblem } from "../email/email-problem.ts";
import { draftSteps, recommendKeys } from "../email/email-problems.ts";
import { liquidFieldProblems, liquidProblem } from "../email/liquid.ts";
import type { JourneyTemplateProblem } from "../notifications/notification-problems.ts";
import { templateRefusal } from "../templates/template-sandbox.ts";
import { jsonErrorOffset } from "./json-error-offset.ts";
import { payloadLiquid } from "./render-payload.ts";

/** The variables every payload can use: the journey context (`trigger`, recommend results) comes on top. */
export const PAYLOAD_VARIABLES = ["customer", "event", "context", "journey", "trigger"] as const;

/**
 * What can be wrong with a payload template: bad Liquid (`liquid-syntax`), a variable no payload has, output that is
 * not JSON, or what the template sandbox refuses (`template-limit`, `partial-not-allowed`).
 */
export type PayloadProblem = TemplateProblem<"payload", EmailProblemCode | "payload-not-json">;

/** Beyond this many top-level parts, a payload that is not JSON is reported at its start rather than located. */
const MAX_LOCATED_PARTS = 200;
/** Locating renders the template once per part; past this many milliseconds in all, it is reported at its start. */
const LOCATE_BUDGET_MS = 250;

/**
 * Checks the payload template of every webhook step of a journey document: see {@link checkPayloadTemplate}. Each
 * problem has the step id, the path `steps[2].payload`, line and column.
 */
export async function webhookPayloadProblems(document: unknown): Promise<JourneyTemplateProblem[]> {
  const steps = draftSteps(document);
  const known = new Set<string>([...PAYLOAD_VARIABLES, ...recommendKeys(steps)]);
  const problems: JourneyTemplateProblem[] = [];
  for (const [index, step] of steps.entries()) {
    if (typeof step !== "object" || step === null) continue;
    const { type, id, payload } = step as Record<string, unknown>;
    if (type !== "webhook" || typeof id !== "string" || typeof payload !== "string") continue;
    for (const p of await checkPayloadTemplate(payload, known))
      problems.push({ ...p, path: `steps[${index}].payload`, stepId: id });
  }
  return problems;
}

/**
 * A payload's problems before any customer exists: Liquid syntax, unknown variables, then whether it renders to
 * JSON with sample values (each variable it reads as a text such as `"[firstName]"`) within the template sandbox's
 * limits. A value printed without the `json` filter breaks the JSON as soon as it is text, so it is reported where
 * it is printed. [] when fine.
 */
export async function checkPayloadTemplate(source: string, known: ReadonlySet<string>): Promise<PayloadProblem[]> {
  const liquid = await liquidFieldProblems(payloadLiquid, source, "payload", { known, what: "webhook payload" });
  if (liquid.length > 0) return liquid;
  const template = payloadLiquid.parse(source);
  const paths = Object.values((await payloadLiquid.analyze(template)).globals).flatMap((uses) =>
    uses.map((u) => u.segments.map(String)),
  );
  const asText = await renderParts(
    template,
    sampleScope(paths, (name) => `[${name}]`),
  );
  if (asText === null) return [];
  if ("problem" in asText) return [asText.problem];
  const offset = jsonErrorOffset(asText.text);
  if (offset === null) return [];
  const part = partAt(asText, offset);
  const at = part === null ? source.length : sourceOffset(source, template, asText, part, offset);
  const [line, column] = lineAndColumn(source, at);
  const asNumbers = await renderParts(
    template,
    sampleScope(paths, () => 1),
  );
  const printed = part === null ? "" : source.slice(template[part]?.token.begin, template[part]?.token.end);
  if (
    asNumbers !== null &&
    !("problem" in asNumbers) &&
    jsonErrorOffset(asNumbers.text) === null &&
    printed.startsWith("{{")
  ) {
    const inner = printed.slice(2, -2).trim();
    const message = `${printed} prints a value without the json filter: when it is text the payload is not JSON; write {{ ${inner} | json }}`;
    return [{ code: "payload-not-json", message, line, column, field: "payload" }];
  }
  const excerpt = asText.text.length > 120 ? `${asText.text.slice(0, 120)}…` : asText.text;
  const message = `with sample values the payload is not JSON from here (it renders ${JSON.stringify(excerpt)}); quote texts with the json filter: {{ customer.firstName | json }}`;
  return [{ code: "payload-not-json", message, line, column, field: "payload" }];
}

/** A scope with every path the template reads, each ending in `leaf(name)`, and the ids a payload always has. */
function sampleScope(paths: string[][], leaf: (name: string) => unknown): Record<string, unknown> {
  const scope: Record<string, unknown> = {
    customer: { id: "sample-customer" },
    journey: { id: "sample-journey", version: 1, stepId: "sample-step" },
  };
  for (const path of [...paths].sort((a, b) => b.length - a.length)) {
    let node = scope;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const existing = node[segment];
      if (typeof existing === "object" && existing !== null) node = existing as Record<string, unknown>;
      else if (last) node[segment] ??= leaf(segment);
      else node = node[segment] = {};
    });
  }
  return scope;
}

type Rendered = { text: string; ends: number[] | null };

/**
 * Renders the template, and where each top-level part's output ends (null ends when there are too many parts, or
 * locating would take too long); the problem when the sandbox refuses it; null when it fails otherwise.
 */
async function renderParts(
  template: Template[],
  scope: Record<string, unknown>,
): Promise<Rendered | { problem: PayloadProblem } | null> {
  try {
    const started = performance.now();
    const text = String(await payloadLiquid.render(template, scope));
    const took = performance.now() - started;
    if (template.length > MAX_LOCATED_PARTS || took * template.length > LOCATE_BUDGET_MS) return { text, ends: null };
    const ends: number[] = [];
    // Prefixes, not parts alone: an {% assign %} in one part changes what the next renders.
    for (let k = 1; k <= template.length; k++)
      ends.push(String(await payloadLiquid.render(template.slice(0, k), scope)).length);
    return { text, ends };
  } catch (error) {
    // Over a limit with sample values is over it for customers too; any other failure says nothing certain.
    return templateRefusal(error) ? { problem: liquidProblem(error, "payload") } : null;
  }
}

/** The index of the top-level part whose output holds `offset`; null past the end (the payload stops too early). */
function partAt(rendered: Rendered, offset: number): number | null {
  if (rendered.ends === null) return 0;
  const k = rendered.ends.findIndex((end) => end > offset);
  return k === -1 ? null : k;
}

/** Inside plain text the exact character; inside a tag or an output, where it starts. */
function sourceOffset(source: string, template: Template[], rendered: Rendered, part: number, offset: number): number {
  if (rendered.ends === null) return 0;
  const start = part === 0 ? 0 : (rendered.ends[part - 1] ?? 0);
  const text = rendered.text.slice(start, rendered.ends[part]);
  const begin = template[part]?.token.begin ?? 0;
  // Plain text renders as itself; anything else is pointed at where it starts.
  return source.startsWith(text, begin) && source.slice(begin, template[part]?.token.end) === text
    ? begin + (offset - start)
    : begin;
}

function lineAndColumn(source: string, offset: number): [number, number] {
  const before = source.slice(0, offset);
  return [before.split("\n").length, offset - before.lastIndexOf("\n")];
}
