export * from "./audit-log.ts";
export * from "./audit-migrations.ts";
export * from "./audit-pruning.ts";
export * from "./document-diff.ts";
