import type { CustomerEvent, Json } from "@overture/core";
import { mixSeed, mulberry32, type Random } from "./prng.ts";

export const SECOND_MS = 1_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A content item of the synthetic library, with the topics its views count towards. */
export type SyntheticContent = { id: string; topics: string[] };

/** The synthetic content library that `views-content` customers read from. */
export const SYNTHETIC_CONTENT: readonly SyntheticContent[] = [
  { id: "first-steps", topics: ["getting-started"] },
  { id: "invite-your-team", topics: ["getting-started", "collaboration"] },
  { id: "connect-your-crm", topics: ["integrations"] },
  { id: "webhooks-101", topics: ["integrations", "automation"] },
  { id: "weekly-report", topics: ["reporting"] },
  { id: "custom-dashboards", topics: ["reporting", "best-practices"] },
  { id: "automate-follow-ups", topics: ["automation"] },
  { id: "single-sign-on", topics: ["security"] },
  { id: "audit-log", topics: ["security", "best-practices"] },
  { id: "invoices-and-billing", topics: ["billing"] },
];

/** One content view: which item, how long the customer stayed, and when (ms after the purchase). */
export type ContentView = { afterMs: number; contentId: string; topics: string[]; dwellMs: number };

/**
 * What a synthetic customer does after buying. Offsets are milliseconds after the purchase.
 * - `ignores`: never comes back.
 * - `logs-in`: logs in to the portal once; some also activate a feature (the journey's goal) later.
 * - `views-content`: reads content items (each view is a `content.viewed` event with topics and dwell time).
 * - `cancels`: cancels their account (the journey's exit criterion).
 */
export type Behaviour =
  | { kind: "ignores" }
  | { kind: "logs-in"; loginAfterMs: number; activatesAfterMs?: number }
  | { kind: "views-content"; views: ContentView[] }
  | { kind: "cancels"; cancelAfterMs: number };

export type BehaviourKind = Behaviour["kind"];

/**
 * A synthetic customer's profile. Some gave a mobile number (`phone`, E.164) and answered the SMS opt-in
 * (`consent.sms`), so journeys that text behind a profile condition have customers on both sides of it.
 */
export type SyntheticAttributes = {
  firstName: string;
  email: string;
  timezone: string;
  plan: "starter" | "team" | "business";
  phone?: string;
  consent?: { sms: boolean };
};

/** A synthetic customer: profile attributes, when they buy, and their scripted behaviour. */
export type SyntheticCustomer = {
  id: string;
  attributes: SyntheticAttributes;
  /** When the customer completes the purchase that starts the onboarding journey (epoch ms). */
  purchaseAt: number;
  behaviour: Behaviour;
};

/** An event a synthetic customer sends; the purchase also carries the profile attributes (as Segment's identify traits). */
export type SyntheticEvent = CustomerEvent & { attributes?: Record<string, Json> };

export type SyntheticOptions = {
  count: number;
  seed: number;
  /** Purchases are spread over `purchaseSpreadMs` (default one day) from this instant. */
  startAt: number;
  purchaseSpreadMs?: number;
  /**
   * When set, purchases fall on this many evenly spaced instants of the spread instead of any millisecond, so
   * thousands of customers are due together (benchmarks use it to fill engine batches). Default: unset.
   */
  purchaseSlots?: number;
  /**
   * Behaviour times (after the purchase) are rounded down to a multiple of this many milliseconds, a whole number
   * of seconds (default one second). A coarse grid (an hour, a day) makes many customers' events coincide.
   */
  behaviourGridMs?: number;
  /** Customer ids are this prefix plus a zero-padded number (default "customer-"). */
  idPrefix?: string;
};

/** The share of each behaviour, in the order they are drawn. */
export const BEHAVIOUR_MIX: ReadonlyArray<readonly [BehaviourKind, number]> = [
  ["ignores", 0.3],
  ["logs-in", 0.35],
  ["views-content", 0.25],
  ["cancels", 0.1],
];

const FIRST_NAMES = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Donald",
  "Frances",
  "Ken",
  "Margaret",
  "Linus",
  "Radia",
  "Tim",
];
const TIMEZONES = [
  "UTC",
  "Europe/Paris",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "Asia/Tokyo",
  "Australia/Sydney",
];
const PLANS = ["starter", "team", "business"] as const;

/** The share of customers who gave a mobile number. */
export const PHONE_SHARE = 0.3;
/** The share of those with a mobile number who opted in to SMS (the others said no: `consent.sms` false). */
export const SMS_OPT_IN_SHARE = 0.6;

/**
 * A mobile number and the SMS answer for some customers, nothing for the rest. Numbers are in the North American
 * range reserved for fiction (555-0100 to 555-0199), so a test that leaks a text reaches nobody.
 */
function drawPhone(random: Random): Pick<SyntheticAttributes, "phone" | "consent"> {
  if (random.next() >= PHONE_SHARE) return {};
  const area = random.int(201, 990);
  const line = random.int(100, 200);
  return { phone: `+1${area}555${String(line).padStart(4, "0")}`, consent: { sms: random.next() < SMS_OPT_IN_SHARE } };
}

/**
 * An offset after the purchase that can never coincide with a journey timer: timers fall on whole seconds
 * after the purchase (whole days) or after another event (+1 day), while the k-th behaviour event of a customer
 * sits at whole seconds (a multiple of `behaviourGridMs`) + 500 + k ms. So no event shares an instant with a timer or with another event, and
 * the expected outcome never depends on how a runtime orders simultaneous work.
 */
