import { SEGMENT_ENTERED, SEGMENT_LEFT, type SegmentDefinition } from "@overture/core";
import type { Clock } from "../clock/clock.ts";
import { InputError } from "../errors.ts";
import type { Store } from "../store/store.ts";
import { readCustomerIdCsv } from "./customer-id-csv.ts";
import { cachedPopulation, estimateSegment } from "./segment-estimate.ts";
import { freeId, SEGMENT_ID_PATTERN, slugOf } from "./segment-ids.ts";
import {
  memberPage,
  recordSegmentSizes,
  segmentSizes,
  sizeHistory,
  writeImportedMembers,
} from "./segment-member-sql.ts";
import {
  insertSegment,
  liveSegments,
  markSegmentBuilt,
  type SegmentRow,
  segmentIdTaken,
  segmentRow,
  softDeleteSegment,
  updateSegment,
  workspacesWithDynamicSegments,
} from "./segment-rows.ts";
import type { SegmentRecord, SegmentService } from "./segment-types.ts";
import { loadSegmentUses, type SegmentUses } from "./segment-uses.ts";
import { validSegmentDefinition } from "./segment-validation.ts";

/** At most this many skipped CSV lines are listed in an import's answer. */
const SKIPPED_LISTED = 100;

/**
 * The segment catalog on the runtime's `segments` table. `wallClock` dates what people read (created, edited);
 * `clock` (the engine's, which a demo moves) dates membership: imports, estimates, the hourly size points.
 */
