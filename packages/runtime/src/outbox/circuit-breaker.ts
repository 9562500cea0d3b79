/**
 * Circuit breakers per channel and endpoint (an SMTP host, a webhook endpoint): after `failureThreshold` failures in
 * a row the circuit opens and rows for that endpoint wait, without spending attempts or their retry window, until
 * a probe time; then one row goes through (half-open). Its success closes the circuit, its failure opens it again
 * for twice as long (up to `maxCooldownMs`). State lives in the process: each dispatcher keeps its own
 * (docs/decisions/0017).
 */
export type BreakerOptions = {
  /** Consecutive transient failures that open a circuit. */
  failureThreshold: number;
  /** How long the first opening lasts; each failed probe doubles it… */
  cooldownMs: number;
  /** …up to this. */
  maxCooldownMs: number;
  /** While a probe is out, other rows for the endpoint wait this long before asking again. */
  probeWaitMs: number;
};

export const DEFAULT_BREAKER: BreakerOptions = {
  failureThreshold: 5,
  cooldownMs: 30_000,
  maxCooldownMs: 300_000,
  probeWaitMs: 5_000,
};

/** One circuit as ops see it (GET /v1/outbox/circuits). */
export type CircuitState = {
  channel: string;
  endpoint: string;
  state: "closed" | "open" | "half-open";
  consecutiveFailures: number;
  /** When it last opened; null while closed. */
  openedAt: number | null;
  /** When the next probe may go; null unless open. */
  probeAt: number | null;
  cooldownMs: number;
  lastError: string | null;
};

/** Whether a row may be attempted now: go (maybe as the probe), or wait until `until`. */
export type Admission = { type: "go" } | { type: "wait"; until: number; reason: string };

/** How an attempt went, for the breaker: `neutral` says nothing about the endpoint (a template error, a policy skip). */
export type AttemptVerdict = "success" | "failure" | "neutral";

type Circuit = Omit<CircuitState, "channel" | "endpoint"> & {
  channel: string;
  endpoint: string;
  probing: boolean;
  workspaces: Set<string>;
};

/** The breakers of one dispatcher. */
export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();

  constructor(private readonly options: BreakerOptions = DEFAULT_BREAKER) {}

  /** Asks whether a row of `workspaceId` may be attempted on this endpoint now. */
  admit(channel: string, endpoint: string, workspaceId: string, now: number): Admission {
    const c = this.circuits.get(key(channel, endpoint));
    if (!c) return { type: "go" };
    c.workspaces.add(workspaceId);
    if (c.state === "closed") return { type: "go" };
    if (c.state === "open" && now < (c.probeAt ?? 0))
      return { type: "wait", until: c.probeAt ?? now, reason: reasonOf(c, c.probeAt ?? now) };
    if (c.probing)
      return {
        type: "wait",
        until: now + this.options.probeWaitMs,
        reason: reasonOf(c, now + this.options.probeWaitMs),
      };
    c.state = "half-open";
    c.probing = true;
    return { type: "go" };
  }

  /** Records how an attempt admitted by {@link admit} went. */
  record(
    channel: string,
    endpoint: string,
    workspaceId: string,
    verdict: AttemptVerdict,
    now: number,
    error?: string,
  ): void {
    const k = key(channel, endpoint);
    const c = this.circuits.get(k);
    if (verdict === "success") {
      // Healthy endpoints keep no state: the map holds only circuits with something to say.
      this.circuits.delete(k);
      return;
    }
    if (verdict === "neutral") {
      if (c) c.probing = false;
      return;
    }
    const circuit = c ?? this.fresh(channel, endpoint);
    circuit.workspaces.add(workspaceId);
    circuit.consecutiveFailures += 1;
    circuit.lastError = error ?? null;
    if (circuit.state === "half-open") {
      this.open(circuit, Math.min(this.options.maxCooldownMs, circuit.cooldownMs * 2), now);
    } else if (circuit.state === "closed" && circuit.consecutiveFailures >= this.options.failureThreshold) {
      this.open(circuit, this.options.cooldownMs, now);
    }
    this.circuits.set(k, circuit);
  }

  /** The circuits with something to say (open, half-open, or closed with failures counting), of one workspace's rows or all. */
  list(workspaceId?: string): CircuitState[] {
    return [...this.circuits.values()]
      .filter((c) => workspaceId === undefined || c.workspaces.has(workspaceId))
      .map(({ probing: _p, workspaces: _w, ...state }) => state)
      .sort((a, b) => a.channel.localeCompare(b.channel) || a.endpoint.localeCompare(b.endpoint));
  }

  private fresh(channel: string, endpoint: string): Circuit {
    const c: Circuit = {
      channel,
      endpoint,
      state: "closed",
      consecutiveFailures: 0,
      openedAt: null,
      probeAt: null,
      cooldownMs: this.options.cooldownMs,
      lastError: null,
      probing: false,
      workspaces: new Set(),
    };
    return c;
  }

  private open(c: Circuit, cooldownMs: number, now: number): void {
    c.state = "open";
    c.cooldownMs = cooldownMs;
    c.openedAt = now;
    c.probeAt = now + cooldownMs;
    c.probing = false;
  }
}

function key(channel: string, endpoint: string): string {
  return `${channel}\u0000${endpoint}`;
}

function reasonOf(c: Circuit, until: number): string {
  const last = c.lastError ? ` (last: ${c.lastError})` : "";
  return `circuit open: ${c.channel} ${c.endpoint} failed ${c.consecutiveFailures} times in a row${last}; next try at ${new Date(until).toISOString()}`;
}
