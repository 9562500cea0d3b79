import { describe, expect, it } from "vitest";
import {
  checkImports,
  checkNoSql,
  checkTableOwners,
  checkTablesDeclared,
  type SourceText,
  type TableOwner,
  tablesNamedIn,
} from "./architecture-checker.ts";
import { IMPORT_RULES, NO_SQL_PACKAGES, NO_SQL_REASON } from "./architecture-rules.ts";

/** The checker fails on files made to break each rule, and passes their fixed versions (issue 17). */

const RUNTIME = { owner: "runtime", folder: "packages/runtime/src" };
const OWNERS: TableOwner[] = [
  { table: "outbox", ...RUNTIME, createdIn: ["packages/runtime/src/store/sqlite/migrations.ts"] },
  { table: "deliveries", ...RUNTIME, createdIn: ["packages/runtime/src/store/sqlite/migrations.ts"] },
  {
    table: "slots",
    owner: "channels",
    folder: "packages/channels/src/slots",
    createdIn: ["packages/channels/src/slots/slot-schema.ts"],
  },
  {
    table: "content_items",
    owner: "channels",
    folder: "packages/channels/src/content",
    createdIn: ["packages/channels/src/content/content-schema.ts"],
    alsoReadBy: [{ path: "packages/channels/src/slots/decide-slots.ts", why: "one query on the hot path" }],
  },
];

const file = (path: string, text: string): SourceText => ({ path, text });
const rules = (violations: Array<{ path: string; line: number; rule: string }>) =>
  violations.map((v) => `${v.path}:${v.line} ${v.rule}`);

describe("tablesNamedIn", () => {
  it("finds the table after FROM, INTO, UPDATE, JOIN and TABLE, across lines and quotes", () => {
    expect(tablesNamedIn("SELECT * FROM outbox o\n  JOIN\n deliveries d ON d.k = o.key")).toEqual([
      "outbox",
      "deliveries",
    ]);
    expect(tablesNamedIn('INSERT INTO "slots" (name) VALUES (?)')).toEqual(["slots"]);
    expect(tablesNamedIn("UPDATE outbox SET status = 'pending'")).toEqual(["outbox"]);
    expect(tablesNamedIn("CREATE TABLE IF NOT EXISTS slots (x int)")).toEqual(["slots"]);
    expect(tablesNamedIn("select outbox_key from deliveries where at > ?")).toEqual(["deliveries"]);
  });

  it("leaves prose alone: lower-case words outside a statement, and a subquery after FROM", () => {
    expect(tablesNamedIn("Remove the item from slots first")).toEqual([]);
    expect(tablesNamedIn("SELECT count(*) FROM (SELECT 1) AS chosen")).toEqual([]);
  });
});

describe("checkTableOwners", () => {
  it("fails a channel file that reads the runtime's deliveries, in a string and in a template with a placeholder", () => {
    const capped = file(
      "packages/channels/src/policy/frequency-cap.ts",
      [
        "export const a = (sql) => sql.all(",
        '  "SELECT outbox_key FROM deliveries WHERE workspace_id = ?",',
        ");",
        // The source text holds a template literal with a placeholder, as outbox-admin.ts had.
        "export const b = (sql, where) => sql.all(`SELECT * FROM outbox WHERE $" + "{where} ORDER BY seq`);",
      ].join("\n"),
    );
    const found = checkTableOwners([capped], OWNERS);
    expect(rules(found)).toEqual([
      "packages/channels/src/policy/frequency-cap.ts:2 table-owner",
      "packages/channels/src/policy/frequency-cap.ts:4 table-owner",
    ]);
    expect(found[0]?.message).toBe(
      'SQL on "deliveries", a table of packages/runtime/src: call runtime\'s functions or its store port instead',
    );
  });

  it("fails one channel feature's SQL on another feature's table, unless the data lets that file read it", () => {
    const sql = 'export const q = "SELECT c.id FROM slots s JOIN content_items c ON c.id = s.default_content_id";';
    const found = checkTableOwners(
      [file("packages/channels/src/notifications/x.ts", sql), file("packages/channels/src/slots/decide-slots.ts", sql)],
      OWNERS,
    );
    expect(found.map((v) => `${v.path} ${v.message}`)).toEqual([
      'packages/channels/src/notifications/x.ts SQL on "slots", a table of packages/channels/src/slots: call the functions of packages/channels/src/slots instead',
      'packages/channels/src/notifications/x.ts SQL on "content_items", a table of packages/channels/src/content: call the functions of packages/channels/src/content instead',
    ]);
  });

  it("passes the owner's own SQL, comments, and a server file that names no table", () => {
    expect(
      checkTableOwners(
        [
          file("packages/runtime/src/store/outbox-reads.ts", 'export const q = "SELECT * FROM outbox WHERE seq = ?";'),
          file("packages/channels/src/slots/slots.ts", 'export const q = "DELETE FROM slots WHERE name = ?";'),
          file("packages/server/src/routes/x.ts", "// SELECT * FROM outbox\nexport const m = 'Remove it from slots';"),
        ],
        OWNERS,
      ),
    ).toEqual([]);
  });
});

