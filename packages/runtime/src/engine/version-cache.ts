import { compileJourney, type JourneyVersion } from "@overture/core";
import type { LiveJourney, Store } from "../store/store.ts";

/** Compiled journey versions (immutable, so cached for good) and the live journeys (refreshed each pass). */
export class VersionCache {
  private readonly versions = new Map<string, JourneyVersion>();
  private live = new Map<string, LiveJourney>();
  private liveByWorkspace = new Map<string, LiveJourney[]>();

  constructor(private readonly store: Store) {}

  private refreshedAt = Number.NEGATIVE_INFINITY;

  /** Forget the live journeys now (this process published, paused, resumed or archived one). */
  invalidate(): void {
    this.refreshedAt = Number.NEGATIVE_INFINITY;
  }

  /**
   * Reloads the live journeys at most every `maxAgeMs` of wall time: another host's publish or pause is seen
   * within that, this process's own changes at once (invalidate).
   */
  async refreshLive(maxAgeMs = 1_000): Promise<void> {
    const wall = performance.now();
    if (wall - this.refreshedAt < maxAgeMs) return;
    this.refreshedAt = wall;
    const rows = await this.store.liveJourneys();
    this.live = new Map(rows.map((j) => [`${j.workspaceId}\u0000${j.journeyId}`, j]));
    this.liveByWorkspace = new Map();
    for (const j of rows) {
      const list = this.liveByWorkspace.get(j.workspaceId) ?? [];
      list.push(j);
      this.liveByWorkspace.set(j.workspaceId, list);
    }
  }

  /** The journey's status if it is active or paused; undefined for drafts and archived journeys. */
  status(workspaceId: string, journeyId: string): "active" | "paused" | undefined {
    return this.live.get(`${workspaceId}\u0000${journeyId}`)?.status;
  }

  /** Every active journey, for the scheduler. */
  allActive(): LiveJourney[] {
    return [...this.live.values()].filter((j) => j.status === "active");
  }

  /** Active journeys of a workspace, for trigger matching. */
  activeJourneys(workspaceId: string): LiveJourney[] {
    return (this.liveByWorkspace.get(workspaceId) ?? []).filter((j) => j.status === "active");
  }

  async get(workspaceId: string, journeyId: string, version: number): Promise<JourneyVersion | undefined> {
    const key = `${workspaceId}\u0000${journeyId}\u0000${version}`;
    let compiled = this.versions.get(key);
    if (!compiled) {
      const record = await this.store.getVersion(workspaceId, journeyId, version);
      if (!record) return undefined;
      compiled = compileJourney(journeyId, version, record.document);
      this.versions.set(key, compiled);
    }
    return compiled;
  }
}
