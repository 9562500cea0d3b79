import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSigningSecret } from "./signing-secret.ts";
import { addTracking, clickUrl, unsubscribeUrl } from "./tracking-links.ts";
import { signToken, verifyToken } from "./tracking-token.ts";

const message = { workspaceId: "w1", customerId: "c1", journeyId: "j1", stepId: "welcome", key: "i1:welcome:1" };

describe("tracking tokens", () => {
  it("verify only with the same secret, kind and (for clicks) URL", () => {
    const token = signToken("s3cret", "u", message);
    expect(verifyToken("s3cret", "u", token)).toEqual(message);
    expect(verifyToken("other", "u", token)).toBeNull();
    expect(verifyToken("s3cret", "o", token)).toBeNull();
    const [payload, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify(["w1", "someone-else", "j1", "welcome", "k"])).toString("base64url");
    expect(verifyToken("s3cret", "u", `${forged}.${mac}`)).toBeNull();
    expect(verifyToken("s3cret", "u", `${payload}`)).toBeNull();
    expect(verifyToken("s3cret", "u", "not a token")).toBeNull();
    const click = signToken("s3cret", "c", message, "https://a.test/");
    expect(verifyToken("s3cret", "c", click, "https://a.test/")).toEqual(message);
    expect(verifyToken("s3cret", "c", click, "https://b.test/")).toBeNull();
  });
});

describe("addTracking", () => {
  it("routes http(s) links through the click redirect, leaves the unsubscribe link and mailto alone, adds the pixel", () => {
    const unsubscribe = unsubscribeUrl("https://o.test", "k", message);
    const html = `<html><body><a href="https://shop.test/?a=1&amp;b=2">Shop</a><a href="mailto:help@shop.test">Mail</a><a class="x" href="${unsubscribe}">Unsubscribe</a></body></html>`;
    const tracked = addTracking(html, { baseUrl: "https://o.test", secret: "k", message });
    expect(tracked).toContain(
      `href="${clickUrl("https://o.test", "k", message, "https://shop.test/?a=1&b=2").replace(/&/g, "&amp;")}"`,
    );
    expect(tracked).toContain('href="mailto:help@shop.test"');
    expect(tracked).toContain(`href="${unsubscribe}"`);
    expect(tracked).toMatch(/<img src="https:\/\/o\.test\/o\/[^"]+\.gif" width="1" height="1"[^>]*><\/body>/);
  });
});

describe("loadSigningSecret", () => {
  it("uses OVERTURE_SECRET, else creates one in the data folder and keeps it", () => {
    const dir = mkdtempSync(join(tmpdir(), "overture-secret-"));
    try {
      expect(loadSigningSecret(dir, { OVERTURE_SECRET: "from-env" })).toBe("from-env");
      const made = loadSigningSecret(dir, {});
      expect(made.length).toBeGreaterThanOrEqual(40);
      expect(readFileSync(join(dir, "secret.txt"), "utf8").trim()).toBe(made);
      expect(loadSigningSecret(dir, {})).toBe(made);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
