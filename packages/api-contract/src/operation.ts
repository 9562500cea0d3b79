import type { z } from "zod";

/**
 * One operation of the API as both sides see it: how it is called and what it answers. The server's route of the
 * same `operationId` validates with `body` and `query` and documents `response`; its contract test fails when they
 * are not these very objects.
 */
export type Operation = {
  method: "get" | "post" | "put" | "delete";
  /** Hono syntax: `/v1/journeys/:id`. */
  path: string;
  /** The success status. */
  status: 200 | 201;
  /** What the client sends (for batches, the documented shape; the server then checks each item on its own). */
  body?: z.ZodType;
  query?: z.ZodType;
  /** The success answer. */
  response: z.ZodType;
};

/** What a schema gives once parsed: the shape of an answer. For type-only users (the SDK), who do not import zod. */
export type Output<S extends z.ZodType> = z.output<S>;

/** What a schema accepts: the shape of a request body. */
export type Input<S extends z.ZodType> = z.input<S>;

/** The success answer of an operation, as the client receives it. */
export type ResponseOf<O extends Operation> = z.output<O["response"]>;

/** What the client may send as the body of an operation. */
export type BodyOf<O extends Operation> = O["body"] extends z.ZodType ? z.input<O["body"]> : never;

/** What the client may send as the query string of an operation, before the server coerces it. */
export type QueryOf<O extends Operation> = O["query"] extends z.ZodType ? z.input<O["query"]> : never;

/**
 * The path of an operation with its `:params` filled in, each encoded. Throws when one is missing: that is a bug
 * of the caller, not an answer of the server.
 */
export function pathOf(operation: Pick<Operation, "path">, params: Record<string, string | number> = {}): string {
  return operation.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathOf(${operation.path}): no value for :${name}`);
    return encodeURIComponent(String(value));
  });
}
