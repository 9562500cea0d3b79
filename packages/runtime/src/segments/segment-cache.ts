import type { SegmentNeeds, SegmentRule } from "@overture/core";
import { segmentNeeds, segmentOrder } from "@overture/core";
import type { SegmentDefinitionRow, SegmentDefinitions } from "./segment-ports.ts";

/** A workspace's live dynamic segments as the batch path decides them: in dependency order, with what they read. */
export type WorkspaceSegments = {
  /** Dynamic segments, each after the segments its rule reads. */
  ordered: Array<SegmentDefinitionRow & { rule: SegmentRule }>;
  /** What all of them read together: the facts loaded once per batch. */
  needs: SegmentNeeds;
};

/**
 * The segment definitions of the workspaces that have any, refreshed at most every second of wall time (as the
 * VersionCache refreshes live journeys): another process's new segment is seen within that, this process's at once
 * (invalidate). A workspace without a live dynamic segment costs the batch path one map lookup.
 */
export class SegmentCache {
  private byWorkspace = new Map<string, WorkspaceSegments>();
  private refreshedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly definitions: SegmentDefinitions) {}

  invalidate(): void {
    this.refreshedAt = Number.NEGATIVE_INFINITY;
  }

  async refresh(maxAgeMs = 1_000): Promise<void> {
    const wall = performance.now();
    if (wall - this.refreshedAt < maxAgeMs) return;
    this.refreshedAt = wall;
    const next = new Map<string, WorkspaceSegments>();
    for (const workspaceId of await this.definitions.workspacesWithSegments()) {
      const dynamic = (await this.definitions.list(workspaceId)).filter(
        (d): d is SegmentDefinitionRow & { rule: SegmentRule } =>
          d.kind === "dynamic" && d.rule !== null && d.deletedAt === null,
      );
      if (dynamic.length === 0) continue;
      const byId = new Map(dynamic.map((d) => [d.id, d]));
      const ordered = segmentOrder(dynamic).order.map((id) => byId.get(id)!);
      next.set(workspaceId, { ordered, needs: segmentNeeds(...ordered.map((d) => d.rule)) });
    }
    this.byWorkspace = next;
  }

  of(workspaceId: string): WorkspaceSegments | undefined {
    return this.byWorkspace.get(workspaceId);
  }

  /** Whether a profile change in this workspace can change a membership (its upserts then queue `$profile.updated`). */
  readsAttributes(workspaceId: string): boolean {
    return this.byWorkspace.get(workspaceId)?.needs.attributes ?? false;
  }

  all(): Map<string, WorkspaceSegments> {
    return this.byWorkspace;
  }

  get definitionsPort(): SegmentDefinitions {
    return this.definitions;
  }
}
