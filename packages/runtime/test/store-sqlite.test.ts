import { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { runStoreContract } from "./store-contract.ts";
import { runStoreOpsContract } from "./store-ops-contract.ts";
import { runStoreOutboxReadsContract } from "./store-outbox-reads-contract.ts";

const openSqlite = async () => {
  const store = new SqliteStore(":memory:");
  return {
    store,
    cleanup: () => store.close(),
    select: async (sql: string) => store.db.prepare(sql).all() as Array<Record<string, unknown>>,
  };
};

runStoreContract("sqlite", openSqlite);
runStoreOpsContract("sqlite", openSqlite);
runStoreOutboxReadsContract("sqlite", openSqlite);
