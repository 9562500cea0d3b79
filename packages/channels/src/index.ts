// Each channel folder exports its handler and its data access; this index gathers them.
export * from "./policy/delivery-policy.ts";
export * from "./policy/policy-settings.ts";
export * from "./policy/quiet-hours.ts";
export * from "./webhook/address-policy.ts";
export * from "./webhook/outbox-admin.ts";
export * from "./webhook/signature.ts";
export * from "./webhook/webhook-channel.ts";
export * from "./webhook/webhook-endpoints.ts";
