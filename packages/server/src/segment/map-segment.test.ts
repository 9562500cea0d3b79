import { describe, expect, it } from "vitest";
import { mapSegmentBatch, mapSegmentMessage } from "./map-segment.ts";

const receivedAt = Date.UTC(2025, 0, 6, 12, 0, 0);
const map = (type: string, raw: unknown) => mapSegmentMessage(type, raw, { receivedAt });

describe("mapSegmentMessage", () => {
  it("track → the named event; userId wins over anonymousId; messageId → id", () => {
    expect(
      map("track", {
        userId: "u1",
        anonymousId: "a1",
        event: "order.paid",
        properties: { total: 3 },
        messageId: "m1",
        timestamp: "2025-01-06T10:00:00Z",
      }),
    ).toEqual({
      ok: true,
      event: { id: "m1", name: "order.paid", customerId: "u1", properties: { total: 3 }, at: Date.UTC(2025, 0, 6, 10) },
    });
  });

  it("falls back to anonymousId, and takes numeric ids as text", () => {
    expect(map("track", { anonymousId: "a1", event: "x" })).toMatchObject({ ok: true, event: { customerId: "a1" } });
    expect(map("track", { userId: 42, event: "x" })).toMatchObject({ ok: true, event: { customerId: "42" } });
    expect(map("track", { userId: "  ", anonymousId: "a2", event: "x" })).toMatchObject({
      ok: true,
      event: { customerId: "a2" },
    });
  });

  it("leaves the time to the runtime when none is given", () => {
    const mapped = map("track", { userId: "u1", event: "x" });
    expect(mapped.ok && "at" in mapped.event).toBe(false);
  });

  it("corrects originalTimestamp for the client's clock skew, as Segment does", () => {
    // The client's clock is 10 minutes fast: it says it sent at 12:10 what happened at 12:05 (its time).
    const mapped = mapSegmentMessage(
      "track",
      { userId: "u1", event: "x", originalTimestamp: "2025-01-06T12:05:00Z", sentAt: "2025-01-06T12:10:00Z" },
      { receivedAt },
    );
    expect(mapped).toMatchObject({ ok: true, event: { at: receivedAt - 5 * 60_000 } });
  });

  it("identify → an identify event whose traits become attributes (time zone from context unless a trait)", () => {
    expect(map("identify", { userId: "u1", traits: { plan: "team" }, context: { timezone: "Europe/Paris" } })).toEqual({
      ok: true,
      event: {
        name: "identify",
        customerId: "u1",
        properties: { plan: "team", timezone: "Europe/Paris" },
        attributes: { plan: "team", timezone: "Europe/Paris" },
      },
    });
    expect(
      map("identify", { userId: "u1", traits: { timezone: "UTC" }, context: { timezone: "Asia/Tokyo" } }),
    ).toMatchObject({
      event: { attributes: { timezone: "UTC" } },
    });
  });

  it("page and screen → page.viewed and screen.viewed with name and category", () => {
    expect(
      map("page", { userId: "u1", name: "Pricing", category: "Docs", properties: { url: "/pricing" } }),
    ).toMatchObject({
      event: { name: "page.viewed", properties: { url: "/pricing", name: "Pricing", category: "Docs" } },
    });
    expect(map("screen", { userId: "u1", name: "Home", properties: { name: "Own" } })).toMatchObject({
      event: { name: "screen.viewed", properties: { name: "Own" } },
    });
  });

  it("refuses group and alias, a missing type, and a message without a user", () => {
    expect(map("group", { userId: "u1" })).toMatchObject({
      ok: false,
      code: "unsupported_type",
      problems: [{ path: "type" }],
    });
    expect(map("alias", { userId: "u1", previousId: "a1" })).toMatchObject({ ok: false, code: "unsupported_type" });
    expect(map("", { userId: "u1" })).toMatchObject({
      ok: false,
      code: "invalid_event",
      problems: [{ path: "type", code: "required" }],
    });
    expect(map("track", { event: "x" })).toMatchObject({
      ok: false,
      code: "invalid_event",
      problems: [{ path: "userId", code: "required" }],
    });
  });

  it("names every problem of a bad message", () => {
    const mapped = map("track", { userId: "u1", properties: [], timestamp: "soon" });
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.problems.map((p) => p.path).sort()).toEqual(["event", "properties"]);
    expect(map("track", { userId: "u1", event: "x", timestamp: "soon" })).toMatchObject({
      problems: [{ path: "timestamp", code: "invalid_date" }],
    });
  });
});

describe("mapSegmentBatch", () => {
  it("maps each message by its own type, with the batch's context", () => {
    const mapped = mapSegmentBatch(
      {
        batch: [
          { type: "identify", userId: "u1", traits: {} },
          { type: "alias" },
          null,
          { type: "track", userId: "u1", event: "e" },
        ],
        context: { timezone: "Asia/Tokyo" },
      },
      receivedAt,
    );
    expect(mapped.map((m) => (m.ok ? m.event.name : m.code))).toEqual([
      "identify",
      "unsupported_type",
      "invalid_event",
      "e",
    ]);
    expect(mapped[0]).toMatchObject({ event: { attributes: { timezone: "Asia/Tokyo" } } });
  });
});