describe("checkTablesDeclared", () => {
  it("fails a table nobody owns, and one created outside the file the data names", () => {
    const found = checkTablesDeclared(
      [
        file("packages/channels/src/sms/sms-schema.ts", 'export const m = "CREATE TABLE sms_numbers (id text)";'),
        file("packages/server/src/x.ts", 'export const m = "CREATE TABLE IF NOT EXISTS slots (id text)";'),
        file("packages/channels/src/slots/slot-schema.ts", 'export const m = "CREATE TABLE slots (id text)";'),
      ],
      OWNERS,
    );
    expect(found.map((v) => v.message)).toEqual([
      'creates "sms_numbers", which docs/table-owners.json does not list: give it an owner there',
      'creates "slots", which docs/table-owners.json says channels creates in packages/channels/src/slots/slot-schema.ts',
    ]);
  });
});

describe("checkImports with the real rules", () => {
  const breaks = (path: string, text: string) => rules(checkImports([file(path, text)], IMPORT_RULES));

  it("fails the core on a Node built-in, an I/O library or another @overture package; passes zod", () => {
    expect(breaks("packages/core/src/a.ts", 'import { readFileSync } from "node:fs";')).toEqual([
      "packages/core/src/a.ts:1 imports:core",
      "packages/core/src/a.ts:1 imports:core",
    ]);
    expect(breaks("packages/core/src/a.ts", 'import pg from "pg";')).toHaveLength(1);
    expect(breaks("packages/core/src/a.ts", 'export type { Store } from "@overture/runtime";')).toHaveLength(1);
    expect(breaks("packages/core/src/a.ts", 'import { z } from "zod";\nimport { b } from "./b.ts";')).toEqual([]);
  });

  it("fails the runtime on HTTP, and any production package on the test kit", () => {
    expect(breaks("packages/runtime/src/a.ts", 'import { Hono } from "hono";')).toHaveLength(1);
    expect(breaks("packages/runtime/src/a.ts", 'import http from "node:http";')).toHaveLength(1);
    expect(breaks("packages/cli/src/a.ts", 'import { createTestSchema } from "@overture/testkit";')).toHaveLength(1);
    expect(breaks("packages/server/src/a.ts", 'const k = await import("@overture/testkit");')).toHaveLength(1);
    expect(breaks("packages/runtime/src/a.ts", 'import pg from "pg";')).toEqual([]);
  });

  it("fails the server on the store's internals, by path, deep entry or driver; passes the runtime's entry", () => {
    expect(
      breaks("packages/server/src/routes/a.ts", 'import { SqliteStore } from "@overture/runtime/src/store/x.ts";'),
    ).toEqual(["packages/server/src/routes/a.ts:1 imports:server"]);
    expect(breaks("packages/server/src/a.ts", 'import Database from "better-sqlite3";')).toHaveLength(1);
    expect(breaks("packages/server/src/a.ts", 'import type { Store } from "@overture/runtime";')).toEqual([]);
  });

  it("fails a relative import into another package's files", () => {
    expect(
      breaks("packages/server/src/routes/a.ts", 'import { x } from "../../../runtime/src/store/rows.ts";'),
    ).toEqual(["packages/server/src/routes/a.ts:1 package-entry"]);
  });

  it("fails channels on the server, the SDK on anything, the editor on the runtime or Node", () => {
    expect(breaks("packages/channels/src/a.ts", 'import { createApp } from "@overture/server";')).toHaveLength(1);
    expect(breaks("packages/sdk/src/a.ts", 'import { z } from "zod";')).toHaveLength(1);
    expect(breaks("packages/editor/src/a.ts", 'import type { Store } from "@overture/runtime";')).toHaveLength(1);
    expect(breaks("packages/editor/src/a.ts", 'import { join } from "node:path";')).toHaveLength(2);
    expect(
      breaks(
        "packages/editor/src/a.tsx",
        'import { x } from "@overture/core";\nimport { y } from "@overture/channels/browser";\nimport { useState } from "react";',
      ),
    ).toEqual([]);
    expect(breaks("packages/editor/src/a.ts", 'import { y } from "@overture/channels";')).toHaveLength(1);
  });
});

describe("checkImports: the demo portal", () => {
  it("fails the portal on anything but the SDK, except in its build step", () => {
    const portal = (path: string) => file(path, 'import { build } from "esbuild";\nimport { o } from "@overture/sdk";');
    expect(
      rules(
        checkImports(
          [portal("apps/demo-portal/src/main.ts"), portal("apps/demo-portal/src/build-portal.ts")],
          IMPORT_RULES,
        ),
      ),
    ).toEqual(["apps/demo-portal/src/main.ts:1 imports:demo-portal"]);
  });
});

describe("checkNoSql", () => {
  it("fails a server file that runs SQL through the store, and passes one that calls a port", () => {
    const files = [
      file("packages/server/src/a.ts", "export const f = (store) => store.sql.all('SELECT 1');"),
      file("packages/server/src/b.ts", "export const g = (store) => store.outboxPage('w', {});"),
      file("packages/channels/src/c.ts", "export const h = (store) => store.sql.all('SELECT 1');"),
    ];
    expect(rules(checkNoSql(files, NO_SQL_PACKAGES, NO_SQL_REASON))).toEqual(["packages/server/src/a.ts:1 no-sql"]);
  });
});
