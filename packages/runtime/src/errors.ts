/**
 * The few error classes thrown at boundaries. Each carries a stable string code; the server maps codes to HTTP
 * statuses in one table, and docs/errors.md explains each code to the user.
 */
export type Problem = { path: string; code: string; message: string; stepId?: string };

/** The caller sent something wrong: fix the input and try again (HTTP 4xx). */
export class InputError extends Error {
  readonly code: string;
  readonly problems: Problem[];
  constructor(code: string, message: string, problems: Problem[] = []) {
    super(message);
    this.name = "InputError";
    this.code = code;
    this.problems = problems;
  }
}

/** Something that may work if tried again later (a locked row, a channel that timed out). */
export class TransientError extends Error {
  readonly code: string;
  readonly retryAfterMs: number | undefined;
  constructor(code: string, message: string, retryAfterMs?: number) {
    super(message);
    this.name = "TransientError";
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Will never work as it is (a channel rejected the message for good): goes to the dead letters. */
export class PermanentError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "PermanentError";
    this.code = code;
  }
}

/**
 * Not now, and not a failure: the send must wait until `untilMs` (quiet hours). The dispatcher reschedules the row
 * for that instant without counting an attempt.
 * @deprecated A handler resolves to `{ status: "deferred", code, reason, until }` (DeliveryOutcome) instead; the
 * dispatcher still honours this error for one release.
 */
export class DeferredError extends Error {
  readonly code: string;
  readonly untilMs: number;
  constructor(code: string, message: string, untilMs: number) {
    super(message);
    this.name = "DeferredError";
    this.code = code;
    this.untilMs = untilMs;
  }
}

/**
 * Deliberately not sent (no consent, a frequency cap reached): the outbox row ends `skipped` with the message as its
 * reason, and a `skipped` delivery fact is recorded. Not retried.
 * @deprecated A handler resolves to `{ status: "skipped", code, reason }` (DeliveryOutcome) instead; the dispatcher
 * still honours this error for one release.
 */
export class SkippedError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "SkippedError";
    this.code = code;
  }
}
