import { channelStepUi } from "@overture/channels/browser";
import type { Step } from "@overture/core";

/** A customer value an email shows with no fallback: a customer without it gets no email at all. */
export type MissingFallback = { key: string; stepId: string; where: string; text: string };

/** Values that a customer may lack; links, recommendations and loop items are always there. */
const OPTIONAL_ROOTS = /^(customer|event|trigger)\./;

/**
 * The variables of each email's subject, preheader and body (each block for an email made of blocks) printed without
 * `| default:` and outside an `{% if %}` that tests them. Emails render strictly (a missing value stops the send), so
 * each is a customer who would silently get nothing: a warning, not a problem, since every customer may have it.
 */
export function missingFallbacks(steps: readonly Step[]): MissingFallback[] {
  const out: MissingFallback[] = [];
  for (const step of steps) {
    if (step.type !== "email") {
      out.push(...channelTemplateFallbacks(step));
      continue;
    }
    const name = step.name || step.id;
    const fields: [string, string | undefined][] = [
      ["subject", step.subject],
      ["preheader", step.preheader],
    ];
    if (step.blocks) {
      step.blocks.forEach((block, i) => {
        const texts = Object.values(block).filter((v): v is string => typeof v === "string");
        fields.push([
          `${block.type === "recommended-items" ? "recommended items" : block.type} block ${i + 1}`,
          texts.join(" "),
        ]);
      });
    } else fields.push(["body", step.body]);
    for (const [field, text] of fields) {
      for (const variable of new Set(unguardedVariables(text ?? ""))) {
        out.push({
          key: `${step.id}-${field}-${variable}`,
          stepId: step.id,
          where: name,
          text: `The ${field} shows ${variable} with no fallback: a customer without it gets no email. Write {{ ${variable} | default: "…" }}.`,
        });
      }
    }
  }
  return out;
}

/**
 * The same warning for the Liquid fields of any other channel drawn from its module's panel (an SMS body, a push
 * title): they render strictly too, so a customer without the value gets nothing on that channel.
 */
function channelTemplateFallbacks(step: Step): MissingFallback[] {
  const ui = channelStepUi(step.type);
  if (!ui) return [];
  const values = step as unknown as Record<string, unknown>;
  const noun = ui.nouns?.one ?? ui.spec.label.toLowerCase();
  return ui.panel.flatMap((field) => {
    if (field.kind !== "template" || typeof values[field.key] !== "string") return [];
    return [...new Set(unguardedVariables(values[field.key] as string))].map((variable) => ({
      key: `${step.id}-${field.key}-${variable}`,
      stepId: step.id,
      where: step.name || step.id,
      text: `The ${field.label.toLowerCase()} shows ${variable} with no fallback: a customer without it gets no ${noun}. Write {{ ${variable} | default: "…" }}.`,
    }));
  });
}

/** The optional variables a Liquid text prints bare: no `default` filter, no enclosing `if`/`unless` naming them. */
export function unguardedVariables(text: string): string[] {
  const found: string[] = [];
  const guards: string[] = [];
  for (const match of text.matchAll(/\{\{([\s\S]*?)\}\}|\{%-?\s*(\w+)([\s\S]*?)-?%\}/g)) {
    const [, output, tag, rest] = match;
    if (output !== undefined) {
      const path = /^\s*([A-Za-z_][\w.]*)/.exec(output)?.[1];
      if (!path || !OPTIONAL_ROOTS.test(path) || /\|\s*default\s*:/.test(output)) continue;
      if (guards.some((g) => g.includes(path))) continue;
      found.push(path);
    } else if (tag === "if" || tag === "unless" || tag === "case" || tag === "for") guards.push(rest ?? "");
    else if (tag === "elsif") guards[guards.length - 1] += ` ${rest ?? ""}`;
    else if (tag === "endif" || tag === "endunless" || tag === "endcase" || tag === "endfor") guards.pop();
  }
  return found;
}
