import { InputError, type Store } from "@overture/runtime";

/** A published webhook step that calls the endpoint. */
export type EndpointUse = { journeyId: string; journeyName: string; version: number; stepId: string };

/** Where the current version of an active or paused journey calls the endpoint (a paused one may be resumed). */
export async function endpointUses(
  store: Pick<Store, "listJourneys" | "getVersion">,
  workspaceId: string,
  name: string,
): Promise<EndpointUse[]> {
  const uses: EndpointUse[] = [];
  for (const journey of await store.listJourneys(workspaceId)) {
    if ((journey.status !== "active" && journey.status !== "paused") || journey.currentVersion === null) continue;
    const version = await store.getVersion(workspaceId, journey.id, journey.currentVersion);
    for (const step of version?.document.steps ?? []) {
      if (step.type === "webhook" && step.endpoint === name)
        uses.push({
          journeyId: journey.id,
          journeyName: journey.name,
          version: journey.currentVersion,
          stepId: step.id,
        });
    }
  }
  return uses;
}

/**
 * Deletes an endpoint. InputError `not_found` when there is none, `endpoint_in_use` (naming each journey and step)
 * while the current version of an active or paused journey calls it: archive the journey, or publish it without the step.
 */
export async function deleteWebhookEndpoint(store: Store, workspaceId: string, name: string): Promise<void> {
  const found = await store.sql.all("SELECT name FROM webhook_endpoints WHERE workspace_id = ? AND name = ?", [
    workspaceId,
    name,
  ]);
  if (found.length === 0)
    throw new InputError("not_found", `No webhook endpoint named '${name}'`, [
      { path: "name", code: "not_found", message: name },
    ]);
  const uses = await endpointUses(store, workspaceId, name);
  if (uses.length > 0) {
    const names = [...new Set(uses.map((u) => `'${u.journeyName}'`))].join(", ");
    throw new InputError(
      "endpoint_in_use",
      `The webhook endpoint '${name}' is called by the published journey(s) ${names}; publish them without it, or archive them, first`,
      uses.map((u) => ({
        path: "",
        code: "endpoint_in_use",
        message: `journey '${u.journeyName}' (${u.journeyId}) version ${u.version}, step '${u.stepId}'`,
        stepId: u.stepId,
      })),
    );
  }
  await store.sql.run("DELETE FROM webhook_endpoints WHERE workspace_id = ? AND name = ?", [workspaceId, name]);
}
