import { channelModules } from "@overture/channels";
import { type JourneyCatalog, validateJourney } from "@overture/core";
import { InputError, type Problem } from "@overture/runtime";
import type { OvertureApi } from "../route.ts";
import { refuseWithoutApproval } from "./approval-gate.ts";
import { deliveryStore } from "./webhook-routes.ts";

/**
 * What a journey may refer to that lives in the channels' tables: the saved email templates and the webhook
 * endpoints. Empty (nothing checked) when the API runs without a store, as the core does without a catalog.
 */
export async function channelCatalog(overture: OvertureApi, workspaceId: string): Promise<JourneyCatalog> {
  const segments = await segmentCatalog(overture, workspaceId);
  if (!overture.store) return segments;
  const store = await deliveryStore(overture);
  const parts = await Promise.all(channelModules().map((m) => m.catalog?.(store, workspaceId) ?? {}));
  return Object.assign({}, ...parts, segments);
}

/** The part of the API that lists a workspace's segments (issue 14; the segment catalog adds it to OvertureApi). */
type SegmentLister = { segments?: { list(workspaceId: string): Promise<ReadonlyArray<{ id: string; name: string }>> } };

/**
 * The workspace's segments, so a journey naming a deleted or unknown one gets `unknown-segment` on that step. Empty
 * (nothing checked) when the API runs without segments.
 */
async function segmentCatalog(overture: OvertureApi, workspaceId: string): Promise<JourneyCatalog> {
  const list = await (overture as OvertureApi & SegmentLister).segments?.list(workspaceId);
  return list ? { segments: list.map(({ id, name }) => ({ id, name })) } : {};
}

/**
 * Every problem of a journey draft: the core's (with the templates and endpoints it names checked against the
 * workspace's), then each channel module's template checks, in step order (email MJML and Liquid, notification title,
 * body and link, webhook payload, SMS text…), each with its field, line and column. The runtime
 * checks the journey's shape; templates and catalogs are the channels' business, so they are added here.
 */
export async function draftProblems(overture: OvertureApi, workspaceId: string, draft: unknown): Promise<Problem[]> {
  const { problems } = validateJourney(draft, await channelCatalog(overture, workspaceId));
  const templates = (await Promise.all(channelModules().map((m) => m.problems?.(draft) ?? []))).flat();
  const index = (p: { path: string }) => Number(/^steps\[(\d+)\]/.exec(p.path)?.[1] ?? -1);
  // A stable sort: within a step, the problems keep the order their checker gave.
  return [...problems, ...templates.sort((a, b) => index(a) - index(b))];
}

/**
 * POST /v1/journeys/:id/validate: whether the draft can be published, and every problem. Given a `document`, that
 * one is checked instead of the saved draft (the journey must still exist): the editor lists what publishing would
 * refuse in what is on screen, before autosave has stored it.
 */
export async function validateDraftFully(
  overture: OvertureApi,
  workspaceId: string,
  journeyId: string,
  document?: unknown,
) {
  const { draft } = await overture.journeys.get(workspaceId, journeyId);
  const problems = await draftProblems(overture, workspaceId, document ?? draft);
  return { valid: problems.length === 0, problems };
}

/**
 * POST /v1/journeys/:id/publish: refused (409 `approval_required`) when the workspace requires approval; publishes
 * only when the draft has no problem at all; else the runtime's 422 `journey_invalid`, with every problem (templates'
 * with their line and column).
 */
export async function publishFully(overture: OvertureApi, workspaceId: string, journeyId: string) {
  await refuseWithoutApproval(overture, workspaceId, journeyId);
  return publishChecked(overture, workspaceId, journeyId);
}

/** Publishes the draft when it has no problem at all (what an approval does, past the approval gate). */
export async function publishChecked(overture: OvertureApi, workspaceId: string, journeyId: string) {
  const journey = await overture.journeys.get(workspaceId, journeyId);
  // An archived journey is refused for that (409) by the runtime, whatever its draft holds.
  if (journey.status !== "archived") {
    const problems = await draftProblems(overture, workspaceId, journey.draft);
    if (problems.length > 0)
      throw new InputError(
        "journey_invalid",
        `The journey has ${problems.length} problem(s); fix them before publishing`,
        problems,
      );
  }
  return overture.journeys.publish(workspaceId, journeyId);
}