function gridOffset(days: number, k: number, gridMs: number): number {
  return Math.floor((days * DAY_MS) / gridMs) * gridMs + 500 + k;
}

function drawKind(random: Random): BehaviourKind {
  let r = random.next();
  for (const [kind, share] of BEHAVIOUR_MIX) {
    if (r < share) return kind;
    r -= share;
  }
  return "ignores";
}

function drawBehaviour(random: Random, gridMs: number): Behaviour {
  const offset = (days: number, k: number) => gridOffset(days, k, gridMs);
  const kind = drawKind(random);
  switch (kind) {
    case "ignores":
      return { kind };
    case "logs-in": {
      // Days 0.1–12: about a quarter log in before the engagement wait starts (day 3) and a sixth after it
      // timed out (day 10); both groups get the follow-ups.
      const loginDay = random.between(0.1, 12);
      const behaviour: Behaviour = { kind, loginAfterMs: offset(loginDay, 0) };
      if (random.next() < 0.5) behaviour.activatesAfterMs = offset(loginDay + random.between(0.02, 2), 1);
      return behaviour;
    }
    case "views-content": {
      const views: ContentView[] = [];
      let day = random.between(0.1, 11);
      const n = random.int(1, 6);
      for (let k = 0; k < n; k++) {
        const item = random.pick(SYNTHETIC_CONTENT);
        views.push({
          afterMs: offset(day, k),
          contentId: item.id,
          topics: [...item.topics],
          dwellMs: random.int(5_000, 600_000),
        });
        day += random.between(0.01, 1.25);
      }
      return { kind, views };
    }
    case "cancels":
      return { kind, cancelAfterMs: offset(random.between(0.1, 14), 0) };
  }
}

/** Customer `index` of the population `seed`: depends only on (seed, index). */
export function syntheticCustomer(options: Omit<SyntheticOptions, "count">, index: number): SyntheticCustomer {
  const random = mulberry32(mixSeed(options.seed, index));
  const id = `${options.idPrefix ?? "customer-"}${String(index + 1).padStart(7, "0")}`;
  const firstName = random.pick(FIRST_NAMES);
  const timezone = random.pick(TIMEZONES);
  const plan = random.pick(PLANS);
  const spread = options.purchaseSpreadMs ?? DAY_MS;
  const slots = options.purchaseSlots;
  // One draw either way, so the behaviour drawn next is the same with or without slots.
  const r = random.next();
  const purchaseAt =
    options.startAt + (slots ? Math.floor(r * slots) * Math.floor(spread / slots) : Math.floor(r * spread));
  const gridMs = options.behaviourGridMs ?? SECOND_MS;
  if (!Number.isInteger(gridMs / SECOND_MS) || gridMs <= 0)
    throw new RangeError("behaviourGridMs must be a positive whole number of seconds");
  const behaviour = drawBehaviour(random, gridMs);
  // Drawn last, so the purchase times and behaviours are those of populations drawn before phones existed.
  const contact = drawPhone(random);
  return {
    id,
    attributes: { firstName, email: `${id}@example.test`, timezone, plan, ...contact },
    purchaseAt,
    behaviour,
  };
}

/** Yields `count` synthetic customers one at a time, so a million of them never sit in memory together. */
export function* syntheticCustomerStream(options: SyntheticOptions): Generator<SyntheticCustomer> {
  for (let i = 0; i < options.count; i++) yield syntheticCustomer(options, i);
}

/** `count` deterministic synthetic customers for `seed`; the same options always give the same customers. */
export function syntheticCustomers(options: SyntheticOptions): SyntheticCustomer[] {
  return Array.from(syntheticCustomerStream(options));
}

/**
 * The events the customer sends, oldest first: `purchase.completed` at `purchaseAt`, then their behaviour.
 * Ids are stable (customer id and a suffix), so resending them is idempotent.
 */
export function eventsFor(customer: SyntheticCustomer, purchaseAt: number = customer.purchaseAt): SyntheticEvent[] {
  const { id: customerId, behaviour } = customer;
  const event = (suffix: string, name: string, at: number, properties: Record<string, Json> = {}): SyntheticEvent => ({
    id: `${customerId}:${suffix}`,
    name,
    customerId,
    properties,
    at,
  });
  const purchase = event("purchase", "purchase.completed", purchaseAt, {
    orderId: `order-${customerId}`,
    product: "Overture Cloud",
  });
  purchase.attributes = { ...customer.attributes };
  const later: SyntheticEvent[] = [];
  switch (behaviour.kind) {
    case "ignores":
      break;
    case "logs-in":
      later.push(event("login", "portal.login", purchaseAt + behaviour.loginAfterMs));
      if (behaviour.activatesAfterMs !== undefined) {
        later.push(
          event("activated", "feature.activated", purchaseAt + behaviour.activatesAfterMs, { feature: "reports" }),
        );
      }
      break;
    case "views-content":
      behaviour.views.forEach((v, k) => {
        later.push(
          event(`view-${k}`, "content.viewed", purchaseAt + v.afterMs, {
            contentId: v.contentId,
            topics: [...v.topics],
            dwellMs: v.dwellMs,
          }),
        );
      });
      break;
    case "cancels":
      later.push(
        event("cancelled", "account.cancelled", purchaseAt + behaviour.cancelAfterMs, { reason: "not-needed" }),
      );
      break;
  }
  // Stable sort: simultaneous events keep the order written above.
  later.sort((a, b) => a.at - b.at);
  return [purchase, ...later];
}
