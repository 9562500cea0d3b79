import { describe, expect, it } from "vitest";
import { DEFAULT_POSTGRES_TIMEOUTS, postgresTimeoutsFromEnv } from "./postgres-pool.ts";

describe("postgresTimeoutsFromEnv", () => {
  it("reads each timeout from its variable over the defaults, 0 meaning no limit", () => {
    expect(postgresTimeoutsFromEnv({})).toEqual(DEFAULT_POSTGRES_TIMEOUTS);
    expect(
      postgresTimeoutsFromEnv({ OVERTURE_PG_STATEMENT_TIMEOUT_MS: "1500", OVERTURE_PG_CONNECT_TIMEOUT_MS: "0" }),
    ).toEqual({
      ...DEFAULT_POSTGRES_TIMEOUTS,
      statementMs: 1_500,
      connectMs: 0,
    });
  });

  it("refuses a value that is not whole milliseconds, naming the variable", () => {
    expect(() => postgresTimeoutsFromEnv({ OVERTURE_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: "5s" })).toThrow(
      /OVERTURE_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS/,
    );
  });
});
