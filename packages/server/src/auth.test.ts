import { describe, expect, it } from "vitest";
import { authorize, keyFromAuthorization } from "./auth.ts";

describe("keyFromAuthorization", () => {
  it("reads a bearer key, and the user name of HTTP Basic (Segment's write key)", () => {
    expect(keyFromAuthorization("Bearer ovt_sk_1")).toBe("ovt_sk_1");
    expect(keyFromAuthorization("bearer   ovt_sk_1 ")).toBe("ovt_sk_1");
    expect(keyFromAuthorization(`Basic ${Buffer.from("ovt_wk_1:").toString("base64")}`)).toBe("ovt_wk_1");
    expect(keyFromAuthorization(`Basic ${Buffer.from("ovt_wk_1").toString("base64")}`)).toBe("ovt_wk_1");
  });

  it("returns null for no key", () => {
    for (const header of [
      undefined,
      "",
      "Bearer",
      "Basic",
      `Basic ${Buffer.from(":secret").toString("base64")}`,
      "Digest x",
    ]) {
      expect(keyFromAuthorization(header), String(header)).toBeNull();
    }
  });
});

describe("authorize", () => {
  it("lets a secret key do everything and a write key only ingest", () => {
    expect(authorize({ workspaceId: "w", kind: "secret" }, "secret", true)).toBe("w");
    expect(authorize({ workspaceId: "w", kind: "secret" }, "write", true)).toBe("w");
    expect(authorize({ workspaceId: "w", kind: "write" }, "write", true)).toBe("w");
    expect(() => authorize({ workspaceId: "w", kind: "write" }, "secret", true)).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });

  it("refuses a missing or unknown key as unauthorized", () => {
    expect(() => authorize(null, "write", false)).toThrow(expect.objectContaining({ code: "unauthorized" }));
    expect(() => authorize(null, "write", true)).toThrow(expect.objectContaining({ code: "unauthorized" }));
  });
});
