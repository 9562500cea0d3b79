import { channelOutboxNames, parseDuration } from "@overture/core";
import type { DispatcherOptions, RetryPolicies, SendLimits } from "@overture/runtime";
import { CommandError } from "./usage.ts";

/**
 * The dispatcher's retry and circuit-breaker settings from the environment (`serve` and `worker`), durations as
 * "30s", "24h", "1d12h": OVERTURE_RETRY_HORIZON (every channel) and OVERTURE_RETRY_HORIZON_<CHANNEL> for each
 * registered channel (_EMAIL, _WEBHOOK, _NOTIFICATION, _SLOT, _SMS, _PUSH…), OVERTURE_RETRY_AFTER_CAP, OVERTURE_CIRCUIT_FAILURES (failures in a row that open a circuit;
 * 0 turns the breakers off), OVERTURE_CIRCUIT_COOLDOWN, OVERTURE_CIRCUIT_MAX_COOLDOWN; the sends in flight at once,
 * OVERTURE_SEND_CONCURRENCY (per channel) and OVERTURE_ENDPOINT_CONCURRENCY (per endpoint of a channel), each also
 * per channel with a _<CHANNEL> suffix; OVERTURE_CHANNEL_LANES=on|off (a claim lane per channel, off by default). Unset: the defaults (docs/decisions/0017, 0028). A bad value is a
 * CommandError naming the variable.
 */
export function dispatcherOptionsFromEnv(env: Record<string, string | undefined>): DispatcherOptions {
  const retry: RetryPolicies = {};
  const every = duration(env, "OVERTURE_RETRY_HORIZON");
  const cap = duration(env, "OVERTURE_RETRY_AFTER_CAP");
  if (every !== undefined || cap !== undefined)
    retry["*"] = {
      ...(every !== undefined && { horizonMs: every }),
      ...(cap !== undefined && { retryAfterCapMs: cap }),
    };
  for (const channel of channelOutboxNames()) {
    const horizon = duration(env, `OVERTURE_RETRY_HORIZON_${channel.toUpperCase()}`);
    if (horizon !== undefined) retry[channel] = { horizonMs: horizon };
  }
  const failures = env.OVERTURE_CIRCUIT_FAILURES;
  if (failures !== undefined && failures !== "" && !/^\d{1,4}$/.test(failures)) {
    throw new CommandError(
      `OVERTURE_CIRCUIT_FAILURES must be a whole number (0 turns the circuit breakers off), got "${failures}"`,
    );
  }
  const cooldown = duration(env, "OVERTURE_CIRCUIT_COOLDOWN");
  const maxCooldown = duration(env, "OVERTURE_CIRCUIT_MAX_COOLDOWN");
  const options: DispatcherOptions = {};
  if (Object.keys(retry).length > 0) options.retry = retry;
  const sendLimits = sendLimitsFromEnv(env);
  if (Object.keys(sendLimits).length > 0) options.sendLimits = sendLimits;
  const lanes = env.OVERTURE_CHANNEL_LANES;
  if (lanes !== undefined && lanes !== "") {
    if (lanes !== "on" && lanes !== "off")
      throw new CommandError(`OVERTURE_CHANNEL_LANES must be "on" or "off", got "${lanes}"`);
    options.channelLanes = lanes === "on";
  }
  if (failures === "0") options.circuitBreaker = false;
  else if (failures || cooldown !== undefined || maxCooldown !== undefined) {
    options.circuitBreaker = {
      ...(failures && { failureThreshold: Number(failures) }),
      ...(cooldown !== undefined && { cooldownMs: cooldown }),
      ...(maxCooldown !== undefined && { maxCooldownMs: maxCooldown }),
    };
  }
  return options;
}

/** OVERTURE_SEND_CONCURRENCY[_<CHANNEL>] and OVERTURE_ENDPOINT_CONCURRENCY[_<CHANNEL>] as the dispatcher's limits. */
function sendLimitsFromEnv(env: Record<string, string | undefined>): SendLimits {
  const limits: SendLimits = {};
  for (const channel of ["*", ...channelOutboxNames()]) {
    const suffix = channel === "*" ? "" : `_${channel.toUpperCase()}`;
    const perChannel = count(env, `OVERTURE_SEND_CONCURRENCY${suffix}`);
    const perEndpoint = count(env, `OVERTURE_ENDPOINT_CONCURRENCY${suffix}`);
    if (perChannel !== undefined || perEndpoint !== undefined)
      limits[channel] = {
        ...(perChannel !== undefined && { channel: perChannel }),
        ...(perEndpoint !== undefined && { endpoint: perEndpoint }),
      };
  }
  return limits;
}

function count(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === "") return undefined;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1)
    throw new CommandError(`${name} must be a whole number of sends of at least 1, got "${env[name]}"`);
  return Number(value);
}

function duration(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  const ms = parseDuration(value.trim());
  if (ms === null) throw new CommandError(`${name} must be a duration like 30s, 15m, 24h or 1d12h, got "${value}"`);
  return ms;
}
