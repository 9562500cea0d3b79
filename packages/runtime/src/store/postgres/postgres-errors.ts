import { TransientError } from "../../errors.ts";

/**
 * SQLSTATEs that say "not now" rather than "never": the statement ran over `statement_timeout` (or was cancelled),
 * the server is shutting down or starting, or has no connection slot left.
 */
const TRANSIENT_SQLSTATE: Record<string, string> = {
  "57014": "database_timeout",
  "57P01": "database_unavailable",
  "57P02": "database_unavailable",
  "57P03": "database_unavailable",
  "53300": "database_unavailable",
};

/** Socket errors of a database that cannot be reached now. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** What node-postgres and its pool say when a connection cannot be had or was lost (they set no code). */
const LOST_CONNECTION =
  /^(Connection terminated unexpectedly|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)/;

/**
 * The error a caller of the PostgreSQL store sees: a statement timeout or a database that cannot be reached becomes a
 * TransientError (`database_timeout`, `database_unavailable`; the server answers 503 `unavailable` with Retry-After),
 * keeping PostgreSQL's reason in its message and the original as `cause`. Anything else is returned as it is.
 */
export function postgresFailure(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof TransientError) return error;
  const code = (error as { code?: unknown }).code;
  const transientCode =
    typeof code === "string"
      ? (TRANSIENT_SQLSTATE[code] ??
        (code.startsWith("08") || NETWORK_CODES.has(code) ? "database_unavailable" : undefined))
      : LOST_CONNECTION.test(error.message)
        ? "database_unavailable"
        : undefined;
  if (!transientCode) return error;
  const transient = new TransientError(transientCode, `${transientCode}: ${error.message}`);
  transient.cause = error;
  return transient;
}

/** Runs `work`, rethrowing its failure through {@link postgresFailure}. */
export async function mapPostgresFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw postgresFailure(error);
  }
}
