import type { JourneyDocument } from "@overture/core";
import { describe, expect, it } from "vitest";
import { neighbourStep, readingOrder } from "./step-navigation.ts";
import { tidyDocument } from "./tidy-layout.ts";

/** trigger → wait-for-event (event → thanks → done, timeout → nudge → done), and an orphan step; tidied. */
const document = await tidyDocument({
  schemaVersion: 1,
  name: "Keys",
  settings: { reentry: "never" },
  steps: [
    { id: "orphan", type: "exit" },
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "wait" },
    {
      id: "wait",
      type: "wait-for-event",
      events: [{ event: "portal.login" }],
      timeout: "3d",
      next: "thanks",
      timeoutNext: "nudge",
    },
    { id: "nudge", type: "email", subject: "Come back", body: "", next: "done" },
    { id: "thanks", type: "email", subject: "Thanks", body: "", next: "done" },
    { id: "done", type: "exit" },
  ],
} as JourneyDocument);

describe("keyboard moves between steps (issue #4)", () => {
  it("reads from the trigger along the exits, one arm to its end first, then the steps nobody reaches", () => {
    expect(readingOrder(document.steps)).toEqual(["start", "wait", "thanks", "done", "nudge", "orphan"]);
  });

  it("Tab and Shift-Tab go through the reading order and stop at its ends; nothing selected starts at an end", () => {
    expect(neighbourStep(document, null, "next")).toBe("start");
    expect(neighbourStep(document, null, "previous")).toBe("orphan");
    expect(neighbourStep(document, "wait", "next")).toBe("thanks");
    expect(neighbourStep(document, "wait", "previous")).toBe("start");
    expect(neighbourStep(document, "orphan", "next")).toBeNull();
    expect(neighbourStep(document, "start", "previous")).toBeNull();
  });

  it("down follows the first connected exit, up goes back to a step that leads here", () => {
    expect(neighbourStep(document, "start", "down")).toBe("wait");
    expect(neighbourStep(document, "wait", "down")).toBe("thanks");
    expect(neighbourStep(document, "nudge", "up")).toBe("wait");
    expect(neighbourStep(document, "done", "up")).toBe("thanks");
    expect(neighbourStep(document, "done", "down")).toBeNull();
    expect(neighbourStep(document, "start", "up")).toBeNull();
  });

  it("left and right go to the nearest step in the same row", () => {
    expect(neighbourStep(document, "thanks", "right")).toBe("nudge");
    expect(neighbourStep(document, "nudge", "left")).toBe("thanks");
    expect(neighbourStep(document, "thanks", "left")).toBeNull();
    // Tidy layout puts a step nobody reaches in the first row, beside the trigger (before it, as it is listed first).
    expect(neighbourStep(document, "start", "left")).toBe("orphan");
    expect(neighbourStep(document, "orphan", "left")).toBeNull();
  });
});
