import type { Liquid, Template } from "liquidjs";
import { liquidSyntaxWords } from "../templates/liquid-words.ts";
import { createTemplateEngine, templateRefusal } from "../templates/template-sandbox.ts";
import type { TemplateProblem } from "./email-problem.ts";

/**
 * The Liquid convention of Overture templates: a variable printed without a `| default:` filter is required (the
 * email is not sent when it is missing); a variable in an `{% if %}` condition or with `| default:` is optional.
 * liquidjs calls this strictVariables with lenientIf. Filters must exist (strictFilters).
 */
const shared = {
  strictVariables: true,
  lenientIf: true,
  strictFilters: true,
  ownPropertyOnly: true,
  cache: 200,
} as const;

/** For the HTML body: printed values are HTML-escaped, so a customer's name cannot inject markup. */
export const htmlLiquid = createTemplateEngine({ ...shared, outputEscape: "escape" });
/** For the subject and preheader, which are plain text. */
export const textLiquid = createTemplateEngine(shared);

type LiquidFailure = { name?: string; message?: string; token?: { getPosition?: () => [number, number] } };

/**
 * A liquidjs error as a problem with its position (liquidjs appends ", line:L, col:C" to its messages; dropped):
 * what the sandbox refused (`template-limit`, `partial-not-allowed`), a missing variable, or a syntax error, told
 * about the author's own text when `source` (the field's text) is given.
 */
export function liquidProblem<F extends string>(error: unknown, field: F, source?: string): TemplateProblem<F> {
  const e = error as LiquidFailure;
  const [line, column] = e.token?.getPosition?.() ?? [1, 1];
  const refused = templateRefusal(error);
  if (refused) return { ...refused, line, column, field };
  const message = String(e.message ?? error).replace(/, line:\d+, col:\d+$/, "");
  if (e.name === "UndefinedVariableError") {
    const name = message.replace(/^undefined variable: /, "");
    return {
      code: "missing-variable",
      message: `${name} has no value (write {{ ${name} | default: "…" }} to make it optional)`,
      line,
      column,
      field,
    };
  }
  const words = source === undefined ? message : liquidSyntaxWords(message, source, line, column);
  return { code: "liquid-syntax", message: words, line, column, field };
}

/** Parses a template; the parsed template, or the problem with its position. */
export function parseLiquid<F extends string>(
  engine: Liquid,
  source: string,
  field: F,
): { template: Template[] } | { problem: TemplateProblem<F> } {
  try {
    return { template: engine.parse(source) };
  } catch (error) {
    return { problem: liquidProblem(error, field, source) };
  }
}

/** The root names of the variables a template reads from its context, with where each is first used. */
export async function globalVariables(
  engine: Liquid,
  template: Template[],
): Promise<Array<{ name: string; path: string; line: number; column: number }>> {
  const analysis = await engine.analyze(template);
  return Object.entries(analysis.globals).map(([name, uses]) => {
    const first = uses[0];
    return {
      name,
      path: first ? first.segments.map(String).join(".") : name,
      line: first?.location.row ?? 1,
      column: first?.location.col ?? 1,
    };
  });
}

/**
 * The Liquid problems of one field: its syntax, then each root variable outside `known` (a typo such as `custmer`,
 * which no `what` — "email", "notification" — can ever have), then, given a `sample` scope, what the sandbox
 * refuses when it renders with it (a loop over a limit). [] when the field is fine.
 */
export async function liquidFieldProblems<F extends string>(
  engine: Liquid,
  source: string,
  field: F,
  options: { known: ReadonlySet<string>; what: string; sample?: object },
): Promise<TemplateProblem<F>[]> {
  const parsed = parseLiquid(engine, source, field);
  if ("problem" in parsed) return [parsed.problem];
  const problems: TemplateProblem<F>[] = [];
  for (const v of await globalVariables(engine, parsed.template)) {
    if (options.known.has(v.name)) continue;
    const message = `${v.path}: no ${options.what} has a variable '${v.name}' (use ${[...options.known].join(", ")})`;
    problems.push({ code: "unknown-variable", message, line: v.line, column: v.column, field });
  }
  if (problems.length > 0 || !options.sample) return problems;
  return sampleRenderProblems(engine, parsed.template, field, options.sample);
}

/**
 * What the sandbox refuses when the template renders with sample values: the time, memory and output limits only
 * show then. Other failures (a value the sample lacks) say nothing certain about real customers: not problems here.
 */
export async function sampleRenderProblems<F extends string>(
  engine: Liquid,
  template: Template[],
  field: F,
  sample: object,
): Promise<TemplateProblem<F>[]> {
  try {
    await engine.render(template, sample, { strictVariables: false });
    return [];
  } catch (error) {
    return templateRefusal(error) ? [liquidProblem(error, field)] : [];
  }
}
