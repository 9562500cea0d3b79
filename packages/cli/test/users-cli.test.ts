import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openOverture, systemClock } from "@overture/runtime";
import { createMembers } from "@overture/team";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunResult, runOverture, startOverture } from "./run-overture.ts";

/** Runs `overture …` with `input` on its stdin. */
function runWithStdin(args: string[], input: string): Promise<RunResult> {
  const child = startOverture(args, { OVERTURE_CLOCK_FILE: undefined });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdin?.end(input);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// Issue 13: scripted installs create the first owner without the first-run screen.
describe("overture users create", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "overture-users-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function signIn(email: string, password: string) {
    const overture = await openOverture({ dataDir: dir, durability: "normal" });
    try {
      const members = createMembers(overture.store, systemClock);
      const { user } = await members.signIn(email, password);
      const { workspaceId } = await overture.workspaces.ensureDefault();
      return { user, role: await members.roleIn(workspaceId, user.id) };
    } finally {
      await overture.close();
    }
  }

  it("creates an owner with a generated password printed once, who can sign in with it", async () => {
    const run = await runOverture([
      "users",
      "create",
      "--email",
      "Olive@Example.com",
      "--role",
      "owner",
      "--data",
      dir,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created olive@example.com \(olive\), owner of workspace "Default"\./);
    const password = /Password \(shown once[^)]*\): (\S+)\n$/.exec(run.stdout)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect((await signIn("olive@example.com", password)).role).toBe("owner");
  });

  it("reads the password from stdin and never prints it", async () => {
    const run = await runWithStdin(
      [
        "users",
        "create",
        "--email",
        "ed@example.com",
        "--role",
        "editor",
        "--name",
        "Ed",
        "--password-stdin",
        "--data",
        dir,
      ],
      "ed's long chosen password\n",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Created ed@example.com (Ed), editor of workspace "Default".\n');
    expect((await signIn("ed@example.com", "ed's long chosen password")).role).toBe("editor");
  });

  it("refuses a bad email, a bad role, a taken email and a short password, saying why", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--email", "not-an-email", "--role", "owner"], /--email needs an email address/],
      [["--email", "x@example.com", "--role", "god"], /--role must be one of viewer, editor, publisher, admin, owner/],
      [["--email", "OLIVE@example.com", "--role", "viewer"], /olive@example.com has an account already/],
      [["--email", "y@example.com", "--role", "viewer", "--workspace", "nope"], /no workspace "nope"/],
    ];
    for (const [args, message] of cases) {
      const run = await runOverture(["users", "create", ...args, "--data", dir]);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr).toMatch(message);
    }
    const short = await runWithStdin(
      ["users", "create", "--email", "z@example.com", "--role", "viewer", "--password-stdin", "--data", dir],
      "short\n",
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/A password needs 10 to 256 characters/);
    expect((await runOverture(["users", "remove", "--data", dir])).code).toBe(2);
  });
});
