import { migrateJourney } from "../migrate/migrate-journey.ts";
import { CURRENT_SCHEMA_VERSION, JourneyDocument } from "../model/journey.ts";
import { Step } from "../model/step.ts";
import type { JourneyCatalog, JourneyProblem, JourneyValidation } from "./journey-problem.ts";
import { isRecord, problem, showValue } from "./problem-text.ts";
import { schemaProblems } from "./schema-problems.ts";
import { exitSegmentProblems } from "./segment-references.ts";
import { settingsProblems } from "./settings-problems.ts";
import { graphProblems } from "./step-graph.ts";
import { stepProblems } from "./step-problems.ts";

/** Document-level problems first, then each step's in document order (the sort is stable). */
function order(problems: JourneyProblem[]): JourneyProblem[] {
  const rank = (p: JourneyProblem) => {
    const match = /^steps\[(\d+)\]/.exec(p.path);
    return match ? Number(match[1]) : -1;
  };
  return problems
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ p }) => p);
}

function unsupportedVersion(input: unknown, from: number | null): JourneyProblem | null {
  if (from !== null && from <= CURRENT_SCHEMA_VERSION) return null;
  if (from === null && !(isRecord(input) && input.schemaVersion !== undefined)) return null;
  const message =
    from === null
      ? `The journey's schemaVersion ${showValue(isRecord(input) ? input.schemaVersion : input)} is not a version number; this version of Overture reads versions 0 to ${CURRENT_SCHEMA_VERSION}`
      : `The journey was saved by a newer version of Overture (schema version ${from}); this version reads versions 0 to ${CURRENT_SCHEMA_VERSION}. Upgrade Overture to open it`;
  return problem("schema-version-unsupported", message, "schemaVersion");
}

/**
 * Checks a journey document and returns every problem at once, each with a stable code, a message for business
 * users, a path and the id of the step concerned. Older schema versions are migrated first (problem paths refer to
 * the migrated document). Slots, templates, endpoints and content ids are checked only when the catalog lists them.
 * `document` is the parsed document whenever it fits the schema, even if other problems remain. See SPEC.md V1…
 */
export function validateJourney(document: unknown, catalog: JourneyCatalog = {}): JourneyValidation {
  const migrated = migrateJourney(document);
  const unsupported = unsupportedVersion(document, migrated.from);
  if (unsupported) return { valid: false, document: null, problems: [unsupported] };

  const raw = migrated.document;
  const parsed = JourneyDocument.safeParse(raw);
  const problems = parsed.success ? [] : schemaProblems(parsed.error.issues, raw);

  if (isRecord(raw)) {
    problems.push(...settingsProblems(raw.settings), ...exitSegmentProblems(raw.settings, catalog));
    if (Array.isArray(raw.steps)) {
      problems.push(...graphProblems(raw.steps));
      raw.steps.forEach((candidate, index) => {
        const step = Step.safeParse(candidate);
        if (step.success) problems.push(...stepProblems(step.data, index, catalog));
      });
    }
  }
  const all = order(problems);
  return { valid: all.length === 0, document: parsed.success ? parsed.data : null, problems: all };
}
