import { InputError, PermanentError, TransientError } from "@overture/runtime";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { HTTP_STATUS_BY_CODE, httpStatusForCode } from "./error-codes.ts";
import { normalizeError } from "./normalize-error.ts";

describe("httpStatusForCode", () => {
  it("maps the stable codes through the one table, and any other caller error to 400", () => {
    expect(httpStatusForCode("not_found")).toBe(404);
    expect(httpStatusForCode("conflict")).toBe(409);
    expect(httpStatusForCode("payload_too_large")).toBe(413);
    expect(httpStatusForCode("unauthorized")).toBe(401);
    expect(httpStatusForCode("forbidden")).toBe(403);
    expect(httpStatusForCode("journey_invalid")).toBe(422);
    expect(httpStatusForCode("something_new")).toBe(400);
    expect(httpStatusForCode("toString")).toBe(400);
  });

  it("lists only client (4xx) statuses except the server's own conditions", () => {
    const serverSide = new Set(["internal", "unavailable", "smtp_not_configured", "streams_at_capacity"]);
    for (const [code, status] of Object.entries(HTTP_STATUS_BY_CODE)) {
      if (serverSide.has(code)) expect(status, code).toBeGreaterThanOrEqual(500);
      else expect(status, code).toBeLessThan(500);
    }
  });
});

describe("normalizeError", () => {
  it("keeps an input error's code, message and problems", () => {
    const error = new InputError("journey_invalid", "2 problems", [
      { path: "steps[1].next", code: "dangling-next", message: "m", stepId: "s1" },
    ]);
    expect(normalizeError(error)).toEqual({
      status: 422,
      body: {
        error: {
          code: "journey_invalid",
          message: "2 problems",
          problems: [{ path: "steps[1].next", code: "dangling-next", message: "m", stepId: "s1" }],
        },
      },
      headers: {},
      unexpected: false,
    });
  });

  it("drops an undefined stepId so every problem serialises the same way", () => {
    const error = new InputError("invalid_input", "m", [{ path: "a", code: "c", message: "m", stepId: undefined }]);
    expect(Object.keys(normalizeError(error).body.error.problems[0]!)).toEqual(["path", "code", "message"]);
  });

  it("asks the client to retry a transient failure", () => {
    expect(normalizeError(new TransientError("partition_busy", "busy", 2_500))).toMatchObject({
      status: 503,
      headers: { "retry-after": "3" },
      body: { error: { code: "unavailable" } },
    });
  });

  it("hides anything else behind 500 internal and flags it to be logged", () => {
    for (const error of [
      new Error("SQLITE_CORRUPT at /var/db"),
      new PermanentError("x", "y"),
      "a string",
      new HTTPException(502),
    ]) {
      const normalized = normalizeError(error);
      expect(normalized).toMatchObject({
        status: 500,
        unexpected: true,
        body: { error: { code: "internal", problems: [] } },
      });
      expect(normalized.body.error.message).not.toContain("SQLITE");
    }
  });

  it("maps a framework 4xx to its code", () => {
    expect(normalizeError(new HTTPException(413))).toMatchObject({
      status: 413,
      body: { error: { code: "payload_too_large" } },
    });
  });
});
