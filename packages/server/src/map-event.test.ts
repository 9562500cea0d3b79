import { describe, expect, it } from "vitest";
import { mapEvent } from "./map-event.ts";

describe("mapEvent", () => {
  it("turns an API event into what the runtime stores", () => {
    expect(
      mapEvent({
        id: "e1",
        name: "a",
        customerId: "c1",
        properties: { x: 1 },
        attributes: { plan: "team" },
        timestamp: "2025-01-06T10:00:00+01:00",
      }),
    ).toEqual({
      ok: true,
      event: {
        id: "e1",
        name: "a",
        customerId: "c1",
        properties: { x: 1 },
        attributes: { plan: "team" },
        at: Date.UTC(2025, 0, 6, 9),
      },
    });
    expect(mapEvent({ name: "a", customerId: "c1", timestamp: 5 })).toEqual({
      ok: true,
      event: { name: "a", customerId: "c1", properties: {}, at: 5 },
    });
  });

  it("reports every problem with its path", () => {
    const mapped = mapEvent({ id: "", customerId: 7, timestamp: "2025-01-06" });
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.code).toBe("invalid_event");
    expect(mapped.problems.map((p) => p.path).sort()).toEqual(["customerId", "id", "name", "timestamp"]);
    expect(mapped.message).toContain("customerId");
  });

  it("refuses what is not an object", () => {
    for (const raw of [null, 3, "e", []])
      expect(mapEvent(raw)).toMatchObject({ ok: false, problems: [{ path: "", code: "invalid_type" }] });
  });
});
