import type { Json } from "@overture/core";
import { isProtectedAttribute } from "./identity-settings.ts";

/** What an unsigned write may apply: the attributes kept, and the protected keys it tried to change. */
export type ProtectedSplit = { kept: Record<string, Json>; refused: string[] };

/**
 * Splits attributes sent without a signed identity: a protected key is refused when its value differs from the
 * customer's current one (a new customer has none, so setting it is a change too); an unchanged value is kept, so a
 * page that resends the profile it was given is not told off. Pure.
 */
export function splitProtectedAttributes(
  attributes: Record<string, Json>,
  protectedNames: readonly string[],
  current: Record<string, Json> | null,
): ProtectedSplit {
  const kept: Record<string, Json> = {};
  const refused: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (
      isProtectedAttribute(key, protectedNames) &&
      !(current && Object.hasOwn(current, key) && sameJson(current[key] as Json, value))
    ) {
      refused.push(key);
    } else {
      kept[key] = value;
    }
  }
  return { kept, refused };
}

/** Whether any key of `attributes` is protected (the cheap test before reading profiles). */
export function hasProtectedAttribute(
  attributes: Record<string, Json> | undefined,
  protectedNames: readonly string[],
): boolean {
  return attributes !== undefined && Object.keys(attributes).some((key) => isProtectedAttribute(key, protectedNames));
}

function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (
    typeof a !== "object" ||
    typeof b !== "object" ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  return ak.every(
    (k) =>
      Object.hasOwn(b, k) && sameJson((a as Record<string, Json>)[k] as Json, (b as Record<string, Json>)[k] as Json),
  );
}
