import { schemaRegistry } from "@overture/api-contract";
import { z } from "zod";
import type { RouteDef } from "./route.ts";

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input: invalid_json, invalid_input or invalid_event, with every problem and where.",
  401: "unauthorized: no API key, or an unknown one. Portal routes: invalid_customer_token, customer_token_expired or customer_token_outdated. The stream: invalid_stream_ticket or stream_ticket_expired.",
  403: "forbidden: a write key called a management route.",
  404: "not_found: no such journey, version or customer in this workspace.",
  409: "invalid_state, conflict, journey_not_active, no_api_trigger or entry_refused: the journey's state does not allow this.",
  410: "invitation_expired or reset_expired: the emailed link is expired, revoked or used.",
  413: "payload_too_large: the body is over the limit (1 MiB; 5 MiB for batches).",
  422: "journey_invalid: the journey has problems, each with its step id.",
  429: "too_many_streams: this customer has as many live streams open as allowed; retry after Retry-After seconds.",
  500: "internal: a bug on our side; it was logged.",
  503: "streams_at_capacity: the server has as many live streams open as allowed; retry after Retry-After seconds.",
};

/**
 * The OpenAPI 3.1 document of every route, generated from the route list and the zod schemas the routes validate
 * with. Named schemas become components; JSON Schema 2020-12 is OpenAPI 3.1's own dialect, so zod's output is used as is.
 */
export function buildOpenApi(routes: RouteDef[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Overture API",
      version: "1",
      description:
        "Customer journeys: manage them with the secret key, send events with the write key. Errors: docs/errors.md.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        secretKey: { type: "http", scheme: "bearer", description: "The workspace's secret key: every route." },
        writeKey: { type: "http", scheme: "bearer", description: "The workspace's write key: event ingestion only." },
        segmentWriteKey: {
          type: "http",
          scheme: "basic",
          description: "Segment style: the write key as user name, empty password.",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "overture_session",
          description:
            "A member's session (POST /v1/session); unsafe requests also send X-CSRF-Token, the csrfToken of GET /v1/session.",
        },
        streamTicket: {
          type: "apiKey",
          in: "query",
          name: "ticket",
          description:
            "A one-minute stream ticket from POST /v1/portal/stream-ticket (EventSource cannot send headers).",
        },
      },
    },
  };
}

function operation(route: RouteDef): JsonSchema {
  const parameters = [
    ...pathParameters(route.path),
    ...queryParameters(route.query),
    ...(route.customer ? CUSTOMER_HEADERS : []),
  ];
  const op: JsonSchema = {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: security(route),
    responses: responses(route),
  };
  if (route.description) op.description = route.description;
  if (parameters.length > 0) op.parameters = parameters;
  const body = route.bodyDoc ?? route.body;
  if (body) op.requestBody = { required: true, content: { "application/json": { schema: schemaOrRef(body) } } };
  return op;
}

/** The headers of a portal call: who the customer is, and the token that proves it. */
const CUSTOMER_HEADERS: JsonSchema[] = [
  {
    name: "x-customer-id",
    in: "header",
    required: true,
    schema: { type: "string" },
    description: "The customer the call acts for.",
  },
  {
    name: "x-customer-token",
    in: "header",
    required: true,
    schema: { type: "string" },
    description: "The customer's token from GET /v1/portal/token (v1.<keyId>.<expiresAtSeconds>.<signature>).",
  },
];

function security(route: RouteDef): Array<Record<string, string[]>> {
  if (route.security) return route.security;
  if (route.auth === "none") return [];
  if (route.auth === "secret") return [{ secretKey: [] }];
  return route.segment
    ? [{ segmentWriteKey: [] }, { writeKey: [] }, { secretKey: [] }]
    : [{ writeKey: [] }, { secretKey: [] }];
}

function responses(route: RouteDef): JsonSchema {
  const out: JsonSchema = {};
  const success: JsonSchema = { description: route.success.description };
  if (route.success.schema) success.content = { "application/json": { schema: schemaOrRef(route.success.schema) } };
  out[String(route.success.status)] = success;
  const statuses = new Set(route.errors ?? []);
  if (route.body || route.query || route.path.includes(":version")) statuses.add(400);
  if (route.auth !== "none" || route.security) statuses.add(401);
  if (route.auth === "secret") statuses.add(403);
  if (route.method !== "get") statuses.add(413);
  statuses.add(500);
  for (const status of [...statuses].sort((a, b) => a - b)) {
    out[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? "Error.",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return out;
}

function pathParameters(path: string): JsonSchema[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: m[1] === "version" ? { type: "integer", minimum: 1 } : { type: "string" },
  }));
}

function queryParameters(query: z.ZodType | undefined): JsonSchema[] {
  if (!(query instanceof z.ZodObject)) return [];
  return Object.entries(query.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const { description, ...schema } = inline(field);
    const parameter: JsonSchema = { name, in: "query", required: !field.safeParse(undefined).success, schema };
    if (description) parameter.description = description;
    return parameter;
  });
}

function schemaOrRef(schema: z.ZodType): JsonSchema {
  const meta = schemaRegistry.get(schema);
  return meta ? { $ref: `#/components/schemas/${meta.id}` } : inline(schema);
}

function inline(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** Every named schema; definitions zod shares between them (recursive conditions) become components too. */
function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(schemaRegistry, {
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, $defs, ...rest } = schema;
    if (id === "__shared") Object.assign(out, $defs as Record<string, JsonSchema>);
    else out[id] = $defs ? { ...rest, $defs } : rest;
  }
  // Shared definitions were addressed inside the "__shared" document; point at their new place.
  return JSON.parse(
    JSON.stringify(out).replaceAll("#/components/schemas/__shared#/$defs/", "#/components/schemas/"),
  ) as Record<string, JsonSchema>;
}
