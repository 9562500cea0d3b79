import type { SqlRunner } from "./sql-runner.ts";

/** What a listener of workspace changes is told: a change, a lost connection, and its return. */
export type WorkspaceChangeHandlers = {
  /** A change to the workspace's data, or to one customer's when `customerId` is given. */
  onChange(workspaceId: string, customerId: string | undefined): void;
  /** The LISTEN connection broke: changes sent until it is back are lost. */
  onLost?(): void;
  /** It is back: anything may have changed meanwhile. */
  onReconnect(): void;
};

/**
 * LISTENs on a PostgreSQL channel whose payloads are JSON `{ schema, workspaceId, customerId? }`, keeping only this
 * store's schema (tests and tenants share one database under many schemas) and well-formed payloads. Resolves with
 * the function that stops listening, or null on SQLite (one process: nothing to hear).
 */
export async function listenForWorkspaceChanges(
  sql: SqlRunner,
  channel: string,
  handlers: WorkspaceChangeHandlers,
): Promise<(() => Promise<void>) | null> {
  const listen = sql.listen;
  if (!listen) return null;
  const [row] = await sql.all<{ s: string }>("SELECT current_schema() AS s");
  const schema = row?.s;
  return listen.call(sql, channel, {
    onNotify(payload) {
      let message: { schema?: unknown; workspaceId?: unknown; customerId?: unknown };
      try {
        message = JSON.parse(payload);
      } catch {
        return;
      }
      if (message.schema !== schema || typeof message.workspaceId !== "string") return;
      handlers.onChange(message.workspaceId, typeof message.customerId === "string" ? message.customerId : undefined);
    },
    onLost: handlers.onLost ? () => handlers.onLost?.() : undefined,
    onReconnect: () => handlers.onReconnect(),
  });
}
