import { describe, expect, it } from "vitest";
import { StreamSlots, streamLimitsFromEnv } from "./stream-limits.ts";

describe("stream limits (issue 12, finding 7)", () => {
  it("reads the caps from the environment, and refuses a value that is not a whole number from 1", () => {
    expect(streamLimitsFromEnv({})).toEqual({ perCustomer: 5, total: 1_000 });
    expect(streamLimitsFromEnv({ OVERTURE_STREAMS_PER_CUSTOMER: "2", OVERTURE_STREAMS_TOTAL: "50" })).toEqual({
      perCustomer: 2,
      total: 50,
    });
    expect(() => streamLimitsFromEnv({ OVERTURE_STREAMS_TOTAL: "0" })).toThrow(/OVERTURE_STREAMS_TOTAL/);
    expect(() => streamLimitsFromEnv({ OVERTURE_STREAMS_PER_CUSTOMER: "five" })).toThrow(
      /OVERTURE_STREAMS_PER_CUSTOMER/,
    );
  });

  it("counts per customer and in all; a slot given back twice counts once", () => {
    const slots = new StreamSlots({ perCustomer: 1, total: 2 });
    const ada = slots.take("ws", "ada");
    expect(slots.take("ws", "ada")).toEqual({ ok: false, refusal: "customer" });
    expect(slots.take("ws", "bob").ok).toBe(true);
    expect(slots.take("ws", "grace")).toEqual({ ok: false, refusal: "total" });
    if (ada.ok) {
      ada.release();
      ada.release();
    }
    expect(slots.size).toBe(1);
    expect(slots.take("ws", "ada").ok).toBe(true);
  });
});
