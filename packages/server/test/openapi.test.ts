import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tourTheApi } from "./answer-tour.ts";
import { departures, documentedRoutes, routeOf } from "./route-answers.ts";
import { openTestApp, type TestApp } from "./test-app.ts";

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        requestBody?: unknown;
        security: unknown[];
        responses: Record<string, unknown>;
        parameters?: Array<{ name: string; in: string; required: boolean }>;
      }
    >
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

describe("GET /v1/openapi.json", () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await openTestApp();
    doc = (await t.call("GET", "/v1/openapi.json", { key: null })).body;
  });
  afterAll(() => t.close());

  // Issue 12, finding 12: the stream was documented with `security: []` and no parameters, and the customer headers
  // of portal routes were not declared.
  it("declares the stream's ticket and the customer headers of every portal route", () => {
    const stream = doc.paths["/v1/portal/notifications/stream"]?.get;
    expect(stream?.security).toEqual([{ streamTicket: [] }]);
    expect(doc.components.securitySchemes.streamTicket).toMatchObject({ type: "apiKey", in: "query", name: "ticket" });
    expect(stream?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "ticket", in: "query" })]),
    );
    expect(Object.keys(stream?.responses ?? {})).toEqual(expect.arrayContaining(["401", "429", "503"]));
    const portal = Object.entries(doc.paths).flatMap(([path, ops]) =>
      path.startsWith("/v1/portal/") && path !== "/v1/portal/token" && path !== "/v1/portal/notifications/stream"
        ? Object.entries(ops).map(([method, op]) => ({ route: `${method} ${path}`, op }))
        : [],
    );
    expect(portal.length).toBeGreaterThanOrEqual(5);
    for (const { route, op } of portal) {
      const headers = (op.parameters ?? []).filter((p) => p.in === "header" && p.required).map((p) => p.name);
      expect(headers, route).toEqual(["x-customer-id", "x-customer-token"]);
    }
  });

  it("is an OpenAPI 3.1 document", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["EventInput", "JourneyDocument", "Error", "SegmentBatch"]),
    );
  });

  it("documents every route the app serves, and nothing else", () => {
    const served = new Set(
      t.app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)),
    );
    expect([...documented].sort()).toEqual([...served].sort());
    for (const route of [
      "post /v1/journeys",
      "put /v1/journeys/{id}/draft",
      "post /v1/journeys/{id}/publish",
      "get /v1/journeys/{id}/steps/{stepId}/customers",
      "put /v1/customers/{id}",
      "post /v1/events/batch",
      "post /v1/batch",
      "post /segment/v1/identify",
      "get /health",
    ]) {
      expect(documented, route).toContain(route);
    }
  });

  it("gives each operation a unique id, a security rule and an error response", () => {
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) {
      expect(Array.isArray(op.security), op.operationId).toBe(true);
      expect(op.responses["500"], op.operationId).toMatchObject({ description: expect.any(String) });
    }
    expect(doc.paths["/v1/journeys"]?.post?.security).toEqual([{ secretKey: [] }]);
    expect(doc.paths["/v1/events"]?.post?.security).toEqual([{ writeKey: [] }, { secretKey: [] }]);
    expect(doc.paths["/v1/journeys/{id}/publish"]?.post?.responses["422"]).toMatchObject({
      description: expect.any(String),
    });
  });

  it("generates request bodies from the schemas the routes validate with", () => {
    expect(doc.paths["/v1/events"]?.post?.requestBody).toEqual({
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/EventInput" } } },
    });
    const event = doc.components.schemas.EventInput as { required: string[]; properties: Record<string, unknown> };
    expect(event.required.sort()).toEqual(["customerId", "name"]);
    expect(Object.keys(event.properties).sort()).toEqual([
      "attributes",
      "customerId",
      "id",
      "name",
      "properties",
      "timestamp",
    ]);
  });

  it("has no dangling $ref", () => {
    const text = JSON.stringify(doc);
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\/[A-Za-z0-9_]+$/);
      expect(Object.keys(doc.components.schemas), ref).toContain(ref.split("/").pop());
    }
  });
});

/**
 * Routes with a documented answer the tour does not reach yet, each with why. The test fails when a route is neither
 * toured nor listed here, so a new route gets its answer checked or a stated reason.
 */
const MEMBERS =
  "needs the members port (openTestApp serves keys only): member-routes.test.ts checks each answer parses with its schema and drops nothing";
const NOT_TOURED: Record<string, string> = Object.fromEntries(
  [
    "getSession",
    "signIn",
    "signOut",
    "signOutEverywhere",
    "getSetup",
    "completeSetup",
    "requestPasswordReset",
    "resetPassword",
    "listWorkspaces",
    "createWorkspace",
    "listMembers",
    "updateMember",
    "removeMember",
    "listInvitations",
    "createInvitation",
    "revokeInvitation",
    "getInvitation",
    "acceptInvitation",
  ].map((id) => [id, MEMBERS]),
);

/**
 * Fields an answer carries that its schema does not declare, known and not settled yet: clients never see them (zod
 * drops them), so each is to be documented in the contract or no longer sent. Any other undeclared field fails.
 */
const UNDECLARED: Record<string, readonly string[]> = {
  // The runtime's outbox rows are returned as they are: the tenant and instance ids and two retry internals.
  stepDeliveries: ["workspaceId", "instanceId", "firstAttemptAt", "crashes"],
};

describe("every documented answer parses with its route's schema", () => {
  let t: TestApp;
  const toured = new Set<string>();
  const problems: string[] = [];
  beforeAll(async () => {
    t = await openTestApp();
    await tourTheApi(t, async (method, path, options) => {
      const answer = await t.call(method, path, options);
      const route = routeOf(method, path);
      if (!route) problems.push(`${method} ${path}: no documented route`);
      else if (answer.status !== route.success.status)
        problems.push(`${route.operationId} (${method} ${path}): ${answer.status} ${JSON.stringify(answer.body)}`);
      else {
        toured.add(route.operationId);
        const departed = departures(route, answer.body, UNDECLARED[route.operationId]);
        if (departed) problems.push(`${route.operationId}: ${departed}`);
      }
      return answer;
    });
  }, 120_000);
  afterAll(() => t.close());

  it("answers each call of the tour with its success status and a body its schema accepts", () => {
    expect(problems).toEqual([]);
    expect(t.unexpected).toEqual([]);
  });

  it("tours every route with a documented answer, or says why not", () => {
    const untoured = documentedRoutes.map((r) => r.operationId).filter((id) => !toured.has(id));
    expect(untoured.sort()).toEqual(Object.keys(NOT_TOURED).sort());
    expect(documentedRoutes.length).toBeGreaterThan(70);
  });
});
