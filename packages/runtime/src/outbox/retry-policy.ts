import { formatDuration } from "@overture/core";

/**
 * How a channel's failed deliveries are retried: exponential backoff with full jitter over a time window
 * (docs/decisions/0017). A row is given up (dead letter) when its next attempt would fall after the window, measured
 * from its first attempt, not after a fixed count: an outage of hours costs a few attempts, not the mail.
 */
export type RetryPolicy = {
  /** How long a failing row keeps being retried, from its first attempt (or its last re-drive). */
  horizonMs: number;
  /** The first retry's delay is drawn from [0, baseDelayMs); each further one doubles the range… */
  baseDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
  /** A provider's Retry-After is honoured up to this: "retry in 10 days" does not park a row for 10 days. */
  retryAfterCapMs: number;
  /** An optional hard ceiling on attempts, on top of the window. */
  maxAttempts?: number;
};

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Remote providers (SMTP, webhooks, any other channel) get a day; local writes (portal inbox, slots) an hour. */
export const DEFAULT_RETRY_POLICIES: Readonly<Record<string, RetryPolicy>> = {
  "*": { horizonMs: 24 * HOUR, baseDelayMs: 10_000, maxDelayMs: HOUR, retryAfterCapMs: HOUR },
  notification: { horizonMs: HOUR, baseDelayMs: 1_000, maxDelayMs: 5 * MINUTE, retryAfterCapMs: 5 * MINUTE },
  slot: { horizonMs: HOUR, baseDelayMs: 1_000, maxDelayMs: 5 * MINUTE, retryAfterCapMs: 5 * MINUTE },
};

/** Per-channel overrides of the policies; `"*"` applies to every channel, a channel's own entry wins. */
export type RetryPolicies = Record<string, Partial<RetryPolicy>>;

/** The policy of one channel: the built-in default for it, then the `"*"` override, then its own. */
export function retryPolicyFor(channel: string, overrides: RetryPolicies = {}): RetryPolicy {
  const builtIn = DEFAULT_RETRY_POLICIES[channel] ?? (DEFAULT_RETRY_POLICIES["*"] as RetryPolicy);
  return { ...builtIn, ...overrides["*"], ...overrides[channel] };
}

/** What to do after a failed attempt: try again at `at`, or give up with the reason added to the error. */
export type RetryDecision = { type: "retry"; at: number } | { type: "give-up"; reason: string };

/**
 * The next attempt after `attempts` failed ones. Full jitter: the delay is drawn uniformly from
 * [0, min(maxDelayMs, baseDelayMs · 2^(attempts−1))), so dispatchers that failed together do not retry together;
 * a Retry-After (capped) is a floor. `random` returns [0, 1) like Math.random (injected so tests are exact).
 */
export function nextRetry(
  failure: { attempts: number; firstAttemptAt: number | null; now: number; retryAfterMs?: number },
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  const { attempts, now } = failure;
  if (policy.maxAttempts !== undefined && attempts >= policy.maxAttempts)
    return { type: "give-up", reason: `gave up after ${attempts} attempts` };
  const range = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  // At least 1 ms: a retry is never due in the same instant (a virtual clock that stands still would spin on it).
  let delay = Math.max(1, Math.floor(random() * range));
  if (failure.retryAfterMs !== undefined)
    delay = Math.max(delay, Math.min(failure.retryAfterMs, policy.retryAfterCapMs));
  const at = now + delay;
  const deadline = (failure.firstAttemptAt ?? now) + policy.horizonMs;
  if (at > deadline)
    return {
      type: "give-up",
      reason: `gave up after ${attempts} attempts over ${formatDuration(now - (failure.firstAttemptAt ?? now))}`,
    };
  return { type: "retry", at };
}
