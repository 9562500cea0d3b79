import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  defaultSenderIdentity,
  deleteSenderIdentity,
  listSenderIdentities,
  putSenderIdentity,
  SENDER_CACHE_MS,
} from "../src/senders/sender-identities.ts";
import { type ChannelRuntime, openChannelRuntime, storeTargets, T0 } from "./webhook-harness.ts";

const { targets, dropAll } = await storeTargets("the sender identities table");
afterAll(dropAll);

/** The same contract on SQLite and PostgreSQL: issue 15, the settings screen's sender identities. */
for (const target of targets) {
  describe.skipIf(target.skip)(`sender identities on ${target.name}`, () => {
    let rt: ChannelRuntime;
    beforeEach(async () => {
      rt = await openChannelRuntime({ databaseUrl: target.url ? await target.url() : undefined });
    });
    afterEach(() => rt.cleanup());

    it("the first identity is the default; a new default takes over; deleting it hands the default on", async () => {
      const store = rt.overture.store;
      const first = await putSenderIdentity(
        store,
        rt.ws,
        "marketing",
        { fromName: "Acme Team", fromAddress: "hello@acme.com" },
        T0,
      );
      expect(first).toEqual({
        id: "marketing",
        fromName: "Acme Team",
        fromAddress: "hello@acme.com",
        replyTo: null,
        isDefault: true,
        updatedAt: T0,
      });
      await putSenderIdentity(
        store,
        rt.ws,
        "billing",
        { fromName: "Acme Billing", fromAddress: "billing@acme.com", replyTo: "support@acme.com" },
        T0 + 1,
      );
      expect((await defaultSenderIdentity(store, rt.ws))?.id).toBe("marketing");
      await putSenderIdentity(
        store,
        rt.ws,
        "billing",
        { fromName: "Acme Billing", fromAddress: "billing@acme.com", isDefault: true },
        T0 + 2,
      );
      expect((await listSenderIdentities(store, rt.ws)).map((s) => [s.id, s.isDefault, s.replyTo])).toEqual([
        ["billing", true, null],
        ["marketing", false, null],
      ]);
      await deleteSenderIdentity(store, rt.ws, "billing");
      expect((await defaultSenderIdentity(store, rt.ws))?.id).toBe("marketing");
      const other = await rt.overture.workspaces.create("Other");
      expect(await listSenderIdentities(store, other.workspaceId)).toEqual([]);
    });

    it("refuses bad input with every problem at its field, and an unknown id on delete", async () => {
      const store = rt.overture.store;
      const refused = putSenderIdentity(store, rt.ws, "x", { fromName: "", fromAddress: "hello", replyTo: "nope" }, T0);
      await expect(refused).rejects.toMatchObject({
        code: "invalid_input",
        problems: [
          { path: "fromName", code: "required" },
          { path: "fromAddress", code: "invalid_format" },
          { path: "replyTo", code: "invalid_format" },
        ],
      });
      expect(await listSenderIdentities(store, rt.ws)).toEqual([]);
      await expect(deleteSenderIdentity(store, rt.ws, "nobody")).rejects.toMatchObject({ code: "not_found" });
    });

    it("keeps the default identity per workspace for SENDER_CACHE_MS, and forgets it at once on this process's writes", async () => {
      const store = rt.overture.store;
      const other = await rt.overture.workspaces.create("Other");
      await putSenderIdentity(store, rt.ws, "hello", { fromName: "Acme", fromAddress: "hello@acme.com" }, T0);
      const t = 1e9;
      expect((await defaultSenderIdentity(store, rt.ws, t))?.fromName).toBe("Acme");
      expect(await defaultSenderIdentity(store, other.workspaceId, t)).toBeNull();
      // Another process's write, straight to the table: not seen while the read is fresh, seen once it is not.
      await store.sql.run("UPDATE sender_identities SET from_name = ? WHERE workspace_id = ?", ["Acme Inc", rt.ws]);
      expect((await defaultSenderIdentity(store, rt.ws, t + SENDER_CACHE_MS - 1))?.fromName).toBe("Acme");
      expect((await defaultSenderIdentity(store, rt.ws, t + SENDER_CACHE_MS))?.fromName).toBe("Acme Inc");
      // This process's writes: seen by the next read, however fresh the cached one.
      const u = t + SENDER_CACHE_MS;
      await putSenderIdentity(store, rt.ws, "hello", { fromName: "Acme Ltd", fromAddress: "hello@acme.com" }, T0 + 1);
      expect((await defaultSenderIdentity(store, rt.ws, u))?.fromName).toBe("Acme Ltd");
      await putSenderIdentity(
        store,
        rt.ws,
        "news",
        { fromName: "News", fromAddress: "news@acme.com", isDefault: true },
        T0 + 2,
      );
      expect((await defaultSenderIdentity(store, rt.ws, u))?.id).toBe("news");
      await deleteSenderIdentity(store, rt.ws, "news");
      expect((await defaultSenderIdentity(store, rt.ws, u))?.id).toBe("hello");
      await deleteSenderIdentity(store, rt.ws, "hello");
      expect(await defaultSenderIdentity(store, rt.ws, u)).toBeNull();
      // The other workspace's read was its own: still cached, still none.
      expect(await defaultSenderIdentity(store, other.workspaceId, u - 1)).toBeNull();
    });
  });
}
