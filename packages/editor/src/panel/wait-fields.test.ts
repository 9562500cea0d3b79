import { describe, expect, it } from "vitest";
import { utcInputValue } from "./WaitFields.tsx";

describe("utcInputValue", () => {
  it("shows UTC dates in a date-and-time box and leaves other offsets as text", () => {
    expect(utcInputValue("2030-01-01T09:00:00Z")).toBe("2030-01-01T09:00");
    expect(utcInputValue("2030-01-01T09:30Z")).toBe("2030-01-01T09:30");
    expect(utcInputValue("2030-01-01T09:00:00+00:00")).toBe("2030-01-01T09:00");
    expect(utcInputValue("2030-01-01T09:00:15Z")).toBeNull();
    expect(utcInputValue("2030-01-01T09:00:00+01:00")).toBeNull();
  });
});
