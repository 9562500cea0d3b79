import type { Store } from "@overture/runtime";
import { json } from "../content/rows.ts";

/**
 * Attributes only a signed identity (or the secret key) may change: where mail goes, the phone number, and consent
 * (`consent` as an object and every `consent.<channel>` key). A workspace adds its own in its identity settings.
 */
export const ALWAYS_PROTECTED_ATTRIBUTES = ["email", "phone", "consent"] as const;

/** A workspace's identity settings. */
export type IdentitySettings = {
  /** Attributes the workspace protects besides {@link ALWAYS_PROTECTED_ATTRIBUTES} (e.g. "plan", "role"). */
  protectedAttributes: string[];
};

// Read on every ingestion call that sets attributes: each process keeps a workspace's settings for a few seconds of
// clock time; a change made through this process is seen at once, through another within that time.
const FRESH_MS = 5_000;
const cache = new WeakMap<Store, Map<string, { settings: IdentitySettings; readAt: number }>>();

function cacheOf(store: Store) {
  let known = cache.get(store);
  if (!known) {
    known = new Map();
    cache.set(store, known);
  }
  return known;
}

/** The workspace's identity settings (no extra protected attribute until set). */
export async function getIdentitySettings(store: Store, workspaceId: string, now: number): Promise<IdentitySettings> {
  const hit = cacheOf(store).get(workspaceId);
  if (hit && now >= hit.readAt && now - hit.readAt < FRESH_MS) return hit.settings;
  const [row] = await store.sql.all("SELECT protected_attributes FROM identity_settings WHERE workspace_id = ?", [
    workspaceId,
  ]);
  const settings: IdentitySettings = { protectedAttributes: row ? json<string[]>(row.protected_attributes) : [] };
  cacheOf(store).set(workspaceId, { settings, readAt: now });
  return settings;
}

/** Replaces the workspace's identity settings. */
export async function putIdentitySettings(
  store: Store,
  workspaceId: string,
  settings: IdentitySettings,
  now: number,
): Promise<IdentitySettings> {
  const clean: IdentitySettings = { protectedAttributes: [...new Set(settings.protectedAttributes)].sort() };
  await store.sql.run(
    `INSERT INTO identity_settings (workspace_id, protected_attributes, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (workspace_id) DO UPDATE SET protected_attributes = excluded.protected_attributes, updated_at = excluded.updated_at`,
    [workspaceId, JSON.stringify(clean.protectedAttributes), now],
  );
  cacheOf(store).set(workspaceId, { settings: clean, readAt: now });
  return clean;
}

/** Whether attribute `key` is protected by one of `names`: the name itself or a dotted key under it (`consent.email`). */
export function isProtectedAttribute(key: string, names: readonly string[]): boolean {
  return names.some((name) => key === name || key.startsWith(`${name}.`));
}
