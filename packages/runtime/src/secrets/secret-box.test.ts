import { describe, expect, it } from "vitest";
import {
  createSecretBox,
  isSealedValue,
  previousSecretsFromEnv,
  SecretUnreadableError,
  secretBoxFromEnv,
} from "./secret-box.ts";

describe("secret box (AES-256-GCM, key from the server secret by HKDF)", () => {
  const box = createSecretBox("server secret one");

  it("seals to a tagged value that opens only in its own context", () => {
    const sealed = box.seal("whsec_abc", "webhook_endpoints/ws/crm/secret");
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("whsec_abc");
    expect(box.seal("whsec_abc", "x")).not.toBe(box.seal("whsec_abc", "x"));
    expect(box.open(sealed, "webhook_endpoints/ws/crm/secret")).toBe("whsec_abc");
    expect(() => box.open(sealed, "webhook_endpoints/ws/other/secret")).toThrow(SecretUnreadableError);
    expect(box.isCurrent(sealed)).toBe(true);
  });

  it("refuses an altered value", () => {
    const sealed = box.seal("token", "c");
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith("A") ? "B" : "A"}${sealed.slice(-1)}`;
    expect(() => box.open(altered, "c")).toThrow(SecretUnreadableError);
  });

  it("reads plaintext rows from before encryption as they are (they are sealed on start)", () => {
    expect(box.open("whsec_plain", "c")).toBe("whsec_plain");
    expect(box.isCurrent("whsec_plain")).toBe(false);
    expect(isSealedValue("whsec_plain")).toBe(false);
    expect(isSealedValue(box.seal("whsec_plain", "c"))).toBe(true);
  });

  it("opens values sealed by a previous server secret, seals with the current one", () => {
    const old = box.seal("token", "c");
    const rotated = secretBoxFromEnv("server secret two", { OVERTURE_SECRET_PREVIOUS: "server secret one" });
    expect(rotated.open(old, "c")).toBe("token");
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.seal("token", "c"))).toBe(true);
    expect(() => createSecretBox("server secret two").open(old, "c")).toThrow(/OVERTURE_SECRET_PREVIOUS/);
  });

  it("reads OVERTURE_SECRET_PREVIOUS as comma-separated secrets, trimmed like OVERTURE_SECRET, empty ones dropped", () => {
    expect(previousSecretsFromEnv({ OVERTURE_SECRET_PREVIOUS: " one , two,," })).toEqual(["one", "two"]);
    expect(previousSecretsFromEnv({})).toEqual([]);
    const old = box.seal("token", "c");
    expect(
      secretBoxFromEnv("server secret two", { OVERTURE_SECRET_PREVIOUS: "x, server secret one " }).open(old, "c"),
    ).toBe("token");
  });
});
