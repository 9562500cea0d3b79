import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createMailbox, type MailboxMessage } from "./mailbox.ts";

const message = (n: number, workspaceId = "w1"): MailboxMessage => ({
  id: `m${n}`,
  receivedAt: n,
  from: "a@test",
  to: ["b@test"],
  subject: `s${n}`,
  messageId: null,
  overtureKey: null,
  workspaceId,
  headers: [],
  html: "",
  text: "",
  size: 1,
});

describe("mailbox", () => {
  it("keeps the latest `cap` messages, newest first, filtered by workspace, and reloads them from its file", () => {
    const dir = mkdtempSync(join(tmpdir(), "overture-mailbox-"));
    const file = join(dir, "mailbox.jsonl");
    try {
      const mailbox = createMailbox({ file, cap: 3 });
      for (let n = 1; n <= 8; n++) mailbox.add(message(n, n % 2 === 0 ? "w1" : "w2"));
      expect(mailbox.list().map((m) => m.id)).toEqual(["m8", "m7", "m6"]);
      expect(mailbox.list({ workspaceId: "w1" }).map((m) => m.id)).toEqual(["m8", "m6"]);
      expect(mailbox.get("m1")).toBeNull();
      // The file is compacted when it grows past twice the cap.
      expect(readFileSync(file, "utf8").trim().split("\n").length).toBeLessThanOrEqual(6);
      expect(
        createMailbox({ file, cap: 3 })
          .list()
          .map((m) => m.id),
      ).toEqual(["m8", "m7", "m6"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("next() resolves with the next matching message", async () => {
    const mailbox = createMailbox();
    const waiting = mailbox.next((m) => m.subject === "s2", 1_000);
    mailbox.add(message(1));
    mailbox.add(message(2));
    await expect(waiting).resolves.toMatchObject({ id: "m2" });
  });
});
