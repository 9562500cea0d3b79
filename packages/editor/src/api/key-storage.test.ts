import { describe, expect, it } from "vitest";
import { createKeyStorage, KEY_STORAGE, type KeyStore } from "./key-storage.ts";

/** A Web Storage area in memory, as the browser's behaves. */
function area(initial: Record<string, string> = {}): KeyStore & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
  };
}

describe("the editor's key storage (issue 12, finding 11)", () => {
  it("keeps a pasted key in sessionStorage only, and reads it back in the same tab", () => {
    const session = area();
    const local = area();
    const keys = createKeyStorage(session, local);
    expect(keys.read()).toBeNull();
    keys.remember("ovt_sk_pasted");
    expect(session.items.get(KEY_STORAGE)).toBe("ovt_sk_pasted");
    expect(local.items.size).toBe(0);
    expect(createKeyStorage(session, local).read()).toBe("ovt_sk_pasted");
    keys.forget();
    expect(keys.read()).toBeNull();
  });

  it("removes a key an older editor left in localStorage, and does not use it", () => {
    const local = area({ [KEY_STORAGE]: "ovt_sk_left_on_disk", other: "kept" });
    const keys = createKeyStorage(area(), local);
    expect(keys.read()).toBeNull();
    expect(local.items.has(KEY_STORAGE)).toBe(false);
    expect(local.items.get("other")).toBe("kept");
  });
});
