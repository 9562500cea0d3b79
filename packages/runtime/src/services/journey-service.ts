import { randomUUID } from "node:crypto";
import { CURRENT_SCHEMA_VERSION, type Json, validateJourney } from "@overture/core";
import type { JourneyRecord, JourneyStatus } from "../api.ts";
import type { Clock } from "../clock/clock.ts";
import type { Engine } from "../engine/engine.ts";
import { InputError } from "../errors.ts";
import type { JourneyService } from "../runtime-types.ts";
import type { Store } from "../store/store.ts";
import { copyOf, normalizeTags, withMeta } from "./journey-meta.ts";

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Journeys: drafts, publishing into immutable versions, lifecycle, figures. `wallClock` dates the records people read
 * (created, edited, published); the engine's clock, which a demo moves ahead, stays out of them. Exits on archive are
 * engine time, like every other instance change.
 */
export function createJourneyService(
  store: Store,
  wallClock: Clock,
  engine: Engine,
  engineClock: Clock = wallClock,
): JourneyService {
  const load = async (workspaceId: string, journeyId: string): Promise<JourneyRecord> => {
    const journey = await store.getJourney(workspaceId, journeyId);
    if (!journey) throw new InputError("not_found", `No journey with id '${journeyId}'`);
    return journey;
  };
  const setStatus = async (
    workspaceId: string,
    journeyId: string,
    from: JourneyStatus[],
    to: JourneyStatus,
  ): Promise<JourneyRecord> => {
    const journey = await load(workspaceId, journeyId);
    if (!from.includes(journey.status))
      throw new InputError(
        "invalid_state",
        `Journey '${journeyId}' is ${journey.status}; it must be ${from.join(" or ")} to become ${to}`,
      );
    const next = { ...journey, status: to, updatedAt: wallClock.now() };
    await store.updateJourney(next);
    engine.versions.invalidate();
    return next;
  };

  return {
    async create(workspaceId, input) {
      const name = input.name?.trim();
      if (!name)
        throw new InputError("invalid_input", "A journey needs a name", [
          { path: "name", code: "required", message: "Give the journey a name" },
        ]);
      const requested = (input.document as { id?: unknown } | undefined)?.id;
      const id = typeof requested === "string" && ID_PATTERN.test(requested) ? requested : randomUUID();
      const now = wallClock.now();
      const draft = input.document ?? { schemaVersion: CURRENT_SCHEMA_VERSION, name, settings: {}, steps: [] };
      const tags = normalizeTags(input.tags ?? []);
      const owner = input.owner?.trim() ?? "";
      const journey: JourneyRecord = {
        workspaceId,
        id,
        name,
        status: "draft",
        draft,
        currentVersion: null,
        tags,
        owner,
        createdAt: now,
        updatedAt: now,
      };
      await store.insertJourney(journey);
      return journey;
    },
    async updateDraft(workspaceId, journeyId, document) {
      const journey = await load(workspaceId, journeyId);
      if (journey.status === "archived")
        throw new InputError("invalid_state", `Journey '${journeyId}' is archived and cannot be edited`);
      const name =
        typeof (document as { name?: unknown })?.name === "string" ? (document as { name: string }).name : journey.name;
      const next = { ...journey, name, draft: document, updatedAt: wallClock.now() };
      await store.updateJourney(next);
      return next;
    },
    async updateMeta(workspaceId, journeyId, meta) {
      const next = withMeta(await load(workspaceId, journeyId), meta, wallClock.now());
      await store.updateJourney(next);
      return next;
    },
    async duplicate(workspaceId, journeyId) {
      const copy = copyOf(await load(workspaceId, journeyId), randomUUID(), wallClock.now());
      await store.insertJourney(copy);
      return copy;
    },
    get: load,
    list: (workspaceId) => store.listJourneys(workspaceId),
    async validateDraft(workspaceId, journeyId) {
      const journey = await load(workspaceId, journeyId);
      const { valid, problems } = validateJourney(journey.draft);
      return { valid, problems };
    },
    async publish(workspaceId, journeyId) {
      const journey = await load(workspaceId, journeyId);
      if (journey.status === "archived") throw new InputError("invalid_state", `Journey '${journeyId}' is archived`);
      const { document, problems } = validateJourney(journey.draft);
      if (!document || problems.length > 0) {
        throw new InputError(
          "journey_invalid",
          `The journey has ${problems.length} problem(s); fix them before publishing`,
          problems.map((p) => ({ path: p.path, code: p.code, message: p.message, stepId: p.stepId })),
        );
      }
      const version = (journey.currentVersion ?? 0) + 1;
      const record = { journeyId, version, document, publishedAt: wallClock.now() };
      await store.insertVersion(workspaceId, record);
      await store.updateJourney({
        ...journey,
        currentVersion: version,
        status: journey.status === "paused" ? "paused" : "active",
        updatedAt: wallClock.now(),
      });
      engine.versions.invalidate();
      return record;
    },
    async pause(workspaceId, journeyId) {
      const journey = await setStatus(workspaceId, journeyId, ["active"], "paused");
      await store.suspendTimers(workspaceId, journeyId);
      return journey;
    },
    async resume(workspaceId, journeyId) {
      const journey = await setStatus(workspaceId, journeyId, ["paused"], "active");
      await store.restoreTimers(workspaceId, journeyId);
      return journey;
    },
    async archive(workspaceId, journeyId) {
      const journey = await setStatus(workspaceId, journeyId, ["draft", "active", "paused"], "archived");
      await store.exitAll(workspaceId, journeyId, "journey archived", engineClock.now());
      return journey;
    },
    async versions(workspaceId, journeyId) {
      await load(workspaceId, journeyId);
      return store.listVersions(workspaceId, journeyId);
    },
    async version(workspaceId, journeyId, version) {
      const record = await store.getVersion(workspaceId, journeyId, version);
      if (!record) throw new InputError("not_found", `Journey '${journeyId}' has no version ${version}`);
      return record;
    },
    async stats(workspaceId, journeyId, version) {
      await load(workspaceId, journeyId);
      const counts = await store.stepCounts(workspaceId, journeyId, version);
      return { journeyId, version: version ?? null, ...counts };
    },
    async customersAtStep(workspaceId, journeyId, stepId, options = {}) {
      await load(workspaceId, journeyId);
      return store.instancesAtStep(
        workspaceId,
        journeyId,
        stepId,
        Math.min(Math.max(options.limit ?? 50, 1), 500),
        options.after,
      );
    },
    async deliveries(workspaceId, journeyId, version) {
      await load(workspaceId, journeyId);
      return {
        journeyId,
        version: version ?? null,
        steps: await store.deliveryOutcomes(workspaceId, journeyId, version),
      };
    },
    async deliveriesAtStep(workspaceId, journeyId, stepId, options = {}) {
      await load(workspaceId, journeyId);
      const { limit, ...filter } = options;
      return store.deliveriesOfStep(workspaceId, {
        ...filter,
        journeyId,
        stepId,
        limit: Math.min(Math.max(limit ?? 50, 1), 500),
      });
    },
    async start(workspaceId, journeyId, customerId, properties = {}) {
      await load(workspaceId, journeyId);
      return engine.enter(workspaceId, journeyId, customerId, properties as Record<string, Json>);
    },
  };
}
