import { createSecretBox, InputError } from "@overture/runtime";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { smsRoutes } from "../src/sms/sms-routes.ts";
import { smsSettingsStore } from "../src/sms/sms-settings.ts";
import { openSmsRuntime, type SmsRuntime } from "./sms-harness.ts";
import { storeTargets, T0 } from "./webhook-harness.ts";

const { targets, dropAll } = await storeTargets("the SMS settings table");
afterAll(dropAll);

const SID = `AC${"ab".repeat(16)}`;
const TOKEN = "0123456789abcdef0123456789abcdef";

for (const target of targets) {
  describe.skipIf(target.skip)(`SMS settings on ${target.name}`, () => {
    let rt: SmsRuntime;
    beforeEach(async () => {
      rt = await openSmsRuntime({ databaseUrl: target.url ? await target.url() : undefined });
    });
    afterEach(() => rt.cleanup());

    it("keeps one account per workspace, the token sealed at rest and masked in answers", async () => {
      const settings = smsSettingsStore(rt.overture.store, rt.deps.secrets);
      expect(await settings.get(rt.ws)).toBeNull();
      const saved = await settings.put(rt.ws, { accountSid: SID, authToken: TOKEN, from: "+15005550006" }, T0);
      expect(saved).toEqual({
        accountSid: SID,
        authToken: "••••cdef",
        from: "+15005550006",
        apiBase: "https://api.twilio.com",
        updatedAt: T0,
      });
      expect(await settings.get(rt.ws)).toEqual({ ...saved, authToken: TOKEN });
      const rows = await rt.overture.store.sql.all<{ auth_token: string }>("SELECT auth_token FROM sms_settings");
      expect(rows).toHaveLength(1);
      expect(rows[0]!.auth_token).toMatch(/^enc:v1:/);
      expect(rows[0]!.auth_token).not.toContain(TOKEN);
      // Another server secret cannot open it.
      await expect(smsSettingsStore(rt.overture.store, createSecretBox("another secret")).get(rt.ws)).rejects.toThrow();
      const other = await rt.overture.workspaces.create("Other");
      expect(await settings.get(other.workspaceId)).toBeNull();
    });

    it("keeps the stored token when a PUT omits it or sends the masked value back; replaces it otherwise", async () => {
      const settings = smsSettingsStore(rt.overture.store, rt.deps.secrets);
      await settings.put(rt.ws, { accountSid: SID, authToken: TOKEN, from: "+15005550006" }, T0);
      await settings.put(rt.ws, { accountSid: SID, from: "+15005550007", apiBase: "http://127.0.0.1:4010/" }, T0 + 1);
      expect(await settings.get(rt.ws)).toMatchObject({
        authToken: TOKEN,
        from: "+15005550007",
        apiBase: "http://127.0.0.1:4010",
        updatedAt: T0 + 1,
      });
      await settings.put(rt.ws, { accountSid: SID, authToken: "••••cdef", from: "+15005550007" }, T0 + 2);
      expect((await settings.get(rt.ws))?.authToken).toBe(TOKEN);
      await settings.put(rt.ws, { accountSid: SID, authToken: "a-new-token-123", from: "+15005550007" }, T0 + 3);
      expect((await settings.get(rt.ws))?.authToken).toBe("a-new-token-123");
    });

    it("names every invalid field at once, and saves nothing", async () => {
      const settings = smsSettingsStore(rt.overture.store, rt.deps.secrets);
      const error = await settings
        .put(rt.ws, { accountSid: "AB123", from: "0612345678", apiBase: "ftp://x/y" }, T0)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ code: "invalid_input" });
      expect((error as InputError).problems.map((p) => p.path)).toEqual(["accountSid", "authToken", "from", "apiBase"]);
      expect(await settings.get(rt.ws)).toBeNull();
    });

    it("seals the token again with a new server secret on start, and names a token no key opens", async () => {
      const old = createSecretBox("the old secret");
      await smsSettingsStore(rt.overture.store, old).put(
        rt.ws,
        { accountSid: SID, authToken: TOKEN, from: "+15005550006" },
        T0,
      );
      const rotated = createSecretBox("the new secret", ["the old secret"]);
      expect(await smsSettingsStore(rt.overture.store, rotated).reseal()).toEqual({ resealed: 1, unreadable: [] });
      expect(await smsSettingsStore(rt.overture.store, rotated).reseal()).toEqual({ resealed: 0, unreadable: [] });
      // The old secret can be dropped now.
      expect((await smsSettingsStore(rt.overture.store, createSecretBox("the new secret")).get(rt.ws))?.authToken).toBe(
        TOKEN,
      );
      const other = await rt.overture.workspaces.create("Other");
      await smsSettingsStore(rt.overture.store, createSecretBox("a lost secret")).put(
        other.workspaceId,
        { accountSid: SID, authToken: TOKEN, from: "+15005550006" },
        T0,
      );
      expect(await smsSettingsStore(rt.overture.store, rotated).reseal()).toEqual({
        resealed: 0,
        unreadable: [other.workspaceId],
      });
    });

    it("answers the settings routes with the token masked, never in clear", async () => {
      const [get, put] = smsRoutes;
      const input = (body: unknown) => ({
        deps: rt.deps,
        workspaceId: rt.ws,
        body,
        params: {},
        query: {},
        headers: new Headers(),
        url: "http://127.0.0.1/v1/channels/sms/settings",
      });
      rt.devSinks.clear();
      expect(await get!.handle(input(undefined))).toEqual({ settings: null, usesDevSink: false });
      const saved = await put!.handle(input({ accountSid: SID, authToken: TOKEN, from: "+15005550006" }));
      expect(JSON.stringify(saved)).not.toContain(TOKEN);
      const answer = await get!.handle(input(undefined));
      expect(JSON.stringify(answer)).not.toContain(TOKEN);
      expect(get!.success.schema!.parse(answer)).toMatchObject({
        settings: { authToken: "••••cdef" },
        usesDevSink: false,
      });
      expect(put!.success.schema!.parse(saved)).toEqual(saved);
      const wrong = await put!.handle(input({ accountSid: 42, from: "+15005550006" })).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(InputError);
      expect((wrong as InputError).problems.map((p) => p.path)).toEqual(["accountSid"]);
    });
  });
}
