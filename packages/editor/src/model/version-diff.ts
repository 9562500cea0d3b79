import type { JourneyDocument, Step } from "@overture/core";

/** What publishing would change, by step id: steps added, removed, and changed (anything but their position). */
export type VersionDiff = { added: Step[]; removed: Step[]; changed: Step[]; settingsChanged: boolean };

/** Compares the draft with the running version (null when nothing was published yet: every step is new). */
export function diffVersions(running: JourneyDocument | null, draft: JourneyDocument): VersionDiff {
  const before = new Map((running?.steps ?? []).map((s) => [s.id, s]));
  const after = new Set(draft.steps.map((s) => s.id));
  const added = draft.steps.filter((s) => !before.has(s.id));
  const removed = (running?.steps ?? []).filter((s) => !after.has(s.id));
  const changed = draft.steps.filter((s) => {
    const old = before.get(s.id);
    return old !== undefined && canonical(withoutPosition(old)) !== canonical(withoutPosition(s));
  });
  // The simulated behaviours ride along in the settings but change nothing customers get.
  const settingsChanged =
    running !== null && canonical(withoutSimulation(running.settings)) !== canonical(withoutSimulation(draft.settings));
  return { added, removed, changed, settingsChanged };
}

function withoutSimulation(settings: JourneyDocument["settings"]): Omit<JourneyDocument["settings"], "simulation"> {
  const { simulation: _simulation, ...rest } = settings;
  return rest;
}

function withoutPosition(step: Step): Omit<Step, "position"> {
  const { position: _position, ...rest } = step;
  return rest;
}

/** JSON with sorted keys, so the order fields were written in does not count as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
