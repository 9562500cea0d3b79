import pg from "pg";
import type { SqlListenHandlers } from "../sql-runner.ts";

/** How long a broken LISTEN connection waits before it connects again. */
const RECONNECT_MS = 1_000;

/**
 * The LISTEN side of PostgreSQL's LISTEN/NOTIFY: one dedicated connection per channel and store (outside the pool,
 * whose connections come and go), reconnected when it breaks. A notification sent while it was down is lost, so
 * `onReconnect` tells the caller to look for itself once the connection is back.
 */
export class PostgresListeners {
  private readonly open = new Set<{ stop(): Promise<void> }>();

  constructor(private readonly pool: pg.Pool) {}

  /** Starts listening on `channel`; resolves once the first LISTEN is in place, with the function that stops it. */
  async listen(channel: string, handlers: SqlListenHandlers): Promise<() => Promise<void>> {
    let client: pg.Client | null = null;
    let stopped = false;
    let retry: NodeJS.Timeout | null = null;
    const connect = async (): Promise<void> => {
      const next = new pg.Client(this.pool.options);
      next.on("error", () => {});
      next.on("notification", (message) => {
        if (message.channel === channel) handlers.onNotify(message.payload ?? "");
      });
      next.on("end", () => {
        if (stopped || client !== next) return;
        client = null;
        handlers.onLost?.();
        schedule();
      });
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (stopped) {
        await next.end().catch(() => {});
        return;
      }
      client = next;
    };
    const schedule = () => {
      retry = setTimeout(() => {
        retry = null;
        connect().then(
          () => handlers.onReconnect(),
          () => {
            if (!stopped) schedule();
          },
        );
      }, RECONNECT_MS);
      retry.unref();
    };
    await connect();
    const entry = {
      stop: async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        this.open.delete(entry);
        await client?.end().catch(() => {});
        client = null;
      },
    };
    this.open.add(entry);
    return entry.stop;
  }

  /** Stops every listener (the store is closing). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((entry) => entry.stop()));
  }
}
