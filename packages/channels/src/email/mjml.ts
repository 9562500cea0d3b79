import mjml2html from "mjml";
import type { EmailProblem } from "./email-problem.ts";

/** How many times MJML compiled since the process started: lets tests see the render cache at work. */
export const mjmlCompiles = { count: 0 };

/**
 * MJML to HTML, with MJML's complaints as problems. MJML reports a line only; the column is where the offending tag
 * starts on that line. Includes are off: a template must never read files of the server.
 */
export async function compileMjml(source: string): Promise<{ html: string; problems: EmailProblem[] }> {
  mjmlCompiles.count++;
  try {
    const result = await mjml2html(source, { validationLevel: "soft", ignoreIncludes: true, keepComments: false });
    const lines = source.split("\n");
    const problems = result.errors.map((e): EmailProblem => {
      const line = Number(e.line) || 1;
      const at = e.tagName ? (lines[line - 1] ?? "").indexOf(`<${e.tagName}`) : -1;
      return { code: "mjml-invalid", message: e.message, line, column: at >= 0 ? at + 1 : 1, field: "body" };
    });
    return { html: result.html, problems: [...problems, ...unclosedTags(source)] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { html: "", problems: [{ code: "mjml-invalid", message, line: 1, column: 1, field: "body" }] };
  }
}

/**
 * MJML's parser quietly closes what the author forgot to; an `<mj-…>` tag left open usually means the layout is
 * not what was meant, so it is reported where it was opened.
 */
export function unclosedTags(source: string): EmailProblem[] {
  const open: Array<{ name: string; index: number }> = [];
  const problems: EmailProblem[] = [];
  for (const m of source.matchAll(/<(\/?)(mjml|mj-[a-z-]+)\b[^>]*?(\/?)>/g)) {
    const [, closing, name = "", selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) {
      open.push({ name, index: m.index });
      continue;
    }
    const at = open.findLastIndex((t) => t.name === name);
    if (at === -1) {
      problems.push(problemAt(source, m.index, `</${name}> closes a tag that is not open`));
      continue;
    }
    for (const t of open.splice(at).slice(1)) problems.push(problemAt(source, t.index, `<${t.name}> is not closed`));
  }
  for (const t of open) problems.push(problemAt(source, t.index, `<${t.name}> is not closed`));
  return problems;
}

function problemAt(source: string, index: number, message: string): EmailProblem {
  const before = source.slice(0, index);
  const line = before.split("\n").length;
  return { code: "mjml-invalid", message, line, column: index - before.lastIndexOf("\n"), field: "body" };
}

/**
 * The template with every Liquid tag and output replaced by spaces (newlines kept), so MJML can check the layout
 * before any customer exists and report positions that are those of the template.
 */
export function blankLiquid(source: string): string {
  return source.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, (m) => m.replace(/[^\n]/g, " "));
}
