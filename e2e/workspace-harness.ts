import type { Clock } from "@overture/runtime";
import { type EditorHarness, startEditorHarness } from "./editor-harness.ts";

/** The editor harness on the product's server, with a request that throws on refusals (set-up calls must work). */
export type WorkspaceHarness = Omit<EditorHarness, "request"> & {
  /** Authenticated JSON request with the secret key; throws on a status of 300 or more. */
  request(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
};

/**
 * The workspace screens' browser tests: the server as `npm start` runs it (channels, worker, dispatcher) in Chromium.
 * A `clock` (an OffsetClock) lets a test move the journeys' time.
 */
export async function startWorkspaceHarness(name: string, options: { clock?: Clock } = {}): Promise<WorkspaceHarness> {
  const harness = await startEditorHarness(name, {
    product: true,
    overture: options.clock ? { clock: options.clock } : {},
  });
  return {
    ...harness,
    async request(method, path, body) {
      const { status, body: answer } = await harness.request(method, path, body);
      if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`);
      return (answer ?? {}) as Record<string, unknown>;
    },
  };
}
