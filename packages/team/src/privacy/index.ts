export * from "./customer-rights.ts";
export * from "./privacy.ts";
export * from "./retention-job.ts";
export * from "./retention-settings.ts";
