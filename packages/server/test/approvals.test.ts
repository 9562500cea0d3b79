import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashKey, type Overture, openOverture, VirtualClock, type WorkspaceKeys } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/index.ts";
import { T0, WELCOME_JOURNEY } from "./test-app.ts";

const pgUp = await postgresAvailable();
if (!pgUp) console.warn("approvals on PostgreSQL skipped: no PostgreSQL at 127.0.0.1:5432");

type Opened = { overture: Overture; close(): Promise<void> };

async function openSqlite(): Promise<Opened> {
  const dataDir = await mkdtemp(join(tmpdir(), "overture-approvals-"));
  const overture = await openOverture({ dataDir, clock: new VirtualClock(T0) });
  return {
    overture,
    async close() {
      await overture.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<Opened> {
  const schema: TestSchema = await createTestSchema(testDatabaseUrl());
  const overture = await openOverture({ databaseUrl: schema.url, clock: new VirtualClock(T0) });
  return {
    overture,
    async close() {
      await overture.close();
      await schema.drop();
    },
  };
}

// Issue 13, approvals: the same behaviour on both stores. Two manage keys stand for two people (Ann asks, Bob decides).
for (const [store, open, skip] of [
  ["SQLite", openSqlite, false],
  ["PostgreSQL", openPostgres, !pgUp],
] as const) {
  describe.skipIf(skip)(`approvals (${store})`, () => {
    let opened: Opened;
    let keys: WorkspaceKeys;
    const bob = `ovt_sk_bob_${store}`;
    let call: (
      method: string,
      path: string,
      key: string,
      body?: unknown,
      // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies
    ) => Promise<{ status: number; body: any }>;

    beforeAll(async () => {
      opened = await open();
      keys = await opened.overture.workspaces.ensureDefault();
      await opened.overture.store.insertApiKey({
        workspaceId: keys.workspaceId,
        keyHash: hashKey(bob),
        kind: "secret",
        createdAt: T0,
      });
      const app = createApp(opened.overture);
      call = async (method, path, key, body) => {
        const response = await app.request(path, {
          method,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : null };
      };
    });
    afterAll(async () => {
      await opened?.close();
    });

    const ann = () => keys.secretKey;
    const newJourney = async (name: string) => {
      const created = await call("POST", "/v1/journeys", ann(), {
        name,
        document: { ...WELCOME_JOURNEY, name },
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };

    it("publishes as before while approvals are off, and a review may still be asked for", async () => {
      expect((await call("GET", "/v1/approvals/settings", ann())).body).toEqual({ required: false });
      const journeyId = await newJourney("Off");
      const requested = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), { note: "a look?" });
      expect(requested.status).toBe(201);
      expect(requested.body).toMatchObject({ status: "pending", note: "a look?", baseVersion: null });
      expect((await call("POST", `/v1/journeys/${journeyId}/publish`, ann())).status).toBe(201);
    });

    it("with approvals on, refuses publish (members and keys alike) and names the route that asks for review", async () => {
      expect((await call("PUT", "/v1/approvals/settings", ann(), { required: true })).body).toEqual({ required: true });
      expect((await call("GET", "/v1/approvals/settings", bob)).body).toEqual({ required: true });
      const journeyId = await newJourney("Gated");
      const refused = await call("POST", `/v1/journeys/${journeyId}/publish`, ann());
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("approval_required");
      expect(refused.body.error.message).toContain(`POST /v1/journeys/${journeyId}/approval-requests`);
      expect((await call("GET", `/v1/journeys/${journeyId}`, ann())).body.currentVersion).toBeNull();
      // The write key may not ask: asking is an editor's permission.
      expect((await call("POST", `/v1/journeys/${journeyId}/approval-requests`, keys.writeKey, {})).status).toBe(403);
    });

    it("refuses to ask review of an invalid draft, with its problems", async () => {
      const journeyId = await newJourney("Broken");
      await call("PUT", `/v1/journeys/${journeyId}/draft`, ann(), {
        ...WELCOME_JOURNEY,
        name: "Broken",
        steps: [{ id: "start", type: "trigger", trigger: { type: "event", event: "x" }, next: "nowhere" }],
      });
      const refused = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), {});
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("journey_invalid");
      expect(refused.body.error.problems.length).toBeGreaterThan(0);
    });

    it("approval by another person publishes the snapshot; the requester is refused; a decided request stays decided", async () => {
      const journeyId = await newJourney("Welcome flow");
      const asked = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), { note: "first cut" });
      const requestId = asked.body.id as string;
      expect(asked.body.requestedBy).toMatchObject({ kind: "key", name: "Secret key" });

      const detail = await call("GET", `/v1/approval-requests/${requestId}`, bob);
      expect(detail.status).toBe(200);
      expect(detail.body.diff.isNew).toBe(true);
      expect(detail.body.diff.lines[0]).toBe("New journey: no version is running yet");
      expect(detail.body.snapshot.name).toBe("Welcome flow");

      const own = await call("POST", `/v1/approval-requests/${requestId}/approve`, ann(), { comment: "me" });
      expect(own.status).toBe(409);
      expect(own.body.error.code).toBe("own_request");

      const approved = await call("POST", `/v1/approval-requests/${requestId}/approve`, bob, { comment: "looks good" });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: "approved", comment: "looks good", publishedVersion: 1 });
      expect(approved.body.decidedBy.id).not.toBe(asked.body.requestedBy.id);
      const version = await call("GET", `/v1/journeys/${journeyId}/versions/1`, ann());
      expect(version.body.document.name).toBe("Welcome flow");
      expect((await call("GET", `/v1/journeys/${journeyId}`, ann())).body).toMatchObject({
        status: "active",
        currentVersion: 1,
      });

      const again = await call("POST", `/v1/approval-requests/${requestId}/approve`, bob, {});
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("request_decided");
      const rejectLate = await call("POST", `/v1/approval-requests/${requestId}/reject`, bob, { comment: "no" });
      expect(rejectLate.body.error.code).toBe("request_decided");

      // The next change is diffed against version 1, in words.
      await call("PUT", `/v1/journeys/${journeyId}/draft`, ann(), {
        ...WELCOME_JOURNEY,
        name: "Welcome flow",
        steps: WELCOME_JOURNEY.steps.map((s) => (s.id === "welcome" ? { ...s, subject: "Welcome aboard" } : s)),
      });
      const second = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), {});
      expect(second.body.baseVersion).toBe(1);
      const diff = (await call("GET", `/v1/approval-requests/${second.body.id}`, bob)).body.diff;
      expect(diff.lines).toEqual(["Email 'welcome': subject changed from 'Welcome' to 'Welcome aboard'"]);
      expect(diff.changed[0].fields).toEqual([{ field: "subject", before: "Welcome", after: "Welcome aboard" }]);

      const listed = await call("GET", `/v1/approval-requests?journeyId=${journeyId}&status=approved`, bob);
      expect(listed.body.requests.map((r: { id: string }) => r.id)).toEqual([requestId]);
      expect(listed.body.requests[0].snapshot).toBeUndefined();
    });

    it("rejects with a comment (required), and the journey stays unpublished", async () => {
      const journeyId = await newJourney("Rejected");
      const asked = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), {});
      const id = asked.body.id as string;
      expect((await call("POST", `/v1/approval-requests/${id}/reject`, bob, {})).status).toBe(400);
      expect((await call("POST", `/v1/approval-requests/${id}/reject`, bob, { comment: "  " })).status).toBe(400);
      expect(
        (await call("POST", `/v1/approval-requests/${id}/reject`, ann(), { comment: "mine" })).body.error.code,
      ).toBe("own_request");
      const rejected = await call("POST", `/v1/approval-requests/${id}/reject`, bob, { comment: "wrong tone" });
      expect(rejected.body).toMatchObject({ status: "rejected", comment: "wrong tone", publishedVersion: null });
      expect((await call("GET", `/v1/journeys/${journeyId}`, ann())).body.currentVersion).toBeNull();
    });

    it("refuses approval when the draft changed since the request, and marks the request superseded", async () => {
      const journeyId = await newJourney("Moving");
      const asked = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), {});
      await call("PUT", `/v1/journeys/${journeyId}/draft`, ann(), { ...WELCOME_JOURNEY, name: "Moving on" });
      const refused = await call("POST", `/v1/approval-requests/${asked.body.id}/approve`, bob, {});
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("draft_changed");
      expect((await call("GET", `/v1/approval-requests/${asked.body.id}`, bob)).body.status).toBe("superseded");
      expect((await call("GET", `/v1/journeys/${journeyId}`, ann())).body.currentVersion).toBeNull();
    });

    it("two publishers approving at once publish once", async () => {
      const carl = `ovt_sk_carl_${store}`;
      await opened.overture.store.insertApiKey({
        workspaceId: keys.workspaceId,
        keyHash: hashKey(carl),
        kind: "secret",
        createdAt: T0,
      });
      const journeyId = await newJourney("Race");
      const asked = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), {});
      const answers = await Promise.all(
        [bob, carl].map((key) => call("POST", `/v1/approval-requests/${asked.body.id}/approve`, key, {})),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)?.body.error.code).toBe("request_decided");
      expect((await call("GET", `/v1/journeys/${journeyId}/versions`, ann())).body.versions).toHaveLength(1);
    });

    it("a publish refused at approval (a template deleted since) leaves the request pending", async () => {
      const template = { name: "Hello", subject: "Hello", body: "<mjml><mj-body></mj-body></mjml>" };
      expect((await call("PUT", "/v1/email/templates/hello", ann(), template)).status).toBe(200);
      const journeyId = await newJourney("Templated");
      await call("PUT", `/v1/journeys/${journeyId}/draft`, ann(), {
        ...WELCOME_JOURNEY,
        name: "Templated",
        steps: WELCOME_JOURNEY.steps.map((s) =>
          s.id === "welcome" ? { id: "welcome", type: "email", templateId: "hello", next: "wait-login" } : s,
        ),
      });
      const asked = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), {});
      expect(asked.status).toBe(201);
      expect((await call("DELETE", "/v1/email/templates/hello", ann())).status).toBe(200);
      const refused = await call("POST", `/v1/approval-requests/${asked.body.id}/approve`, bob, {});
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("journey_invalid");
      const after = (await call("GET", `/v1/approval-requests/${asked.body.id}`, bob)).body;
      expect(after).toMatchObject({ status: "pending", decidedBy: null, publishedVersion: null });
    });

    it("a newer request supersedes the journey's pending one", async () => {
      const journeyId = await newJourney("Twice");
      const first = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), {});
      const second = await call("POST", `/v1/journeys/${journeyId}/approval-requests`, ann(), {});
      const listed = await call("GET", `/v1/approval-requests?journeyId=${journeyId}`, bob);
      expect(listed.body.requests.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
        [second.body.id, "pending"],
        [first.body.id, "superseded"],
      ]);
      expect((await call("POST", `/v1/approval-requests/${first.body.id}/approve`, bob, {})).body.error.code).toBe(
        "request_decided",
      );
      expect((await call("GET", "/v1/approval-requests/nope", bob)).status).toBe(404);
    });
  });
}
