import { afterEach, describe, expect, it } from "vitest";
import { holds, may, onSessionLost, sessionHeaders, sessionLost, setSignedIn } from "./session-state.ts";
import { signedInOf } from "./team-api.ts";

const member = (role: "viewer" | "editor" | "publisher" | "admin" | "owner", permissions: string[] = []) => ({
  user: { id: "u1", email: "sam@acme.test", name: "Sam" },
  workspaceId: "ws_1",
  role,
  permissions,
  csrfToken: "csrf-1",
});

afterEach(() => setSignedIn(null));

describe("what a member may do on screen (issue 13)", () => {
  it("hides publishing from an editor and shows it to a publisher, from the one permission table", () => {
    expect(holds(member("editor"), "journeys.publish")).toBe(false);
    expect(holds(member("editor"), "drafts.edit")).toBe(true);
    expect(holds(member("publisher"), "journeys.publish")).toBe(true);
    expect(holds(member("admin"), "members.manage")).toBe(true);
    expect(holds(member("admin"), "workspace.own")).toBe(false);
  });

  it("follows the server's list of permissions when it sends one", () => {
    expect(holds(member("viewer", ["journeys.publish"]), "journeys.publish")).toBe(true);
    expect(holds(member("owner", ["workspace.read"]), "journeys.publish")).toBe(false);
  });

  it("lets the server decide for an API key (no member signed in)", () => {
    expect(may("journeys.publish")).toBe(true);
    setSignedIn(member("viewer"));
    expect(may("journeys.publish")).toBe(false);
  });

  it("sends the CSRF token on changes only, and the workspace on every call", () => {
    setSignedIn(member("editor"));
    expect(sessionHeaders("GET")).toEqual({ "x-overture-workspace": "ws_1" });
    expect(sessionHeaders("post")).toEqual({ "x-overture-workspace": "ws_1", "x-csrf-token": "csrf-1" });
  });

  it("tells the editor once when a signed-in session is lost, and not when nobody was signed in", () => {
    let lost = 0;
    const stop = onSessionLost(() => lost++);
    sessionLost();
    setSignedIn(member("editor"));
    sessionLost();
    sessionLost();
    stop();
    expect(lost).toBe(1);
  });
});

describe("reading a session answer", () => {
  it("keeps the member, the workspace it acts in, the role there, the permissions and the CSRF token", () => {
    const answer = {
      user: { id: "u1", email: "a@b.test", name: "A", hasPassword: true },
      workspaces: [{ id: "ws_9", name: "Acme", role: "owner" as const }],
      workspace: { id: "ws_9", name: "Acme", role: "owner" as const },
      csrfToken: "t",
      permissions: ["workspace.read" as const],
      expiresAt: 0,
    };
    expect(signedInOf(answer)).toMatchObject({ workspaceId: "ws_9", role: "owner", csrfToken: "t" });
    expect(signedInOf({ ...answer, workspace: null })).toMatchObject({ workspaceId: "", role: null });
  });
});
