/** How many live notification streams one API process keeps open: per customer, and in all. */
export type StreamLimits = { perCustomer: number; total: number };

/** 5 per customer (a few tabs and devices), 1,000 in all. */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { perCustomer: 5, total: 1_000 };

/**
 * The limits from OVERTURE_STREAMS_PER_CUSTOMER and OVERTURE_STREAMS_TOTAL (whole numbers from 1), else the defaults.
 * Throws on a value that is not such a number, so a typo does not silently lift a limit.
 */
export function streamLimitsFromEnv(env: Record<string, string | undefined> = process.env): StreamLimits {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error(`${name} must be a whole number from 1, got "${raw}"`);
    return value;
  };
  return {
    perCustomer: read("OVERTURE_STREAMS_PER_CUSTOMER", DEFAULT_STREAM_LIMITS.perCustomer),
    total: read("OVERTURE_STREAMS_TOTAL", DEFAULT_STREAM_LIMITS.total),
  };
}

/** Why a stream could not open: this customer has enough, or the process has. */
export type StreamRefusal = "customer" | "total";

/** The open streams of one app, counted per customer and in all. */
export class StreamSlots {
  private readonly byCustomer = new Map<string, number>();
  private open = 0;

  constructor(private readonly limits: StreamLimits) {}

  /** Takes a slot for the customer; the function that gives it back, or why there is none. */
  take(
    workspaceId: string,
    customerId: string,
  ): { ok: true; release: () => void } | { ok: false; refusal: StreamRefusal } {
    const key = `${workspaceId}\u0000${customerId}`;
    const mine = this.byCustomer.get(key) ?? 0;
    if (mine >= this.limits.perCustomer) return { ok: false, refusal: "customer" };
    if (this.open >= this.limits.total) return { ok: false, refusal: "total" };
    this.byCustomer.set(key, mine + 1);
    this.open += 1;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.open -= 1;
        const left = (this.byCustomer.get(key) ?? 1) - 1;
        if (left <= 0) this.byCustomer.delete(key);
        else this.byCustomer.set(key, left);
      },
    };
  }

  /** Streams open now. */
  get size(): number {
    return this.open;
  }
}
