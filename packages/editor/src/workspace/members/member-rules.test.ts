import { describe, expect, it } from "vitest";
import { assignableRoles, expiryWords, memberActions } from "./member-rules.ts";

const owner = { userId: "u-owner", manages: true, owns: true };
const admin = { userId: "u-admin", manages: true, owns: false };
const editor = { userId: "u-editor", manages: false, owns: false };
const members = [
  { userId: "u-owner", role: "owner" as const },
  { userId: "u-admin", role: "admin" as const },
  { userId: "u-editor", role: "editor" as const },
];

describe("members screen rules (issue 13: the owner rules shown, not failed)", () => {
  it("offers nothing to a member who does not manage members", () => {
    expect(memberActions(editor, members[1] as never, members)).toEqual({
      roles: [],
      canChangeRole: false,
      canRemove: false,
      note: null,
    });
  });

  it("lets an admin change and remove non-owners, but never give the owner role", () => {
    const actions = memberActions(admin, { userId: "u-editor", role: "editor" }, members);
    expect(actions.canChangeRole && actions.canRemove).toBe(true);
    expect(actions.roles).toEqual(["viewer", "editor", "publisher", "admin"]);
  });

  it("keeps an owner out of an admin's reach, saying why", () => {
    const actions = memberActions(admin, { userId: "u-owner", role: "owner" }, members);
    expect(actions.canChangeRole || actions.canRemove).toBe(false);
    expect(actions.note).toMatch(/Only an owner/);
  });

  it("never lets the last owner be demoted or removed, even by themselves", () => {
    const actions = memberActions(owner, { userId: "u-owner", role: "owner" }, members);
    expect(actions.canChangeRole || actions.canRemove).toBe(false);
    expect(actions.note).toMatch(/only owner/i);
    const two = [...members, { userId: "u-2", role: "owner" as const }];
    expect(memberActions(owner, { userId: "u-owner", role: "owner" }, two).canChangeRole).toBe(true);
  });

  it("lets an owner give every role", () => {
    expect(assignableRoles(owner)).toEqual(["viewer", "editor", "publisher", "admin", "owner"]);
    expect(assignableRoles(editor)).toEqual([]);
  });

  it("says how long an invitation has left", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(expiryWords("2026-01-08T00:00:00Z", now)).toBe("expires in 7 days");
    expect(expiryWords(Date.parse("2026-01-08T00:00:00Z") - 1000, now)).toBe("expires in 7 days");
    expect(expiryWords("2026-01-01T05:30:00Z", now)).toBe("expires in 5 hours");
    expect(expiryWords("2025-12-31T00:00:00Z", now)).toBe("expired");
  });
});
