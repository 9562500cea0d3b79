import type { z } from "zod";
import { apiRoutes, healthRoutes, type RouteDef } from "../src/index.ts";
import { simulateRoutes } from "../src/routes/simulate-routes.ts";

/** Every route of a test app that documents its success answer, in the order the app registers them. */
export const documentedRoutes: RouteDef[] = [...healthRoutes(), ...apiRoutes, ...simulateRoutes()].filter(
  (route) => route.success.schema,
);

const matchers = documentedRoutes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/:(\w+)/g, "[^/]+")}$`),
}));

/** The route a call lands on, as Hono picks it: the first registered whose method and path match. */
export function routeOf(method: string, url: string): RouteDef | undefined {
  const path = url.split("?")[0] ?? "";
  return matchers.find((m) => m.route.method === method.toLowerCase() && m.pattern.test(path))?.route;
}

/**
 * Where an answer departs from its route's documented schema, or null when it fits: a field that fails its schema,
 * or a field the schema does not declare (zod would drop it silently, so clients would never see it).
 */
/** `tolerated`: names of undeclared fields known and not settled yet. */
export function departures(route: RouteDef, body: unknown, tolerated: readonly string[] = []): string | null {
  const parsed = (route.success.schema as z.ZodType).safeParse(body);
  if (!parsed.success)
    return parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  const extra = undeclared(body, parsed.data, "").filter((path) => !tolerated.includes(path.split(".").at(-1) ?? ""));
  return extra.length === 0 ? null : `not in the schema: ${extra.join(", ")}`;
}

/** The paths of `sent` that parsing dropped. */
function undeclared(sent: unknown, kept: unknown, at: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept))
    return sent.flatMap((item, i) => undeclared(item, kept[i], `${at}[${i}]`));
  if (!isObject(sent) || !isObject(kept)) return [];
  return Object.keys(sent).flatMap((key) => {
    const path = at ? `${at}.${key}` : key;
    return key in kept ? undeclared(sent[key], kept[key], path) : [path];
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
