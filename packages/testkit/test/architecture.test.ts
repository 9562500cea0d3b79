import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkImports,
  checkNoSql,
  checkTableOwners,
  checkTablesDeclared,
  type SourceText,
  type TableOwner,
  type Violation,
} from "./architecture-checker.ts";
import { IMPORT_RULES, NO_SQL_PACKAGES, NO_SQL_REASON } from "./architecture-rules.ts";

/**
 * The package "nevers" of ARCHITECTURE.md and the table owners of docs/table-owners.json, checked on every production
 * source file (`packages/*\/src`, `apps/*\/src`, tests excepted) (issue 17). A failure names the file, the line and the
 * rule's reason; architecture-checker.test.ts shows each rule failing on a file made to break it.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function productionFiles(): SourceText[] {
  const files: SourceText[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(path);
      } else if (/\.tsx?$/.test(entry.name) && !/\.(?:test|d)\.tsx?$/.test(entry.name)) {
        files.push({ path: relative(ROOT, path).split(sep).join("/"), text: readFileSync(path, "utf8") });
      }
    }
  };
  for (const top of ["packages", "apps"])
    for (const pkg of readdirSync(join(ROOT, top), { withFileTypes: true }))
      if (pkg.isDirectory()) {
        const src = join(ROOT, top, pkg.name, "src");
        try {
          walk(src);
        } catch {
          // A package without src/ has no production code to check.
        }
      }
  return files;
}

const owners = (JSON.parse(readFileSync(join(ROOT, "docs/table-owners.json"), "utf8")) as { tables: TableOwner[] })
  .tables;
const files = productionFiles();
const said = (violations: Violation[]) => violations.map((v) => `${v.path}:${v.line} [${v.rule}] ${v.message}`);

describe("architecture (issue 17)", () => {
  it("reads the whole tree: every package's production files", () => {
    const packages = new Set(files.map((f) => f.path.split("/")[1]));
    for (const pkg of ["core", "runtime", "channels", "server", "cli", "editor", "sdk", "testkit", "demo-portal"])
      expect(packages).toContain(pkg);
    expect(files.length).toBeGreaterThan(300);
  });

  it("gives every table one owner, created where the ownership data says", () => {
    expect(new Set(owners.map((o) => o.table)).size).toBe(owners.length);
    expect(said(checkTablesDeclared(files, owners))).toEqual([]);
    for (const owner of owners)
      for (const path of owner.createdIn)
        expect(
          files.map((f) => f.path),
          `${owner.table}`,
        ).toContain(path);
  });

  it("names a table in SQL only inside its owner package", () => {
    expect(said(checkTableOwners(files, owners))).toEqual([]);
  });

  it("runs no SQL in the server, the CLI, the core, the editor or the SDK", () => {
    expect(said(checkNoSql(files, NO_SQL_PACKAGES, NO_SQL_REASON))).toEqual([]);
  });

  it("keeps each package's imports to what ARCHITECTURE.md allows, and no package reaches into another's files", () => {
    expect(said(checkImports(files, IMPORT_RULES))).toEqual([]);
  });
});
