import { expectedOnboarding, ONBOARDING_JOURNEY } from "@overture/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSimulation, scheduleEvents } from "../src/simulation/simulate.ts";
import { eventsFor, type SyntheticCustomer, syntheticCustomers } from "../src/simulation/synthetic-customers.ts";
import { DAY, openTestRuntime, T0 } from "./helpers.ts";
import { postgresTarget } from "./postgres-target.ts";

const CUSTOMERS = 2_000;

/**
 * The north-star scenario end to end (issue #2 §5): a few thousand synthetic customers of known behaviour run
 * through examples/onboarding/journey.json under virtual time; every customer's actions, their order and their
 * virtual times are checked against the independent oracle in @overture/testkit.
 */
async function northStar(databaseUrl?: string) {
  const t = await openTestRuntime(databaseUrl ? { databaseUrl } : {});
  const customers = syntheticCustomers({ count: CUSTOMERS, seed: 7, startAt: T0 });
  const journey = await t.overture.journeys.create(t.ws, {
    name: "Customer onboarding",
    document: { ...ONBOARDING_JOURNEY, id: "onboarding" },
  });
  await t.overture.journeys.publish(t.ws, journey.id);
  await scheduleEvents(
    t.overture,
    t.ws,
    customers.flatMap((c) => eventsFor(c)),
  );
  const result = await runSimulation(t.overture, t.clock, { until: T0 + 40 * DAY });
  return { t, customers, result };
}

function checkEveryCustomer(run: Awaited<ReturnType<typeof northStar>>) {
  return async () => {
    const { t, customers } = run;
    const mismatches: string[] = [];
    const kinds = new Map<string, number>();
    let texted = 0;
    for (const customer of customers as SyntheticCustomer[]) {
      const expected = expectedOnboarding(customer);
      kinds.set(expected.path, (kinds.get(expected.path) ?? 0) + 1);
      if (expected.actions.some((a) => a.type === "sms")) texted++;
      const rows = await t.overture.store.outboxOf(t.ws, { customerId: customer.id });
      const actual = rows.map((r) => `${r.stepId}:${r.channel}@${r.createdAt - customer.purchaseAt}`);
      const wanted = expected.actions.map((a) => `${a.stepId}:${a.type}@${a.at - customer.purchaseAt}`);
      const [instance, ...more] = await t.overture.store.instancesOfCustomer(t.ws, customer.id);
      const recommendation =
        (instance?.context.recommendations as { topics?: string[]; basedOn?: string } | undefined) ?? null;
      const problems = [
        JSON.stringify(actual) !== JSON.stringify(wanted)
          ? `actions ${JSON.stringify(actual)} ≠ ${JSON.stringify(wanted)}`
          : "",
        more.length > 0 ? `${more.length + 1} instances` : "",
        instance?.status !== expected.status ? `status ${instance?.status} ≠ ${expected.status}` : "",
        instance?.converted !== expected.converted ? `converted ${instance?.converted} ≠ ${expected.converted}` : "",
        JSON.stringify(recommendation && { topics: recommendation.topics, basedOn: recommendation.basedOn }) !==
        JSON.stringify(expected.recommendation)
          ? `recommendation ${JSON.stringify(recommendation)} ≠ ${JSON.stringify(expected.recommendation)}`
          : "",
      ].filter(Boolean);
      if (problems.length > 0) mismatches.push(`${customer.id} (${customer.behaviour.kind}): ${problems.join("; ")}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The synthetic mix must exercise every path, or the comparison above proves little.
    expect([...kinds.keys()].sort()).toEqual(["cancelled", "engaged", "not-engaged"]);
    for (const n of kinds.values()) expect(n).toBeGreaterThan(CUSTOMERS / 20);
    // And the SMS reminder's branch both ways: customers with a phone and SMS consent among the not engaged.
    expect(texted).toBeGreaterThan(CUSTOMERS / 50);
  };
}

describe("north-star journey on SQLite", () => {
  let run: Awaited<ReturnType<typeof northStar>>;
  beforeAll(async () => {
    run = await northStar();
  }, 300_000);
  afterAll(() => run?.t.cleanup());
  it("gives every customer exactly the actions the journey prescribes, in order, at the right virtual times", async () =>
    checkEveryCustomer(run)());
  it("counts every step executed", () => {
    expect(run.result.steps).toBeGreaterThan(CUSTOMERS * 8);
  });
});

const pg = await postgresTarget();
describe.skipIf(!pg.available)(
  `north-star journey on PostgreSQL${pg.available ? "" : ` (skipped: ${pg.reason})`}`,
  () => {
    let run: Awaited<ReturnType<typeof northStar>>;
    beforeAll(async () => {
      run = await northStar(await pg.schemaUrl());
    }, 300_000);
    afterAll(async () => {
      await run?.t.cleanup();
      await pg.dropAll();
    });
    it("gives every customer exactly the actions the journey prescribes, in order, at the right virtual times", async () =>
      checkEveryCustomer(run)());
  },
);
