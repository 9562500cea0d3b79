import { CustomerHistorySchema, CustomerId, CustomerInput, CustomerSchema } from "@overture/api-contract";
import { InputError } from "@overture/runtime";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type RouteDef } from "../route.ts";

const tag = "Customers";

/** Customer profiles and their journey history. */
export const customerRoutes: RouteDef[] = [
  defineRoute({
    method: "put",
    path: "/v1/customers/:id",
    operationId: "upsertCustomer",
    summary: "Create or update a customer; attributes are merged into the profile",
    tag,
    auth: "secret",
    body: CustomerInput,
    success: { status: 200, description: "The customer as stored.", schema: CustomerSchema },
    handle: ({ overture, workspaceId, params, body }) =>
      overture.customers.upsert(workspaceId, {
        id: parseWith(CustomerId, params.id, "customer id"),
        attributes: body.attributes,
      }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/customers/:id",
    operationId: "getCustomer",
    summary: "Get a customer with their journey history: which steps, when, and why",
    tag,
    auth: "secret",
    success: {
      status: 200,
      description: "The profile, each journey entry with its path, and recent events.",
      schema: CustomerHistorySchema,
    },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) => {
      const customerId = params.id ?? "";
      if (!(await overture.customers.get(workspaceId, customerId))) {
        throw new InputError("not_found", `No customer with id "${customerId}".`, [
          { path: "id", code: "not_found", message: "unknown customer" },
        ]);
      }
      return overture.customers.history(workspaceId, customerId);
    },
  }),
];
