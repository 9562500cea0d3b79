import type { JourneyFact, SegmentRule } from "@overture/core";

/**
 * The seams of the segment runtime (issue 14), fixed before it was built so two people could build it at once:
 * definitions (the `segments` table: create, change, delete; owned by `segment-catalog`) and membership (the
 * `segment_members`, `segment_rechecks` and `segment_counts` tables, kept current in the engine's batch path and by
 * builds; owned by `segment-membership`).
 */

/** A segment definition as the engine and builds read it. `version` goes up with every rule change. */
export type SegmentDefinitionRow = {
  workspaceId: string;
  id: string;
  name: string;
  kind: "dynamic" | "static";
  /** Null for a static segment. */
  rule: SegmentRule | null;
  version: number;
  /** The version membership was last fully built for; < version while a build runs. */
  builtVersion: number;
  /** Partitions built for `version` so far (a build goes partition by partition, each in its partition's lock). */
  builtPartitions: number;
  deletedAt: number | null;
};

/** The definitions side, read by the membership side (engine, builds, estimates). */
export type SegmentDefinitions = {
  /** The workspace's live (not deleted) segments; dynamic and static. */
  list(workspaceId: string): Promise<SegmentDefinitionRow[]>;
  /** Workspaces that have at least one live dynamic segment (the engine skips the rest at no cost). */
  workspacesWithSegments(): Promise<string[]>;
  /** Records a build's progress: `builtPartitions` for `version` (and builtVersion = version once all are done). */
  markBuilt(workspaceId: string, segmentId: string, version: number, builtPartitions: number): Promise<void>;
};

/** A change of one customer's membership, written in the batch that decided it. */
export type SegmentChange = {
  workspaceId: string;
  segmentId: string;
  customerId: string;
  member: boolean;
  at: number;
  /**
   * Store the `$segment.entered` / `$segment.left` event for the customer (journeys start and leave on it). False for
   * a build's first decisions, which only record who is in (a segment created today does not "enter" everyone).
   */
  announce: boolean;
};

/** When to decide one customer's membership of one segment again (null: no timer). */
export type SegmentRecheck = { workspaceId: string; segmentId: string; customerId: string; at: number | null };

/** The membership reads the batch path and builds make inside a partition transaction. */
export type SegmentMembershipReads = {
  /** Which segments each of these customers is in now. */
  memberships(workspaceId: string, customerIds: string[]): Promise<Map<string, Set<string>>>;
  /** Journey facts (issue 14 journey rules) of these customers. */
  journeyFacts(workspaceId: string, customerIds: string[]): Promise<Map<string, JourneyFact[]>>;
  /** Rechecks due by `now` in the transaction's partitions. */
  dueRechecks(
    now: number,
    limit: number,
  ): Promise<Array<{ workspaceId: string; segmentId: string; customerId: string }>>;
};
