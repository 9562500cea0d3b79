import type { Json, SegmentDefinition, SegmentRule } from "@overture/core";
import type { SegmentDefinitions } from "./segment-ports.ts";

/** A journey that names a segment (trigger, schedule audience, branch arm, exit criterion), in its draft or live. */
export type SegmentUse = { journeyId: string; name: string; status: string };

/** A segment as the API lists and reads it (the contract's `Segment`). */
export type SegmentRecord = {
  id: string;
  name: string;
  description: string | null;
  kind: "dynamic" | "static";
  rule: SegmentRule | null;
  /** Customers in the segment now. */
  size: number;
  /** building: membership is being computed for everyone after a create or a rule change. */
  status: "building" | "ready";
  built: { partitions: number; of: number };
  createdAt: number;
  updatedAt: number;
  usedBy: SegmentUse[];
};

/** A segment with its size over time, one point per hour, oldest first. */
export type SegmentDetail = SegmentRecord & { sizeHistory: Array<{ at: number; size: number }> };

/** One page of a segment's members, in customer id order. */
export type SegmentMembersPage = {
  members: Array<{ customerId: string; since: number; attributes: Record<string, Json> }>;
  next: string | null;
  total: number;
};

/** How many customers a rule would hold now, and how sure that is (a 95% interval). */
export type SegmentEstimate = {
  estimate: number;
  low: number;
  high: number;
  exact: boolean;
  sampled: number;
  population: number;
  ms: number;
};

/** What a CSV import did: customers added, the size after, and the lines it could not use (at most 100). */
export type SegmentImportResult = {
  imported: number;
  size: number;
  skipped: Array<{ line: number; reason: string }>;
};

/**
 * Segments as product (issue 14): the definitions the membership side reads ({@link SegmentDefinitions}) plus what the
 * API offers: create, change, read with size and uses, delete (refused while a live journey needs the segment),
 * estimate a rule, page members, import a static segment's members, and record sizes hourly.
 */
export type SegmentService = SegmentDefinitions & {
  /** Creates a segment; its id is a slug of its name, unique in the workspace (or `options.id` when free). */
  create(workspaceId: string, input: SegmentDefinition, options?: { id?: string }): Promise<SegmentRecord>;
  /**
   * Creates each of `definitions` under its own id unless that id was ever used in the workspace (so a segment the user
   * deleted is not brought back): an example's segments loaded at every start. Returns the ids it created.
   */
  seed(workspaceId: string, definitions: Array<SegmentDefinition & { id: string }>): Promise<string[]>;
  /** Changes name, description or rule; a rule change raises the version and starts a build. */
  update(workspaceId: string, id: string, input: SegmentDefinition): Promise<SegmentRecord>;
  get(workspaceId: string, id: string): Promise<SegmentDetail>;
  /** The workspace's live segments, by name. */
  listSegments(workspaceId: string): Promise<SegmentRecord[]>;
  /** Soft delete. InputError `segment_in_use` naming every live journey and segment that needs it. */
  delete(workspaceId: string, id: string): Promise<void>;
  estimate(workspaceId: string, rule: SegmentRule): Promise<SegmentEstimate>;
  members(workspaceId: string, id: string, page: { after?: string; limit: number }): Promise<SegmentMembersPage>;
  importMembers(
    workspaceId: string,
    id: string,
    input: { csv: string; mode: "replace" | "add" },
  ): Promise<SegmentImportResult>;
  /** Records every live segment's size for the hour of `now` once (a second call in the same hour does nothing). */
  recordSizes(now: number): Promise<number>;
};