export function createSegmentService(
  store: Store,
  clock: Clock,
  wallClock: Clock = clock,
  /** Told after every change of a definition (the engine's cache of them refreshes at once). */
  onChange: () => void = () => {},
): SegmentService {
  const partitions = store.partitions;
  const population = cachedPopulation();
  const live = async (workspaceId: string, id: string): Promise<SegmentRow> => {
    const row = await segmentRow(store.sql, workspaceId, id);
    if (!row || row.deletedAt !== null)
      throw new InputError("not_found", `No segment '${id}' in this workspace`, [
        { path: "id", code: "not_found", message: id },
      ]);
    return row;
  };
  const recordOf = (row: SegmentRow, size: number, uses: SegmentUses): SegmentRecord => {
    const ready = row.builtVersion >= row.version;
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      kind: row.kind,
      rule: row.rule,
      size,
      status: ready ? "ready" : "building",
      built: { partitions: ready ? partitions : Math.min(row.builtPartitions, partitions), of: partitions },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      usedBy: uses.usedBy(row.id),
    };
  };
  const describe = async (workspaceId: string, rows: SegmentRow[]): Promise<SegmentRecord[]> => {
    const all = await liveSegments(store.sql, workspaceId);
    const [sizes, uses] = await Promise.all([
      segmentSizes(store.sql, workspaceId),
      loadSegmentUses(store, workspaceId, all),
    ]);
    return rows.map((row) => recordOf(row, sizes.get(row.id) ?? 0, uses));
  };
  const one = async (workspaceId: string, row: SegmentRow): Promise<SegmentRecord> =>
    (await describe(workspaceId, [row]))[0] as SegmentRecord;

  const service: SegmentService = {
    list: (workspaceId) => liveSegments(store.sql, workspaceId),
    workspacesWithSegments: () => workspacesWithDynamicSegments(store.sql),
    markBuilt: (workspaceId, segmentId, version, builtPartitions) =>
      markSegmentBuilt(store.sql, { workspaceId, segmentId, version }, builtPartitions, partitions),

    async create(workspaceId, input, options = {}) {
      const segments = await liveSegments(store.sql, workspaceId);
      const definition = await validSegmentDefinition(store, workspaceId, input, segments, null);
      const taken = (id: string) => segmentIdTaken(store.sql, workspaceId, id);
      const wanted = options.id && SEGMENT_ID_PATTERN.test(options.id) ? options.id : slugOf(definition.name);
      const now = wallClock.now();
      // A concurrent create may take the free id between the look and the insert: look again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const row = newRow(workspaceId, await freeId(wanted, taken), definition, now);
        if (await insertSegment(store.sql, row)) {
          onChange();
          return one(workspaceId, row);
        }
      }
      throw new InputError("conflict", `Could not find a free id for '${definition.name}'; try again`);
    },

    async seed(workspaceId, definitions) {
      const created: string[] = [];
      for (const { id, ...definition } of definitions) {
        if (await segmentIdTaken(store.sql, workspaceId, id)) continue;
        created.push((await service.create(workspaceId, definition as SegmentDefinition, { id })).id);
      }
      return created;
    },

    async update(workspaceId, id, input) {
      const row = await live(workspaceId, id);
      const segments = await liveSegments(store.sql, workspaceId);
      const definition = await validSegmentDefinition(store, workspaceId, input, segments, id);
      if (definition.kind !== row.kind)
        throw new InputError("invalid_input", `Segment '${id}' is ${row.kind}; its kind cannot change`, [
          { path: "kind", code: "invalid_value", message: `keep "${row.kind}", or create a new segment` },
        ]);
      const rule = definition.kind === "dynamic" ? definition.rule : null;
      const ruleChanged = JSON.stringify(rule) !== JSON.stringify(row.rule);
      const next: SegmentRow = {
        ...row,
        name: definition.name,
        description: definition.description ?? null,
        rule,
        // A new rule is built again for everyone, partition by partition; until then the old members stand.
        ...(ruleChanged ? { version: row.version + 1, builtPartitions: 0 } : {}),
        updatedAt: wallClock.now(),
      };
      if (!(await updateSegment(store.sql, next)))
        throw new InputError("not_found", `No segment '${id}' in this workspace`);
      onChange();
      return one(workspaceId, next);
    },

    async get(workspaceId, id) {
      const row = await live(workspaceId, id);
      const record = await one(workspaceId, row);
      const history = await sizeHistory(store.sql, { workspaceId, segmentId: id }, clock.now());
      return { ...record, sizeHistory: history };
    },

    async listSegments(workspaceId) {
      return describe(workspaceId, await liveSegments(store.sql, workspaceId));
    },

    async delete(workspaceId, id) {
      await live(workspaceId, id);
      const segments = await liveSegments(store.sql, workspaceId);
      const blockers = (await loadSegmentUses(store, workspaceId, segments)).blockers(id);
      if (blockers.length > 0)
        throw new InputError(
          "segment_in_use",
          `Segment '${id}' is needed by ${blockers.length} live journey(s) or segment(s); change or archive them first`,
          blockers,
        );
      if (!(await softDeleteSegment(store.sql, workspaceId, id, wallClock.now())))
        throw new InputError("not_found", `No segment '${id}' in this workspace`);
      onChange();
    },

    estimate: (workspaceId, rule) => estimateSegment(store, workspaceId, rule, clock.now(), { population }),

    async members(workspaceId, id, page) {
      await live(workspaceId, id);
      const found = await memberPage(store.sql, { workspaceId, segmentId: id }, page);
      const total = (await segmentSizes(store.sql, workspaceId)).get(id) ?? 0;
      return { ...found, total };
    },

    async importMembers(workspaceId, id, input) {
      const row = await live(workspaceId, id);
      if (row.kind !== "static")
        throw new InputError("invalid_state", `Segment '${id}' is dynamic: its rule decides its members`, [
          { path: "id", code: "not_static", message: "import members into a static segment" },
        ]);
      const { ids, skipped } = readCustomerIdCsv(input.csv);
      const now = clock.now();
      const { added, removed } = await writeImportedMembers(
        store.sql,
        { workspaceId, segmentId: id, partitions },
        ids,
        { mode: input.mode, now },
      );
      await announce(store, { workspaceId, segmentId: id, now }, added, removed);
      const size = (await segmentSizes(store.sql, workspaceId)).get(id) ?? 0;
      return { imported: added.length, size, skipped: skipped.slice(0, SKIPPED_LISTED) };
    },

    recordSizes: (now) => recordSegmentSizes(store.sql, now),
  };
  return service;
}

function newRow(workspaceId: string, id: string, definition: SegmentDefinition, now: number): SegmentRow {
  const dynamic = definition.kind === "dynamic";
  return {
    workspaceId,
    id,
    name: definition.name,
    description: definition.description ?? null,
    kind: definition.kind,
    rule: dynamic ? definition.rule : null,
    version: 1,
    // A static segment has nothing to build; a dynamic one waits for its first build.
    builtVersion: dynamic ? 0 : 1,
    builtPartitions: 0,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
}

/**
 * Stores `$segment.entered` / `$segment.left` for the customers an import added or removed, so journeys that start on
 * entering the segment (or leave on leaving it) see an import like any other membership change. Event ids are
 * derived from the change, so a retried call stores each once.
 */
async function announce(
  store: Store,
  change: { workspaceId: string; segmentId: string; now: number },
  added: string[],
  removed: string[],
): Promise<void> {
  const event = (customerId: string, name: string) => ({
    workspaceId: change.workspaceId,
    id: `${name}:${change.segmentId}:${customerId}:${change.now}`,
    customerId,
    name,
    properties: { segmentId: change.segmentId },
    at: change.now,
    receivedAt: change.now,
  });
  const events = [...added.map((id) => event(id, SEGMENT_ENTERED)), ...removed.map((id) => event(id, SEGMENT_LEFT))];
  for (let i = 0; i < events.length; i += 1000) await store.insertEvents(events.slice(i, i + 1000));
}
