/** One problem the server found with a request, as in its error answers. */
export type OvertureProblem = { path: string; code: string; message: string };

/**
 * Every failure the SDK reports: `code` is the server's stable error code (see docs/errors.md), or one of the SDK's
 * own: `network_error` (the server could not be reached), `not_identified` (call identify first), `unsupported`
 * (the browser lacks what the call needs), `bad_response` (the server answered something that is not JSON).
 */
export class OvertureError extends Error {
  override readonly name = "OvertureError";
  constructor(
    readonly code: string,
    message: string,
    /** The HTTP status, or 0 when there was no answer. */
    readonly status = 0,
    readonly problems: OvertureProblem[] = [],
  ) {
    super(message);
  }

  /** Whether sending again may succeed: no answer, a busy server (503, 429) or a server error. */
  get retryable(): boolean {
    return this.status === 0 ? this.code === "network_error" : this.status === 429 || this.status >= 500;
  }
}

/** Reads a server error answer (`{ error: { code, message, problems } }`) into an OvertureError. */
export function errorFromAnswer(status: number, body: unknown): OvertureError {
  const error = isObject(body) && isObject(body.error) ? body.error : null;
  const code = typeof error?.code === "string" ? error.code : `http_${status}`;
  const message = typeof error?.message === "string" ? error.message : `The server answered ${status}.`;
  const problems = Array.isArray(error?.problems) ? (error.problems as OvertureProblem[]) : [];
  return new OvertureError(code, message, status, problems);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
