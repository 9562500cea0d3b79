import { describe, expect, it } from "vitest";
import { customerTimeZone, quietHoursEnd } from "./quiet-hours.ts";

const NIGHT = { start: "21:00", end: "08:00" };
const utc = (d: number, h: number, m = 0) => Date.UTC(2026, 0, d, h, m);

describe("quietHoursEnd", () => {
  it("holds a window that crosses midnight until its end, on the right day", () => {
    expect(quietHoursEnd(utc(5, 22), NIGHT, "UTC")).toBe(utc(6, 8));
    expect(quietHoursEnd(utc(6, 3), NIGHT, "UTC")).toBe(utc(6, 8));
    expect(quietHoursEnd(utc(6, 7, 59), NIGHT, "UTC")).toBe(utc(6, 8));
  });

  it("lets sends through outside the window; the start is in it, the end is not", () => {
    expect(quietHoursEnd(utc(6, 8), NIGHT, "UTC")).toBeNull();
    expect(quietHoursEnd(utc(6, 20, 59), NIGHT, "UTC")).toBeNull();
    expect(quietHoursEnd(utc(6, 21), NIGHT, "UTC")).toBe(utc(7, 8));
  });

  it("reads the wall clock of the customer's zone", () => {
    // 09:00 UTC is 04:00 in New York (UTC-5 in January): quiet until 08:00 there, 13:00 UTC.
    expect(quietHoursEnd(utc(5, 9), NIGHT, "America/New_York")).toBe(utc(5, 13));
    // 09:00 UTC is 18:00 in Tokyo: allowed.
    expect(quietHoursEnd(utc(5, 9), NIGHT, "Asia/Tokyo")).toBeNull();
  });

  it("handles a window within one day", () => {
    const lunch = { start: "12:00", end: "14:00" };
    expect(quietHoursEnd(utc(5, 13), lunch, "UTC")).toBe(utc(5, 14));
    expect(quietHoursEnd(utc(5, 11), lunch, "UTC")).toBeNull();
  });

  it("ends at the local end time across a change of offset (Paris, last Sunday of March)", () => {
    // 2026-03-29 01:30 UTC is 02:30 CET… clocks jump to 03:00 CEST at 01:00 UTC, so 01:30 UTC is 03:30 CEST.
    const end = quietHoursEnd(Date.UTC(2026, 2, 29, 1, 30), NIGHT, "Europe/Paris");
    expect(end).toBe(Date.UTC(2026, 2, 29, 6, 0)); // 08:00 CEST
  });
});

describe("customerTimeZone", () => {
  it("uses the profile's zone when it is a real one, else the default", () => {
    expect(customerTimeZone({ timezone: "Europe/Paris" }, "UTC")).toBe("Europe/Paris");
    expect(customerTimeZone({ timezone: "Mars/Olympus" }, "UTC")).toBe("UTC");
    expect(customerTimeZone({}, "Asia/Tokyo")).toBe("Asia/Tokyo");
  });
});
