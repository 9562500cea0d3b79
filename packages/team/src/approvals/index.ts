export * from "./approval-store.ts";
export * from "./approvals.ts";
