import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEY_SCOPES, PERMISSIONS, type Permission, ROLES, roleHolds, scopesGrant } from "../src/access.ts";

const DOC = join(import.meta.dirname, "../../../docs/teams.md");

/** The rows of the roles table in docs/teams.md: permission → the roles ticked and the key scopes listed. */
function documentedRows(): Map<string, { roles: string[]; scopes: string[] }> {
  const rows = new Map<string, { roles: string[]; scopes: string[] }>();
  for (const line of readFileSync(DOC, "utf8").split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const permission = /^`([a-z.]+)`$/.exec(cells[1] ?? "")?.[1];
    if (!permission) continue;
    const ticks = cells.slice(3, 3 + ROLES.length);
    rows.set(permission, {
      roles: ROLES.filter((_, i) => ticks[i] === "✓"),
      scopes: (cells[3 + ROLES.length] ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    });
  }
  return rows;
}

describe("docs/teams.md", () => {
  it("shows every permission with the roles that hold it and the key scopes that grant it, as the code decides", () => {
    const rows = documentedRows();
    expect([...rows.keys()].sort()).toEqual(Object.keys(PERMISSIONS).sort());
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(rows.get(permission), permission).toEqual({
        roles: ROLES.filter((role) => roleHolds(role, permission)),
        scopes: KEY_SCOPES.filter((scope) => scopesGrant([scope], permission)),
      });
    }
  });
});
