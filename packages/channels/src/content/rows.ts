/** Reads a JSON column whether the driver returned text (SQLite) or a parsed value (PostgreSQL jsonb). */
export function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** PostgreSQL returns bigint columns as strings. */
export function num(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

/** A nullable bigint column. */
export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

/** `?, ?, ?` for an IN list of `n` values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}
