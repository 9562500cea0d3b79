import { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { runStoreContract } from "./store-contract.ts";

runStoreContract("sqlite", async () => {
  const store = new SqliteStore(":memory:");
  return {
    store,
    cleanup: () => store.close(),
    select: async (sql) => store.db.prepare(sql).all() as Array<Record<string, unknown>>,
  };
});
