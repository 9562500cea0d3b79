import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/test/**/*.test.ts",
      "e2e/**/*.test.ts",
      "examples/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    // The channels' steps (email, SMS…) are registered with the core before each file, as every entry point does.
    setupFiles: ["packages/testkit/src/register-channels.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Store suites share the local PostgreSQL; each file uses its own schema, so files may run in parallel.
    fileParallelism: true,
    // Two files at once on a two-core machine: Vitest's default there is one, and the suite then took 18 minutes
    // (12 with two; measured in session 10). The tests wait on events and virtual time, never on wall-clock speed.
    maxWorkers: 2,
    pool: "forks",
    // Servers started by tests log at warn: request lines would bury the test report (LOG_LEVEL=info shows them).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
  },
});
