import { hashKey } from "@overture/runtime";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { startWorkspaceHarness, type WorkspaceHarness } from "./workspace-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

const WELCOME = {
  schemaVersion: 1,
  name: "Welcome",
  settings: { reentry: "never" },
  steps: [
    {
      id: "start",
      type: "trigger",
      name: "Signed up",
      trigger: { type: "event", event: "user.signed_up" },
      next: "mail",
      position: { x: 0, y: 0 },
    },
    {
      id: "mail",
      type: "email",
      name: "Welcome email",
      subject: "Welcome",
      body: "<mjml><mj-body><mj-section><mj-column><mj-text>Welcome.</mj-text></mj-column></mj-section></mj-body></mjml>",
      next: "done",
      position: { x: 0, y: 200 },
    },
    { id: "done", type: "exit", name: "Done", position: { x: 0, y: 400 } },
  ],
};

/**
 * Issue 13, approvals. Two manage keys stand for two people until members sign in: key A (Ann) asks for review
 * through the API, the browser holds key B (Bob, the key the server hands the local editor) and decides.
 */
describe.skipIf(unavailable !== null)("workspace: approvals (browser)", () => {
  let harness: WorkspaceHarness;
  let page: Page;
  const annKey = "ovt_sk_e2e_ann_key";

  /** A call with Ann's key; answers whatever the status. */
  async function asAnn(method: string, path: string, body?: unknown) {
    const response = await fetch(`${harness.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${annKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies
    return { status: response.status, body: (await response.json()) as any };
  }

  beforeAll(async () => {
    harness = await startWorkspaceHarness("approvals");
    page = harness.page;
    await harness.overture.store.insertApiKey({
      workspaceId: harness.workspaceId,
      keyHash: hashKey(annKey),
      kind: "secret",
      createdAt: Date.now(),
    });
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  it("turns approvals on in Settings; Ann asks, Bob sees the diff in words and approves, which publishes", async () => {
    await withScreenshotOnFailure(page, "workspace-approvals", async () => {
      await page.goto(harness.editorUrl("#/settings"));
      const card = page.getByRole("region", { name: "Approvals" });
      await card.getByLabel("Require approval before publishing").check(WAIT);
      await card.getByText("Publishing now needs an approved review.").waitFor(WAIT);
      expect(await harness.request("GET", "/v1/approvals/settings")).toEqual({ required: true });

      const journeyId = String((await asAnn("POST", "/v1/journeys", { name: "Welcome", document: WELCOME })).body.id);
      const direct = await asAnn("POST", `/v1/journeys/${journeyId}/publish`);
      expect(direct.status).toBe(409);
      expect(direct.body.error.code).toBe("approval_required");
      const asked = await asAnn("POST", `/v1/journeys/${journeyId}/approval-requests`, { note: "First cut, please" });
      expect(asked.status).toBe(201);

      await page.getByRole("link", { name: "Approvals" }).click();
      const pending = page.getByRole("region", { name: "Pending requests" });
      await pending.getByRole("link", { name: "Welcome" }).click();
      const review = page.getByRole("article", { name: "Review request" });
      await review.getByText("First cut, please").waitFor(WAIT);
      const lines = await review.getByRole("region", { name: "Changes" }).getByRole("listitem").allTextContents();
      expect(lines).toEqual([
        "New journey: no version is running yet",
        "Added Trigger 'Signed up': Starts on User signed up",
        "Added Email 'Welcome email': Sends email 'Welcome'",
        "Added Exit 'Done': Ends the journey",
      ]);
      await snapshot(page, "workspace-approvals-review");
      await review.getByLabel("Comment").fill("looks good");
      await review.getByRole("button", { name: "Approve and publish" }).click();
      await review.getByText("Approved: version 1 is published.").waitFor(WAIT);

      const journey = await harness.request("GET", `/v1/journeys/${journeyId}`);
      expect(journey).toMatchObject({ status: "active", currentVersion: 1 });
      const [decided] = (await harness.request("GET", `/v1/approval-requests?journeyId=${journeyId}`))
        .requests as Array<{ requestedBy: { id: string }; decidedBy: { id: string } }>;
      expect(decided).toMatchObject({ status: "approved", comment: "looks good", publishedVersion: 1 });
      expect(decided?.decidedBy.id).not.toBe(decided?.requestedBy.id);

      // The journey's editor says who approved, and asks for review instead of publishing.
      await page.goto(harness.editorUrl(`#/journeys/${journeyId}`));
      await page.locator(".review-state").getByText("Approved by Secret key: 'looks good' (version 1)").waitFor(WAIT);
      await page.locator(".topbar .status-active").waitFor(WAIT);
      await page.getByRole("button", { name: "Request review" }).waitFor(WAIT);
      await page
        .getByRole("combobox", { name: "Version" })
        .locator("option", { hasText: /^Version 1, .*, approved by Secret key$/ })
        .waitFor({ state: "attached", ...WAIT });
      await snapshot(page, "workspace-approvals-editor");
    });
  });

  it("refuses the requester: Ann's own approval by API, and Bob's own request on screen", async () => {
    await withScreenshotOnFailure(page, "workspace-approvals-own", async () => {
      const journeyId = String(
        (await asAnn("POST", "/v1/journeys", { name: "Second", document: { ...WELCOME, name: "Second" } })).body.id,
      );
      const asked = await asAnn("POST", `/v1/journeys/${journeyId}/approval-requests`, {});
      const own = await asAnn("POST", `/v1/approval-requests/${asked.body.id}/approve`, { comment: "mine" });
      expect(own.status).toBe(409);
      expect(own.body.error.code).toBe("own_request");

      // Bob asks from the editor (the dialog with a note), then cannot approve it himself.
      await page.goto(harness.editorUrl(`#/journeys/${journeyId}`));
      await page.locator(".review-state").getByText("Review requested by Secret key").waitFor(WAIT);
      await page.getByRole("button", { name: "Request review" }).click();
      const dialog = page.getByRole("dialog", { name: "Request review" });
      await dialog.getByLabel("Note for the reviewer").fill("Tweaked it");
      await dialog.getByRole("button", { name: "Send for review" }).click();
      await page.getByText("Review requested: a publisher approves it").waitFor(WAIT);
      const listed = (await harness.request("GET", `/v1/approval-requests?journeyId=${journeyId}`)).requests as Array<{
        id: string;
        status: string;
        note: string;
      }>;
      expect(listed.map((r) => [r.status, r.note])).toEqual([
        ["pending", "Tweaked it"],
        ["superseded", ""],
      ]);
      await page.goto(harness.editorUrl(`#/approvals/${listed[0]?.id}`));
      const review = page.getByRole("article", { name: "Review request" });
      await review.getByRole("button", { name: "Approve and publish" }).click();
      await review
        .getByRole("alert")
        .getByText("You asked for this review: someone else (a publisher) must approve or reject it")
        .waitFor(WAIT);
      expect((await harness.request("GET", `/v1/journeys/${journeyId}`)).currentVersion).toBeNull();
    });
  });
});
