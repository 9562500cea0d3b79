export * from "./onboarding-journey.ts";
export * from "./onboarding-oracle.ts";
export * from "./postgres.ts";
export * from "./store-targets.ts";
