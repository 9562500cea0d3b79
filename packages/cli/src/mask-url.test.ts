import { describe, expect, it } from "vitest";
import { maskUrl } from "./mask-url.ts";

describe("maskUrl", () => {
  it("hides the password and keeps the rest", () => {
    expect(maskUrl("postgres://overture:s3cr%40t@db.internal:5432/overture?sslmode=require")).toBe(
      "postgres://overture:***@db.internal:5432/overture?sslmode=require",
    );
  });

  it("leaves a URL without a password as it was", () => {
    expect(maskUrl("postgres://127.0.0.1:5432/test")).toBe("postgres://127.0.0.1:5432/test");
  });

  it("still hides the password of a URL the parser refuses", () => {
    expect(maskUrl("postgres://u:p@ss w@host/db")).toBe("postgres://u:***@host/db");
  });
});
