import { InputError } from "@overture/runtime";

/** How the SMTP sender pools its connections. */
export type SmtpPool = {
  /** Connections open at once to the SMTP server. */
  maxConnections: number;
  /** Messages sent over one connection before it is replaced. */
  maxMessages: number;
  /** Messages a second at most, across the pool; undefined for no limit (providers throttle: set it to theirs). */
  ratePerSecond?: number;
};

/** Five connections of 100 messages each, no rate limit: the pool when its variables are not set. */
export const defaultSmtpPool: SmtpPool = { maxConnections: 5, maxMessages: 100 };

/**
 * The pool from the environment: SMTP_POOL_CONNECTIONS (1–1000), SMTP_POOL_MESSAGES (1–100000, messages per
 * connection) and SMTP_RATE_LIMIT (messages a second, 0 for none); an unset one takes the default. Pooling is on
 * by default since its sockets have Nagle's algorithm off (decision 0026, addendum). A bad value is an InputError
 * naming the variable, thrown at start rather than at the first email.
 */
export function smtpPoolFromEnv(env: Record<string, string | undefined>): SmtpPool {
  const pool: SmtpPool = {
    maxConnections: whole(env, "SMTP_POOL_CONNECTIONS", 1, 1000) ?? defaultSmtpPool.maxConnections,
    maxMessages: whole(env, "SMTP_POOL_MESSAGES", 1, 100_000) ?? defaultSmtpPool.maxMessages,
  };
  const rate = whole(env, "SMTP_RATE_LIMIT", 0, 1_000_000);
  return rate ? { ...pool, ratePerSecond: rate } : pool;
}

function whole(env: Record<string, string | undefined>, name: string, min: number, max: number): number | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new InputError("invalid_smtp_pool", `${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}
