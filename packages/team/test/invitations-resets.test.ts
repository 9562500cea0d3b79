import { createMailbox, createSmtpSender, startDevSmtpServer } from "@overture/channels";
import { VirtualClock } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMembers, INVITATION_MS, type Members, RESET_MS, smtpAccountMailer } from "../src/index.ts";
import { TEAM_STORES, type TeamStore } from "./team-stores.ts";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const link = (text: string, route: string) => new RegExp(`/#/${route}/([\\w-]+)`).exec(text)?.[1] ?? "";

describe.each(TEAM_STORES)("invitations and password resets on $name", (target) => {
  let opened: TeamStore;
  let members: Members;
  const clock = new VirtualClock(T0);
  const mailbox = createMailbox();
  let close = async () => {};
  beforeAll(async () => {
    if (target.skip) return;
    opened = await target.open();
    const smtp = await startDevSmtpServer(mailbox);
    const sender = createSmtpSender(smtp.url, null);
    close = async () => {
      sender.close();
      await smtp.close();
    };
    members = createMembers(opened.store, clock, {
      mailer: smtpAccountMailer(sender, "team@overture.localhost"),
      publicUrl: () => "http://overture.test",
    });
  });
  afterAll(async () => {
    await close();
    await opened?.close();
  });

  it.skipIf(target.skip)("keeps only the token's hash, and lets one of two accepts at once through", async () => {
    const sent = mailbox.next((m) => m.to.includes("nina@example.com"), 10_000);
    const invitation = await members.invitations.create({
      workspaceId: "w1",
      email: "nina@example.com",
      role: "editor",
      invitedBy: "Olive",
    });
    expect(invitation).toMatchObject({ emailed: true, expiresAt: T0 + INVITATION_MS });
    const token = link((await sent).text, "invitations");
    const rows = await opened.store.sql.all<{ token_hash: string }>("SELECT token_hash FROM invitations");
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    const results = await Promise.allSettled([
      members.acceptInvitation(token, { password: "first long password" }),
      members.acceptInvitation(token, { password: "second long password" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "invitation_expired" });
    const user = await members.findUser("nina@example.com");
    expect(await members.roleIn("w1", user?.id ?? "")).toBe("editor");
  });

  it.skipIf(target.skip)("inviting again replaces the pending invitation; an expired one is refused", async () => {
    const first = mailbox.next((m) => m.to.includes("rex@example.com"), 10_000);
    await members.invitations.create({ workspaceId: "w1", email: "rex@example.com", role: "viewer", invitedBy: "O" });
    const oldToken = link((await first).text, "invitations");
    clock.advance(1000);
    const second = mailbox.next((m) => m.to.includes("rex@example.com") && !m.text.includes(oldToken), 10_000);
    await members.invitations.create({ workspaceId: "w1", email: "rex@example.com", role: "admin", invitedBy: "O" });
    const newToken = link((await second).text, "invitations");
    await expect(members.invitations.usable(oldToken)).rejects.toMatchObject({ code: "invitation_expired" });
    expect((await members.invitations.listPending("w1")).map((i) => i.role)).toEqual(["admin"]);
    clock.advance(INVITATION_MS);
    await expect(members.acceptInvitation(newToken, { password: "rex's long password" })).rejects.toMatchObject({
      code: "invitation_expired",
    });
    expect(await members.findUser("rex@example.com")).toBeNull();
    expect(await members.invitations.listPending("w1")).toEqual([]);
  });

  it.skipIf(target.skip)("spends a reset link once even when used twice at once, for an hour only", async () => {
    const user = await members.createUser({ email: "pat@example.com", password: "pat's first password" });
    const sent = mailbox.next((m) => m.to.includes("pat@example.com"), 10_000);
    const { sent: delivered } = await members.resets.request("PAT@example.com");
    expect(await delivered).toBe(true);
    const token = link((await sent).text, "reset-password");
    const results = await Promise.allSettled([
      members.resetPassword(token, "pat's second password"),
      members.resetPassword(token, "pat's third password!"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "reset_expired",
    });
    await expect((await members.resets.request("nobody@example.com")).sent).resolves.toBe(false);

    const later = mailbox.next((m) => m.to.includes("pat@example.com") && !m.text.includes(token), 10_000);
    await members.resets.request("pat@example.com");
    const lateToken = link((await later).text, "reset-password");
    clock.advance(RESET_MS);
    await expect(members.resetPassword(lateToken, "pat's fourth password")).rejects.toMatchObject({
      code: "reset_expired",
    });
    expect(user.id).toBeTruthy();
  });
});
