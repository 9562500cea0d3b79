import type pg from "pg";

/**
 * Runs `work` in a transaction on one pooled connection, opened by `begin` (whose result it is given): COMMIT after,
 * ROLLBACK on error (rethrown). A connection that broke meanwhile (server restart, terminated backend) is discarded
 * rather than returned to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient, begun: pg.QueryResult) => Promise<T>): Promise<T> {
  const client = await pool.connect();
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
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
