import type { ChannelStepFields } from "@overture/core";
import { type Delivery, deliveryLoads, PermanentError, type Store } from "@overture/runtime";

/**
 * The step a delivery sends: the one in the published journey version (journeyId, version, stepId), or for a test
 * send the step given in the payload (`payload.step`, as the editor has it). A step that is gone or of another type is
 * a permanent failure: retrying cannot bring it back.
 */
export async function deliveryStep(store: Store, delivery: Delivery, type: string): Promise<ChannelStepFields> {
  const given = delivery.payload.step;
  if (given !== null && typeof given === "object" && !Array.isArray(given))
    return { id: delivery.stepId, type, next: null, ...given } as ChannelStepFields;
  const version = await deliveryLoads(store).version(delivery.workspaceId, delivery.journeyId, delivery.version);
  const step = version?.document.steps.find((s) => s.id === delivery.stepId);
  if (step?.type !== type)
    throw new PermanentError(
      "step_not_found",
      `journey ${delivery.journeyId} v${delivery.version} has no ${type} step '${delivery.stepId}'`,
    );
  return step as ChannelStepFields;
}
