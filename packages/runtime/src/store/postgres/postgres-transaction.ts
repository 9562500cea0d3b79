import type pg from "pg";
import { postgresFailure } from "./postgres-errors.ts";

/**
 * Runs `work` in a transaction on one pooled connection, opened by `begin` (whose result it is given): COMMIT after,
 * ROLLBACK on error (rethrown). A connection that broke meanwhile (server restart, terminated backend) is discarded
 * rather than returned to the pool. A timeout or a lost database is thrown as a TransientError (postgres-errors.ts).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  begin: string,
  work: (client: pg.PoolClient, begun: pg.QueryResult) => Promise<T>,
): Promise<T> {
  const client = await pool.connect().catch((error: unknown) => {
    throw postgresFailure(error);
  });
  let broken: Error | undefined;
  // A checked-out client has no listener of its own: without one, a connection lost between queries would crash the process.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    const begun = await client.query(begin);
    const result = await work(client, begun);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((e: Error) => {
      broken ??= e;
    });
    throw postgresFailure(error);
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
