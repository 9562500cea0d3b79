import { builtinModules } from "node:module";
import type { ImportRule } from "./architecture-checker.ts";

/**
 * The package rules architecture.test.ts checks, as data: ARCHITECTURE.md's "must not import" column, each rule with
 * its reason (issue 17). architecture-checker.test.ts breaks each one on purpose.
 */

/** Node's built-in modules, with or without the `node:` prefix. */
const NODE_BUILTIN = new RegExp(`^(?:node:|(?:${builtinModules.join("|")})(?:/|$))`);
const TESTKIT = /^@overture\/testkit(?:\/|$)/;
const testkitRule = (pkg: string): ImportRule => ({
  package: pkg,
  forbid: [TESTKIT],
  reason: "production code does not import the test kit (what production needs lives in the package that owns it)",
});

/** What each package must not import: ARCHITECTURE.md's "must not import" column, as data. */
const PACKAGE_RULES: ImportRule[] = [
  {
    package: "core",
    allowOnly: [/^zod$/],
    reason: "the core is pure: no I/O, no Node built-ins, no other @overture package (zod is its one dependency)",
  },
  {
    package: "runtime",
    forbid: [
      /^(?:hono|@hono\/.*|react|react-dom)(?:\/|$)/,
      /^(?:node:)?https?$/,
      /^@overture\/(?:channels|server|cli|editor)/,
    ],
    reason: "the runtime speaks no HTTP and knows none of the packages built on it",
  },
  testkitRule("runtime"),
  {
    package: "server",
    forbid: [/^packages\/runtime\/src\/store\//, /^@overture\/runtime\/./, /^(?:pg|better-sqlite3)$/],
    reason: "the server calls the runtime's entry point, never the store's internals or a database driver",
  },
  testkitRule("server"),
  {
    package: "channels",
    forbid: [/^@overture\/(?:server|cli|editor)(?:\/|$)/],
    reason: "channels are called by the server and the CLI, never the other way round",
  },
  testkitRule("channels"),
  {
    package: "team",
    forbid: [/^@overture\/(?:server|cli|editor)(?:\/|$)/, /^hono(?:\/|$)/, /^@hono\//],
    reason: "teams (members, keys, audit, approvals, data rights) are ports the server calls; they speak no HTTP",
  },
  testkitRule("team"),
  testkitRule("cli"),
  {
    package: "sdk",
    allowOnly: [/^@overture\/api-contract$/],
    reason:
      "the browser SDK has no dependencies: its wire types come from the API contract with `import type`, erased from the bundle (sdk/test/bundle.test.ts)",
  },
  {
    package: "editor",
    allowOnly: [
      /^@overture\/core$/,
      /^@overture\/api-contract$/,
      /^@overture\/channels\/browser$/,
      /^zod$/,
      /^react(?:-dom)?(?:\/|$)/,
      /^@xyflow\/react(?:\/|$)/,
      /^elkjs\//,
      // The one charting library (decision 0041).
      /^recharts$/,
    ],
    reason:
      "the editor runs in the browser: only @overture/core, the API contract (and zod), channels' browser entry and its UI libraries",
  },
  {
    package: "api-contract",
    allowOnly: [/^zod$/, /^@overture\/core$/, /^@overture\/channels\/browser$/],
    reason:
      "the wire contract is loaded by browsers (editor, SDK types): only zod, the core and channels' browser half",
  },
  {
    package: "demo-portal",
    allowOnly: [/^@overture\/sdk$/],
    except: ["apps/demo-portal/src/build-portal.ts"],
    reason: "the demo portal is built only on the SDK, as a customer's site would be (its Node build step excepted)",
  },
];

/** Where SQL must not run at all: these packages own no tables and call the owners instead. */
export const NO_SQL_PACKAGES = ["server", "cli", "core", "editor", "sdk"];
export const NO_SQL_REASON =
  "this package runs no SQL: call the owner's functions or the store port (docs/table-owners.json)";

/** Node built-ins: none in the core, the SDK or the editor (they run in the browser or are pure). */
function builtinRules(): ImportRule[] {
  return ["core", "sdk", "editor"].map((pkg) => ({
    package: pkg,
    forbid: [NODE_BUILTIN],
    reason: "no Node built-ins here: it is pure or runs in a browser",
  }));
}

/** Every import rule: each package's own, and no Node built-ins where code is pure or runs in a browser. */
export const IMPORT_RULES: ImportRule[] = [...PACKAGE_RULES, ...builtinRules()];
