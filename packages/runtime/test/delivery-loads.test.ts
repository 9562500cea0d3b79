import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliveryLoads } from "../src/outbox/delivery-loads.ts";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { journey, openWorkspaceStore, T0, version, WS } from "./store-contract-fixtures.ts";

describe("delivery loads: a batch's reads coalesced (issue 16)", () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await openWorkspaceStore();
  });
  afterEach(() => store.close());

  it("answers each of a tick's customer reads, from one query, and never keeps a customer", async () => {
    await store.upsertCustomers(WS, [{ id: "ada", attributes: { consent: { email: true } } }], T0);
    await store.upsertCustomers(WS, [{ id: "bob", attributes: {} }], T0);
    const loads = deliveryLoads(store);
    const [ada, bob, nobody, again, other] = await Promise.all([
      loads.customer(WS, "ada"),
      loads.customer(WS, "bob"),
      loads.customer(WS, "nobody"),
      loads.customer(WS, "ada"),
      loads.customer("other-ws", "ada"),
    ]);
    expect(ada).toEqual(await store.getCustomer(WS, "ada"));
    expect(again).toEqual(ada);
    expect(bob?.id).toBe("bob");
    expect(nobody).toBeNull();
    expect(other).toBeNull();
    // Consent withdrawn since: the next read sees it.
    await store.upsertCustomers(WS, [{ id: "ada", attributes: { consent: { email: false } } }], T0 + 1);
    expect((await loads.customer(WS, "ada"))?.attributes).toEqual({ consent: { email: false } });
  });

  it("keeps a published version once read, and asks again for one not found", async () => {
    await store.insertJourney(journey("j1"));
    await store.insertVersion(WS, version("j1", 1));
    const loads = deliveryLoads(store);
    const first = await loads.version(WS, "j1", 1);
    expect(first).toEqual(await store.getVersion(WS, "j1", 1));
    expect(await loads.version(WS, "j1", 1)).toBe(first);
    expect(await loads.version(WS, "j1", 2)).toBeNull();
    await store.insertVersion(WS, version("j1", 2));
    expect((await loads.version(WS, "j1", 2))?.version).toBe(2);
    // Another store (another database) has its own versions.
    const elsewhere = new SqliteStore(":memory:");
    await elsewhere.migrate();
    expect(await deliveryLoads(elsewhere).version(WS, "j1", 1)).toBeNull();
    elsewhere.close();
  });
});
