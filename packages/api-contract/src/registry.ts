import { z } from "zod";

/**
 * The named schemas of the wire: each becomes a component of the server's OpenAPI document, so the documentation is
 * generated from the very objects that validate and type the calls.
 */
export const schemaRegistry = z.registry<{ id: string }>();

/** Registers `schema` as the OpenAPI component `id` and returns it. */
export function named<S extends z.ZodType>(id: string, schema: S): S {
  schemaRegistry.add(schema, { id });
  return schema;
}
