import { CONTENT_VIEWED } from "../interpreter/engagement.ts";
import type { SegmentNeeds } from "./segment-facts.ts";
import { EMAIL_CLICKED, EMAIL_OPENED, PORTAL_LOGIN, type SegmentRule, type SegmentWindow } from "./segment-rule.ts";

type Acc = { attributes: boolean; events: Set<string>; journeys: boolean; segments: Set<string> };

function windowNeeds(window: SegmentWindow | undefined, into: Acc): void {
  // The anchor of an after-event window is an event too: without it loaded there is no window.
  if (window?.type === "after-event") into.events.add(window.event);
}

function collect(rule: SegmentRule, into: Acc): void {
  switch (rule.type) {
    case "attribute":
      into.attributes = true;
      return;
    case "event":
      into.events.add(rule.event);
      windowNeeds(rule.window, into);
      return;
    case "event-time":
      into.events.add(rule.event);
      return;
    case "email-engagement":
      into.events.add(rule.action === "opened" ? EMAIL_OPENED : EMAIL_CLICKED);
      windowNeeds(rule.window, into);
      return;
    case "portal-login":
      into.events.add(PORTAL_LOGIN);
      windowNeeds(rule.window, into);
      return;
    case "dwell":
      into.events.add(CONTENT_VIEWED);
      windowNeeds(rule.window, into);
      return;
    case "journey":
      into.journeys = true;
      return;
    case "segment":
      into.segments.add(rule.segmentId);
      return;
    case "not":
      collect(rule.rule, into);
      return;
    default:
      for (const r of rule.rules) collect(r, into);
  }
}

/** What the runtime must load about a customer to evaluate these rules: no more (event names sorted, unique). */
export function segmentNeeds(...rules: SegmentRule[]): SegmentNeeds {
  const acc: Acc = { attributes: false, events: new Set(), journeys: false, segments: new Set() };
  for (const rule of rules) collect(rule, acc);
  return {
    attributes: acc.attributes,
    events: [...acc.events].sort(),
    journeys: acc.journeys,
    segments: [...acc.segments].sort(),
  };
}
