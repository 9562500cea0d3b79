import { describe, expect, it } from "vitest";
import { customerLabel, localTime, plainReason } from "./customer-words.ts";

describe("customerLabel", () => {
  it("leads with the name, then email and id as detail", () => {
    expect(
      customerLabel({ id: "c-17", attributes: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" } }),
    ).toEqual({
      name: "Ada Lovelace",
      detail: "ada@example.com · c-17",
    });
  });
  it("falls back to the email, then to the id alone", () => {
    expect(customerLabel({ id: "c-18", attributes: { email: "bob@example.com" } })).toEqual({
      name: "bob@example.com",
      detail: "c-18",
    });
    expect(customerLabel({ id: "c-19", attributes: { plan: "pro" } })).toEqual({ name: "c-19" });
  });
});

describe("localTime", () => {
  const at = Date.UTC(2026, 11, 4, 15, 25);
  it("speaks the reader's locale and time zone, without the year when it is this year", () => {
    expect(localTime(at, { locale: "en-GB", timeZone: "UTC", now: at })).toBe("4 Dec, 15:25");
    expect(localTime(at, { locale: "en-GB", timeZone: "Europe/Paris", now: at })).toBe("4 Dec, 16:25");
  });
  it("adds the year for another year", () => {
    expect(localTime(at, { locale: "en-GB", timeZone: "UTC", now: Date.UTC(2027, 0, 2) })).toBe("4 Dec 2026, 15:25");
  });
});

describe("plainReason", () => {
  it("turns the engine's ISO moments into local time", () => {
    const now = Date.UTC(2026, 11, 4);
    expect(
      plainReason("waits 1d, until 2026-12-05T15:28:32.860Z", { locale: "en-GB", timeZone: "Europe/Paris", now }),
    ).toBe("waits 1d, until 5 Dec, 16:28");
    expect(plainReason("email queued")).toBe("email queued");
  });
});
