import { describe, expect, it } from "vitest";
import { mulberry32 } from "./prng.ts";
import {
  BEHAVIOUR_MIX,
  DAY_MS,
  eventsFor,
  PHONE_SHARE,
  SECOND_MS,
  SMS_OPT_IN_SHARE,
  syntheticCustomerStream,
  syntheticCustomers,
} from "./synthetic-customers.ts";

const startAt = Date.UTC(2025, 0, 6);

describe("mulberry32", () => {
  it("gives the same sequence for the same seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43).next()).not.toBe(xs[0]);
  });
});

describe("syntheticCustomers", () => {
  it("is deterministic per seed", () => {
    const a = syntheticCustomers({ count: 200, seed: 7, startAt });
    expect(syntheticCustomers({ count: 200, seed: 7, startAt })).toEqual(a);
    expect(syntheticCustomers({ count: 200, seed: 8, startAt })).not.toEqual(a);
  });

  it("gives customer i the same behaviour whatever the count, and the stream the same customers as the array", () => {
    const small = syntheticCustomers({ count: 10, seed: 3, startAt });
    const large = syntheticCustomers({ count: 1000, seed: 3, startAt });
    expect(large.slice(0, 10)).toEqual(small);
    expect([...syntheticCustomerStream({ count: 1000, seed: 3, startAt })]).toEqual(large);
  });

  it("fills the profile attributes", () => {
    const [c] = syntheticCustomers({ count: 1, seed: 1, startAt });
    expect(c?.id).toBe("customer-0000001");
    expect(c?.attributes.email).toBe("customer-0000001@example.test");
    expect(typeof c?.attributes.firstName).toBe("string");
    expect(() => new Intl.DateTimeFormat("en", { timeZone: c?.attributes.timezone })).not.toThrow();
    expect(["starter", "team", "business"]).toContain(c?.attributes.plan);
  });

  it("gives PHONE_SHARE of customers a fictional mobile number in E.164, SMS_OPT_IN_SHARE of them opted in", () => {
    const customers = syntheticCustomers({ count: 20_000, seed: 11, startAt });
    const phones = customers.filter((c) => c.attributes.phone !== undefined);
    expect(phones.length / customers.length).toBeGreaterThan(PHONE_SHARE - 0.02);
    expect(phones.length / customers.length).toBeLessThan(PHONE_SHARE + 0.02);
    for (const c of phones) {
      expect(c.attributes.phone).toMatch(/^\+1[2-9]\d{2}55501\d{2}$/);
      expect(typeof c.attributes.consent?.sms).toBe("boolean");
    }
    const optedIn = phones.filter((c) => c.attributes.consent?.sms === true).length / phones.length;
    expect(optedIn).toBeGreaterThan(SMS_OPT_IN_SHARE - 0.03);
    expect(optedIn).toBeLessThan(SMS_OPT_IN_SHARE + 0.03);
    // Without a phone there is no SMS answer either.
    expect(customers.filter((c) => c.attributes.phone === undefined && c.attributes.consent)).toEqual([]);
  });

  it("spreads purchases over the first day and behaviours by BEHAVIOUR_MIX", () => {
    const customers = syntheticCustomers({ count: 20_000, seed: 11, startAt });
    for (const c of customers) expect(c.purchaseAt - startAt).toBeGreaterThanOrEqual(0);
    expect(Math.max(...customers.map((c) => c.purchaseAt - startAt))).toBeLessThan(DAY_MS);
    for (const [kind, share] of BEHAVIOUR_MIX) {
      const n = customers.filter((c) => c.behaviour.kind === kind).length;
      expect(n / customers.length).toBeGreaterThan(share - 0.02);
      expect(n / customers.length).toBeLessThan(share + 0.02);
    }
    const logins = customers.flatMap((c) =>
      c.behaviour.kind === "logs-in" ? [c.behaviour.loginAfterMs / DAY_MS] : [],
    );
    // Some log in before the engagement wait starts (day 3), some after it timed out (day 10).
    expect(logins.some((d) => d < 3)).toBe(true);
    expect(logins.some((d) => d > 10)).toBe(true);
  });

  it("streams a million customers without keeping them", () => {
    let n = 0;
    let last = "";
    for (const c of syntheticCustomerStream({ count: 1_000_000, seed: 5, startAt })) {
      n++;
      last = c.id;
    }
    expect(n).toBe(1_000_000);
    expect(last).toBe("customer-1000000");
  });
});

describe("eventsFor", () => {
  const customers = syntheticCustomers({ count: 5_000, seed: 21, startAt });

  it("starts with the purchase, carrying the profile, then the behaviour in time order with stable unique ids", () => {
    const ids = new Set<string>();
    for (const c of customers) {
      const events = eventsFor(c);
      expect(events[0]).toMatchObject({
        id: `${c.id}:purchase`,
        name: "purchase.completed",
        at: c.purchaseAt,
        attributes: c.attributes,
      });
      for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThan(events[i - 1]!.at);
      for (const e of events) {
        expect(ids.has(e.id)).toBe(false);
        ids.add(e.id);
        expect(e.customerId).toBe(c.id);
      }
    }
    expect(eventsFor(customers[0]!)).toEqual(eventsFor(customers[0]!));
  });

  it("places events relative to the given purchase time", () => {
    const c = customers.find((x) => x.behaviour.kind === "cancels")!;
    const events = eventsFor(c, startAt);
    expect(events[0]!.at).toBe(startAt);
    expect(events[1]).toMatchObject({
      name: "account.cancelled",
      at: startAt + (c.behaviour.kind === "cancels" ? c.behaviour.cancelAfterMs : 0),
    });
  });

  it("never puts an event on a whole second after the purchase, nor two events a whole number of seconds apart", () => {
    // Journey timers fall on whole days after the purchase or after an event; this keeps every case free of ties.
    for (const c of customers) {
      const offsets = eventsFor(c)
        .slice(1)
        .map((e) => e.at - c.purchaseAt);
      expect(offsets.every((o) => o % SECOND_MS !== 0)).toBe(true);
      expect(new Set(offsets.map((o) => o % SECOND_MS)).size).toBe(offsets.length);
    }
  });

  it("describes content views with topics and dwell time", () => {
    const c = customers.find((x) => x.behaviour.kind === "views-content")!;
    const view = eventsFor(c).find((e) => e.name === "content.viewed")!;
    expect(Array.isArray(view.properties.topics)).toBe(true);
    expect(view.properties.dwellMs).toBeGreaterThan(0);
    expect(typeof view.properties.contentId).toBe("string");
  });
});
