import { CURRENT_SCHEMA_VERSION } from "../model/journey.ts";
import { type JourneyMigration, v0ToV1 } from "./v0-to-v1.ts";

/** The migrations, in order: the one at index N takes a document from schema version N to N + 1. */
export const JOURNEY_MIGRATIONS: readonly JourneyMigration[] = [v0ToV1];

/** What migrateJourney did: the document it produced, the version it read and the one it wrote, and the migrations applied. */
export type JourneyMigrationResult = { document: unknown; from: number | null; to: number; applied: string[] };

/**
 * The schema version a document says it has: 0 for a document without `schemaVersion` (version 0 had none), null
 * when it is not an object or its `schemaVersion` is not a whole number.
 */
export function schemaVersionOf(document: unknown): number | null {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return null;
  const version = (document as Record<string, unknown>).schemaVersion;
  if (version === undefined) return 0;
  return typeof version === "number" && Number.isInteger(version) && version >= 0 ? version : null;
}

/**
 * Brings a journey document up to CURRENT_SCHEMA_VERSION by applying the numbered migrations one after the other,
 * without changing the input. A document that is current, newer than this code knows, or not recognisable is
 * returned as it is with nothing applied (`to` is then `from`, or the current version when `from` is null);
 * validateJourney reports the unsupported cases. See SPEC.md M1…
 */
export function migrateJourney(document: unknown): JourneyMigrationResult {
  const from = schemaVersionOf(document);
  if (from === null || from >= CURRENT_SCHEMA_VERSION)
    return { document, from, to: from ?? CURRENT_SCHEMA_VERSION, applied: [] };
  // Migrations build new objects and never change their input, so the caller's document stays as it was.
  let current = document as Record<string, unknown>;
  const applied: string[] = [];
  for (let version = from; version < CURRENT_SCHEMA_VERSION; version++) {
    const migration = JOURNEY_MIGRATIONS[version];
    if (!migration) throw new Error(`no journey migration from schema version ${version}`);
    const { schemaVersion: _old, ...rest } = migration.migrate(current);
    current = { schemaVersion: version + 1, ...rest };
    applied.push(migration.id);
  }
  return { document: current, from, to: CURRENT_SCHEMA_VERSION, applied };
}
