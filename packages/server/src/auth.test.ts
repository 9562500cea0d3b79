import type { Principal } from "@overture/api-contract";
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

const key = (scopes: Array<"ingest" | "portal" | "read" | "manage">): Principal => ({
  kind: "key",
  workspaceId: "w",
  keyId: "k",
  name: "k",
  scopes,
});
const member = (role: "viewer" | "editor" | "publisher" | "admin" | "owner"): Principal => ({
  kind: "user",
  workspaceId: "w",
  userId: "u",
  email: "u@example.com",
  name: "U",
  role,
});

describe("authorize", () => {
  it("lets a manage key do everything and an ingest key only ingest", () => {
    expect(authorize(key(["manage"]), "journeys.publish", true).workspaceId).toBe("w");
    expect(authorize(key(["manage"]), "events.ingest", true).workspaceId).toBe("w");
    expect(authorize(key(["ingest"]), "events.ingest", true).workspaceId).toBe("w");
    expect(() => authorize(key(["ingest"]), "drafts.edit", true)).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });

  it("refuses a read key on publish, naming what is missing", () => {
    expect(authorize(key(["read"]), "workspace.read", true).workspaceId).toBe("w");
    expect(() => authorize(key(["read"]), "journeys.publish", true)).toThrow(
      expect.objectContaining({ code: "forbidden", problems: [expect.objectContaining({ code: "missing_scope" })] }),
    );
  });

  it("orders roles: an editor edits drafts but does not publish; a publisher does both", () => {
    expect(authorize(member("editor"), "drafts.edit", true).workspaceId).toBe("w");
    expect(() => authorize(member("editor"), "journeys.publish", true)).toThrow(
      expect.objectContaining({ code: "forbidden", problems: [expect.objectContaining({ code: "role_too_low" })] }),
    );
    expect(authorize(member("publisher"), "journeys.publish", true).workspaceId).toBe("w");
    expect(() => authorize(member("viewer"), "drafts.edit", true)).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
    // No member acts for a portal customer: that is a key's job.
    expect(() => authorize(member("owner"), "portal.customer", true)).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });

  it("refuses a missing or unknown credential as unauthorized", () => {
    expect(() => authorize(null, "events.ingest", false)).toThrow(expect.objectContaining({ code: "unauthorized" }));
    expect(() => authorize(null, "events.ingest", true)).toThrow(expect.objectContaining({ code: "unauthorized" }));
  });
});
