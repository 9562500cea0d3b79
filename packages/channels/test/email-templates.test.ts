import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  deleteEmailTemplate,
  emailTemplateIds,
  getEmailTemplate,
  listEmailTemplates,
  putEmailTemplate,
} from "../src/email/email-templates.ts";
import { type ChannelRuntime, openChannelRuntime, storeTargets, T0 } from "./webhook-harness.ts";

const { targets, dropAll } = await storeTargets("the email template library");
afterAll(dropAll);

const body = (text: string) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>${text}</mj-text></mj-column></mj-section></mj-body></mjml>`;

for (const target of targets) {
  describe.skipIf(target.skip)(`email template library on ${target.name}`, () => {
    let rt: ChannelRuntime;
    beforeEach(async () => {
      rt = await openChannelRuntime({ databaseUrl: target.url ? await target.url() : undefined });
    });
    afterEach(() => rt.cleanup());

    it("creates, replaces, lists without bodies and gets templates per workspace", async () => {
      const store = rt.overture.store;
      const saved = await putEmailTemplate(
        store,
        rt.ws,
        "welcome",
        { name: "Welcome", subject: "Hi {{ customer.firstName }}", body: body("Hello") },
        T0,
      );
      expect(saved).toEqual({
        id: "welcome",
        name: "Welcome",
        subject: "Hi {{ customer.firstName }}",
        preheader: "",
        body: body("Hello"),
        blocks: null,
        updatedAt: T0,
      });
      await putEmailTemplate(
        store,
        rt.ws,
        "welcome",
        { name: "Welcome v2", subject: "Hey", preheader: "Read me", body: body("Hello again") },
        T0 + 5,
      );
      await putEmailTemplate(store, rt.ws, "a.first", { name: "First", subject: "First", body: body("1") }, T0 + 6);
      expect(await listEmailTemplates(store, rt.ws)).toEqual([
        { id: "a.first", name: "First", subject: "First", preheader: "", updatedAt: T0 + 6 },
        { id: "welcome", name: "Welcome v2", subject: "Hey", preheader: "Read me", updatedAt: T0 + 5 },
      ]);
      expect((await getEmailTemplate(store, rt.ws, "welcome"))?.body).toBe(body("Hello again"));
      // Made with the block editor: the blocks come back, so the template reopens as blocks (issue 15, templates screen).
      const blocks = [{ type: "heading" as const, text: "Hi" }];
      await putEmailTemplate(
        store,
        rt.ws,
        "blocks",
        { name: "Blocks", subject: "Hi", body: body("Hi"), blocks },
        T0 + 7,
      );
      expect((await getEmailTemplate(store, rt.ws, "blocks"))?.blocks).toEqual(blocks);
      await deleteEmailTemplate(store, rt.ws, "blocks");
      const other = await rt.overture.workspaces.create("Other");
      expect(await emailTemplateIds(store, other.workspaceId)).toEqual([]);
      expect(await getEmailTemplate(store, other.workspaceId, "welcome")).toBeNull();
      await expect(deleteEmailTemplate(store, other.workspaceId, "welcome")).rejects.toMatchObject({
        code: "not_found",
      });
      await deleteEmailTemplate(store, rt.ws, "a.first");
      expect(await emailTemplateIds(store, rt.ws)).toEqual(["welcome"]);
    });

    it("refuses a template with problems, each with its field, line and column, and stores nothing", async () => {
      const store = rt.overture.store;
      const refused = putEmailTemplate(
        store,
        rt.ws,
        "bad",
        { name: "Bad", subject: "Hi {{ custmer.name }}", body: body("{% if x %}") },
        T0,
      );
      await expect(refused).rejects.toMatchObject({
        code: "email_invalid",
        problems: [
          expect.objectContaining({ path: "subject", code: "unknown-variable", line: 1, column: 7 }),
          expect.objectContaining({ path: "body", code: "liquid-syntax", line: 1, column: 48 }),
        ],
      });
      await expect(
        putEmailTemplate(store, rt.ws, "no spaces", { name: "x", subject: "x", body: body("x") }, T0),
      ).rejects.toMatchObject({
        code: "invalid_input",
      });
      expect(await emailTemplateIds(store, rt.ws)).toEqual([]);
    });

    it("refuses to delete a template an active journey sends, naming it; allows it once the journey is archived", async () => {
      const store = rt.overture.store;
      await putEmailTemplate(store, rt.ws, "welcome", { name: "Welcome", subject: "Hi", body: body("Hello") }, T0);
      const journeyId = await rt.publish("Onboarding", "signed.up", [
        { id: "mail", type: "email", templateId: "welcome" },
      ]);
      await expect(deleteEmailTemplate(store, rt.ws, "welcome")).rejects.toMatchObject({
        code: "template_in_use",
        message: expect.stringContaining("'Onboarding'"),
        problems: [expect.objectContaining({ stepId: "mail", message: expect.stringContaining(journeyId) })],
      });
      await rt.overture.journeys.archive(rt.ws, journeyId);
      await deleteEmailTemplate(store, rt.ws, "welcome");
      expect(await getEmailTemplate(store, rt.ws, "welcome")).toBeNull();
    });
  });
}
