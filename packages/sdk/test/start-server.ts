import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useSecretBox } from "@overture/channels";
import { type Clock, createSecretBox, openOverture } from "@overture/runtime";
import { serve } from "@overture/server";

/** A real runtime on a temporary SQLite file (on `clock`, default the system's) and the API served on a free loopback port. */
export async function startServer(options: { clock?: Clock } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), "overture-sdk-test-"));
  const overture = await openOverture({ dataDir, durability: "normal", clock: options.clock });
  const keys = await overture.workspaces.ensureDefault();
  // What serve does: secrets kept in the database (identity, webhooks) are sealed with a key from the server's secret.
  useSecretBox(overture.store, createSecretBox("sdk test server secret"));
  const server = await serve(overture, { port: 0, onUnexpectedError: (error) => console.error(error) });
  return {
    url: server.url,
    overture,
    keys,
    /** The events the customer has sent, oldest first. */
    async events(customerId: string) {
      const history = await overture.customers.history(keys.workspaceId, customerId);
      return [...history.recentEvents].sort((a, b) => a.at - b.at);
    },
    async close() {
      await server.close();
      await overture.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
