import { describe, expect, it } from "vitest";
import {
  DECISION_CACHE_MS,
  DECISION_CACHE_UNHEARD_MS,
  DecisionCache,
  invalidateDecisions,
  keepDecisionCache,
} from "./decision-cache.ts";

const ROWS = [{ slot: "hero" }];
const T = 1_000_000;

function filled(hearsOthers: boolean): DecisionCache {
  const cache = new DecisionCache({ hearsOthers });
  for (const customer of ["ada", "bob"]) cache.set("ws", customer, "hero", cache.stamp("ws", customer), ROWS, T);
  return cache;
}

describe("DecisionCache", () => {
  it("keeps entries the long TTL while it hears other processes, the short one while it does not", () => {
    const cache = filled(true);
    expect(cache.get("ws", "ada", "hero", T + DECISION_CACHE_UNHEARD_MS + 1)).toBe(ROWS);
    expect(cache.get("ws", "ada", "hero", T + DECISION_CACHE_MS + 1)).toBeNull();
    cache.setHearsOthers(false);
    expect(cache.get("ws", "ada", "hero", T + DECISION_CACHE_UNHEARD_MS)).toBe(ROWS);
    expect(cache.get("ws", "ada", "hero", T + DECISION_CACHE_UNHEARD_MS + 1)).toBeNull();
  });

  it("keeps an entry read while deaf to the short TTL, even once other processes are heard", () => {
    const cache = new DecisionCache({ hearsOthers: false });
    cache.set("ws", "ada", "hero", cache.stamp("ws", "ada"), ROWS, T);
    cache.setHearsOthers(true);
    cache.set("ws", "bob", "hero", cache.stamp("ws", "bob"), ROWS, T);
    expect(cache.get("ws", "ada", "hero", T + DECISION_CACHE_UNHEARD_MS + 1)).toBeNull();
    expect(cache.get("ws", "bob", "hero", T + DECISION_CACHE_UNHEARD_MS + 1)).toBe(ROWS);
  });

  it("drops one customer's entries for their assignment, the workspace's for anything else, everything on demand", () => {
    const cache = filled(true);
    cache.invalidate("ws", "ada");
    expect(cache.get("ws", "ada", "hero", T)).toBeNull();
    expect(cache.get("ws", "bob", "hero", T)).toBe(ROWS);
    cache.invalidate("other-ws");
    expect(cache.get("ws", "bob", "hero", T)).toBe(ROWS);
    cache.invalidate("ws");
    expect(cache.get("ws", "bob", "hero", T)).toBeNull();
    const again = filled(true);
    again.invalidateAll();
    expect(again.get("ws", "bob", "hero", T)).toBeNull();
  });

  it("stores rows read across a write as already stale", () => {
    const cache = new DecisionCache({ hearsOthers: true });
    const stamp = cache.stamp("ws", "ada");
    cache.invalidate("ws", "ada"); // the write lands while the query runs
    cache.set("ws", "ada", "hero", stamp, ROWS, T);
    expect(cache.get("ws", "ada", "hero", T)).toBeNull();
  });

  it("lets a store's write drop its own cache only, and a transaction's write every cache of the process", () => {
    const storeA = { migrate() {} };
    const storeB = { migrate() {} };
    const a = filled(true);
    const b = filled(true);
    keepDecisionCache(storeA, a);
    keepDecisionCache(storeB, b);
    invalidateDecisions(storeA, "ws", "ada");
    expect(a.get("ws", "ada", "hero", T)).toBeNull();
    expect(b.get("ws", "ada", "hero", T)).toBe(ROWS);
    invalidateDecisions({ sql: {} }, "ws", "bob");
    expect(a.get("ws", "bob", "hero", T)).toBeNull();
    expect(b.get("ws", "bob", "hero", T)).toBeNull();
  });
});
