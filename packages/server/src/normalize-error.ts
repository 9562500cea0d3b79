import { InputError, type Problem, TransientError } from "@overture/runtime";
import { HTTPException } from "hono/http-exception";
import { httpStatusForCode } from "./error-codes.ts";

/** The JSON body of every error answer. */
export type ErrorBody = { error: { code: string; message: string; problems: Problem[] } };

/** What the edge answers for an error: status, body, and extra headers. */
export type NormalizedError = { status: number; body: ErrorBody; headers: Record<string, string>; unexpected: boolean };

const CODE_BY_HTTP_STATUS: Record<number, string> = {
  400: "invalid_input",
  401: "unauthorized",
  403: "forbidden",
  404: "route_not_found",
  409: "conflict",
  413: "payload_too_large",
};

/**
 * Turns anything thrown while handling a request into the answer the client gets. Caller errors keep their code and
 * problems; a transient failure asks the client to retry; anything else is a bug, answered with a bare `internal`
 * so no internals leak, and flagged `unexpected` for the caller to log.
 */
export function normalizeError(error: unknown): NormalizedError {
  if (error instanceof InputError) {
    const normalized = answer(httpStatusForCode(error.code), error.code, error.message, error.problems);
    // The rest of an oversized body is never read, so the connection cannot carry another request: say it closes,
    // or a keep-alive client sends its next request on a socket the server is about to drop (RFC 9112, 9.6).
    if (normalized.status === 413) normalized.headers.connection = "close";
    return normalized;
  }
  if (error instanceof TransientError) {
    const normalized = answer(503, "unavailable", "The service is busy; retry shortly.", []);
    normalized.headers["retry-after"] = String(Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000)));
    return normalized;
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code = CODE_BY_HTTP_STATUS[error.status] ?? "invalid_input";
    return answer(httpStatusForCode(code), code, error.message || "The request was refused.", []);
  }
  const unexpected = answer(500, "internal", "Something went wrong on our side; it has been logged.", []);
  unexpected.unexpected = true;
  return unexpected;
}

function answer(status: number, code: string, message: string, problems: Problem[]): NormalizedError {
  const cleaned = problems.map((p) =>
    p.stepId === undefined ? { path: p.path, code: p.code, message: p.message } : p,
  );
  return { status, body: { error: { code, message, problems: cleaned } }, headers: {}, unexpected: false };
}
