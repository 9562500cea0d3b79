import type { SegmentRule } from "@overture/core";

/** A problem as the server names it: `path` is where in the body (`rule.rules[1].window.duration`). */
export type PathProblem = { path: string; message: string };

/** The path of the root group's rule in the body, as the server names it. */
export const ROOT_PATH = "rule";

/** The path of the `index`th row of the group at `groupPath` (looking through a `not`). */
export function childPath(groupPath: string, index: number): string {
  return `${groupPath}.rules[${index}]`;
}

/** The path of the group a row holds: itself, or through its `not`. */
export function innerPath(rule: SegmentRule, path: string): string {
  return rule.type === "not" ? `${path}.rule` : path;
}

/** Every row's path in the rule tree, the root group's first. */
export function rowPaths(rule: SegmentRule, path = ROOT_PATH): string[] {
  const inner = rule.type === "not" ? rule.rule : rule;
  const at = innerPath(rule, path);
  if (inner.type !== "all" && inner.type !== "any") return [path];
  return [path, ...inner.rules.flatMap((r, i) => rowPaths(r, childPath(at, i)))];
}

function under(problemPath: string, rowPath: string): boolean {
  return problemPath === rowPath || problemPath.startsWith(`${rowPath}.`) || problemPath.startsWith(`${rowPath}[`);
}

/**
 * Places each problem on the deepest row its path is in, so "rule.rules[1].window.duration" shows beside row 1; the
 * problems of no row (the name, the whole body) are under "".
 */
export function problemsByRow<P extends PathProblem>(
  problems: readonly P[],
  paths: readonly string[],
): Map<string, P[]> {
  const byRow = new Map<string, P[]>();
  for (const problem of problems) {
    const row = paths.filter((p) => under(problem.path, p)).sort((a, b) => b.length - a.length)[0] ?? "";
    byRow.set(row, [...(byRow.get(row) ?? []), problem]);
  }
  return byRow;
}
