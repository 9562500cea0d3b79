import type { Step } from "@overture/core";
import { describe, expect, it } from "vitest";
import { placeAfter } from "./place-after.ts";

const waitForLogin = (next: string | null, timeoutNext: string | null): Step => ({
  id: "wait",
  type: "wait-for-event",
  events: [{ event: "portal.login" }],
  timeout: "7d",
  next,
  timeoutNext,
  position: { x: 400, y: 600 },
});

describe("placeAfter: where a step added after the selected one goes", () => {
  it("goes straight below a step with one exit, connected from it", () => {
    const email: Step = { id: "hello", type: "email", subject: "Hi", body: "", next: null, position: { x: 100, y: 40 } };
    expect(placeAfter(email)).toEqual({ position: { x: 100, y: 240 }, from: { stepId: "hello", exit: "next" } });
  });

  it("takes the event path of a wait for an event first, then its timeout path, side by side", () => {
    expect(placeAfter(waitForLogin(null, null))).toEqual({ position: { x: 250, y: 800 }, from: { stepId: "wait", exit: "next" } });
    expect(placeAfter(waitForLogin("thanks", null))).toEqual({ position: { x: 550, y: 800 }, from: { stepId: "wait", exit: "timeout" } });
  });

  it("fills a branch's arms and then its 'everyone else'", () => {
    const branch: Step = {
      id: "split-by",
      type: "branch",
      arms: [{ id: "pro", label: "Pro", condition: { type: "event", event: "portal.login" }, next: "a" }],
      else: { label: "Everyone else", next: null },
    };
    expect(placeAfter(branch)).toEqual({ position: { x: 150, y: 200 }, from: { stepId: "split-by", exit: "else" } });
  });

  it("connects nothing when every exit is taken, or the step has none", () => {
    expect(placeAfter(waitForLogin("thanks", "nudge"))).toEqual({ position: { x: 400, y: 800 } });
    expect(placeAfter({ id: "done", type: "exit", position: { x: 0, y: 0 } })).toEqual({ position: { x: 0, y: 200 } });
  });
});
