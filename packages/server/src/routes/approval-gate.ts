import { InputError } from "@overture/runtime";
import { type Approvals, createApprovals } from "@overture/team";
import type { OvertureApi } from "../route.ts";

const made = new WeakMap<object, Approvals>();

/**
 * The approvals port of the API: the one wired in (`overture.approvals`), else one made from the runtime's store on
 * first use; null when the API runs without a store (no approvals, publishing as before).
 */
export function approvalsOf(overture: OvertureApi): Approvals | null {
  if (overture.approvals) return overture.approvals;
  const { store } = overture;
  if (!store) return null;
  let approvals = made.get(store);
  if (!approvals) {
    approvals = createApprovals({ store, journeys: overture.journeys, clock: overture.clock });
    made.set(store, approvals);
  }
  return approvals;
}

/** The approvals port, or a clear error on an API without a store. */
export function requireApprovals(overture: OvertureApi): Approvals {
  const approvals = approvalsOf(overture);
  if (!approvals)
    throw new Error("the approval routes need the runtime's store: pass the opened Overture to createApp");
  return approvals;
}

/**
 * The publish gate: with "Require approval before publishing" on, POST /publish is refused for members and keys
 * alike, naming the route that asks for review. Here, where publish is served, so the runtime knows nothing of
 * approvals (the CLI's own publishing of the demo journey stays ungated).
 */
export async function refuseWithoutApproval(overture: OvertureApi, workspaceId: string, journeyId: string) {
  const approvals = approvalsOf(overture);
  if (approvals && (await approvals.isRequired(workspaceId)))
    throw new InputError(
      "approval_required",
      `This workspace requires approval before publishing: ask for review with POST /v1/journeys/${journeyId}/approval-requests, and a publisher's approval publishes it`,
    );
}
