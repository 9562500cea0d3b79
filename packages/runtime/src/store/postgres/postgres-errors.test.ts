import { describe, expect, it } from "vitest";
import { TransientError } from "../../errors.ts";
import { postgresFailure } from "./postgres-errors.ts";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("postgresFailure", () => {
  it("makes a statement timeout and a lost database transient, keeping PostgreSQL's reason and the original", () => {
    const timeout = pgError("57014", "canceling statement due to statement timeout");
    expect(postgresFailure(timeout)).toMatchObject({
      name: "TransientError",
      code: "database_timeout",
      cause: timeout,
    });
    expect((postgresFailure(timeout) as Error).message).toContain("canceling statement due to statement timeout");
    for (const lost of [
      pgError("57P01", "terminating connection due to administrator command"),
      pgError("08006", "connection failure"),
      pgError("53300", "sorry, too many clients already"),
      pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
    ])
      expect(postgresFailure(lost), lost.message).toMatchObject({
        name: "TransientError",
        code: "database_unavailable",
      });
  });

  it("leaves every other error as it is (a unique violation, a bug, a transient error already)", () => {
    const unique = pgError("23505", "duplicate key value violates unique constraint");
    expect(postgresFailure(unique)).toBe(unique);
    const bug = new TypeError("x is undefined");
    expect(postgresFailure(bug)).toBe(bug);
    const busy = new TransientError("partition_busy", "busy");
    expect(postgresFailure(busy)).toBe(busy);
    expect(postgresFailure(new Error("Connection terminated"))).toBeInstanceOf(Error);
    expect(postgresFailure(new Error("Connection terminated"))).not.toBeInstanceOf(TransientError);
  });
});
