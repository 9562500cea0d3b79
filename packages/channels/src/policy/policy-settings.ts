import { isTimeZone, parseDuration } from "@overture/core";
import { InputError, type Problem, type SqlMigration, type Store } from "@overture/runtime";

/** At most `max` sends per customer within any window of `per` (a duration such as "7d"). */
export type FrequencyCap = { max: number; per: string };

/**
 * The rules of one channel: a frequency cap (none when null or absent), whether quiet hours hold its sends, and
 * whether it needs opt-in (only customers whose `consent.<channel>` is true get it; otherwise only a false skips).
 */
export type ChannelPolicy = { cap?: FrequencyCap | null; quietHours?: boolean; optIn?: boolean };

/**
 * A workspace's delivery policy. Quiet hours ("21:00"–"08:00", wall clock in the customer's `timezone` attribute, or
 * `defaultTimezone`) hold sends of the channels that opt in; consent (`consent.<channel> === false`) applies to all.
 */
export type DeliveryPolicy = {
  quietHours: { start: string; end: string; defaultTimezone: string } | null;
  channels: Record<string, ChannelPolicy>;
};

/** A channel's policy defaults, as its module declares them (ChannelModule `policy`). */
export type ChannelPolicyDefaults = {
  quietHours: boolean;
  cap: FrequencyCap | null;
  optIn?: boolean;
  consent?: string;
};

/** The quiet hours a workspace starts with: 21:00–08:00 in the customer's time zone, UTC when unknown. */
export const DEFAULT_QUIET_HOURS: NonNullable<DeliveryPolicy["quietHours"]> = {
  start: "21:00",
  end: "08:00",
  defaultTimezone: "UTC",
};

/**
 * The policy of workspaces that have not saved one, from each channel's defaults (the registry passes its modules'
 * `policy`): their caps, whether quiet hours hold them, opt-in; quiet hours {@link DEFAULT_QUIET_HOURS}.
 */
export function defaultDeliveryPolicy(channelPolicies: Record<string, ChannelPolicyDefaults>): DeliveryPolicy {
  const channels: Record<string, ChannelPolicy> = {};
  for (const [channel, { cap, quietHours, optIn }] of Object.entries(channelPolicies))
    channels[channel] = { cap, quietHours, ...(optIn === undefined ? {} : { optIn }) };
  return { quietHours: { ...DEFAULT_QUIET_HOURS }, channels };
}

/**
 * The consent each channel checks (`consent.<kind>`), by channel, from the channels' defaults; for
 * DeliveryPolicyOptions `consent`. Not part of a workspace's saved policy: which consent a channel needs is the
 * channel's, not a setting.
 */
export function consentKinds(channelPolicies: Record<string, { consent?: string }>): Record<string, string> {
  const kinds: Record<string, string> = {};
  for (const [channel, { consent }] of Object.entries(channelPolicies)) if (consent) kinds[channel] = consent;
  return kinds;
}

/** Used until a workspace saves its own: at most 3 emails a week, no email 21:00–08:00. */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = defaultDeliveryPolicy({
  email: { cap: { max: 3, per: "7d" }, quietHours: true },
  notification: { cap: null, quietHours: false },
  webhook: { cap: null, quietHours: false },
  slot: { cap: null, quietHours: false },
});

/** The delivery policy's table and the index caps count with, numbered for `store.sql.migrate`. */
export const POLICY_MIGRATIONS: SqlMigration[] = [
  {
    id: "policy_0001_delivery_policies",
    sqlite:
      "CREATE TABLE delivery_policies (workspace_id TEXT PRIMARY KEY, policy TEXT NOT NULL, updated_at INTEGER NOT NULL)",
    postgres: `CREATE TABLE delivery_policies (workspace_id text COLLATE "C" PRIMARY KEY, policy jsonb NOT NULL, updated_at bigint NOT NULL)`,
  },
  {
    // Frequency caps count a customer's recent sends on a channel: this keeps that a short index range scan.
    id: "policy_0002_deliveries_by_customer",
    sqlite:
      "CREATE INDEX IF NOT EXISTS deliveries_customer_channel ON deliveries (workspace_id, customer_id, channel, at)",
    postgres:
      "CREATE INDEX IF NOT EXISTS deliveries_customer_channel ON deliveries (workspace_id, customer_id, channel, at)",
  },
];

/** Creates the policy table (and the index caps use) when missing; call at start-up. */
export async function ensurePolicySchema(store: Store): Promise<void> {
  await store.sql.migrate(POLICY_MIGRATIONS);
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Every problem of a policy at once (times, time zone, caps); an empty list when it is valid. */
export function validateDeliveryPolicy(policy: DeliveryPolicy): Problem[] {
  const problems: Problem[] = [];
  const q = policy.quietHours;
  if (q) {
    for (const key of ["start", "end"] as const) {
      if (!TIME.test(q[key]))
        problems.push({ path: `quietHours.${key}`, code: "invalid_format", message: "HH:MM, 24-hour" });
    }
    if (q.start === q.end)
      problems.push({ path: "quietHours.end", code: "empty_window", message: "start and end are the same time" });
    if (!isTimeZone(q.defaultTimezone))
      problems.push({
        path: "quietHours.defaultTimezone",
        code: "bad-timezone",
        message: "not a time zone: use a name like Europe/Paris or America/New_York",
      });
  }
  for (const [channel, rules] of Object.entries(policy.channels)) {
    if (rules.cap && parseDuration(rules.cap.per) === null) {
      problems.push({
        path: `channels.${channel}.cap.per`,
        code: "bad-duration",
        message: `'${rules.cap.per}' is not a duration like 7d`,
      });
    }
  }
  return problems;
}

/**
 * The workspace's policy, or `fallback` (the defaults) when it has not saved one. A channel its saved policy does not
 * name (one added since, such as SMS) gets the default rules: a new channel must not skip its opt-in or cap.
 */
export async function getDeliveryPolicy(
  store: Store,
  workspaceId: string,
  fallback: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
): Promise<DeliveryPolicy> {
  return withFallback(await savedDeliveryPolicy(store, workspaceId), fallback);
}

/** The policy the workspace saved, as saved; null when it has saved none. */
export async function savedDeliveryPolicy(store: Store, workspaceId: string): Promise<DeliveryPolicy | null> {
  const rows = await store.sql.all<{ policy: unknown }>("SELECT policy FROM delivery_policies WHERE workspace_id = ?", [
    workspaceId,
  ]);
  const stored = rows[0]?.policy;
  if (stored === undefined) return null;
  return (typeof stored === "string" ? JSON.parse(stored) : stored) as DeliveryPolicy;
}

/** A saved policy (or none) completed by the defaults: channels it does not name get the default rules. */
export function withFallback(saved: DeliveryPolicy | null, fallback: DeliveryPolicy): DeliveryPolicy {
  if (saved === null) return fallback;
  return { ...saved, channels: { ...fallback.channels, ...saved.channels } };
}

/** Saves the workspace's policy, replacing the previous one; InputError `invalid_input` lists every problem. */
export async function putDeliveryPolicy(
  store: Store,
  workspaceId: string,
  policy: DeliveryPolicy,
  now: number,
): Promise<DeliveryPolicy> {
  const problems = validateDeliveryPolicy(policy);
  if (problems.length > 0)
    throw new InputError("invalid_input", `The delivery policy has ${problems.length} problem(s).`, problems);
  const text = JSON.stringify(policy);
  await store.sql.run(
    `INSERT INTO delivery_policies (workspace_id, policy, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (workspace_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`,
    [workspaceId, text, now],
  );
  return policy;
}
