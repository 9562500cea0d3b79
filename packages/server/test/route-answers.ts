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

/** Where an answer departs from its route's documented schema, or null when it parses. */
export function departures(route: RouteDef, body: unknown): string | null {
  const parsed = (route.success.schema as z.ZodType).safeParse(body);
  if (parsed.success) return null;
  return parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}
