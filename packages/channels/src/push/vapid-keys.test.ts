import { describe, expect, it } from "vitest";
import { vapidSubject } from "./vapid-keys.ts";

describe("VAPID subject (PUSH_SUBJECT)", () => {
  it("defaults to mailto:push@localhost, takes mailto: and https:, and refuses anything else by name", () => {
    expect(vapidSubject({})).toBe("mailto:push@localhost");
    expect(vapidSubject({ PUSH_SUBJECT: " https://acme.example/contact " })).toBe("https://acme.example/contact");
    expect(() => vapidSubject({ PUSH_SUBJECT: "ops@acme.example" })).toThrow(/PUSH_SUBJECT must be/);
    expect(() => vapidSubject({ PUSH_SUBJECT: "http://acme.example" })).toThrow(/PUSH_SUBJECT must be/);
  });
});
