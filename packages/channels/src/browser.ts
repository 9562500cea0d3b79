/**
 * The browser-safe half of the channels: each channel's step (fields, payload, checks, summary, palette entry and
 * panel fields) and the registry of them. No Node built-ins and no I/O reach the editor's bundle from here.
 */
export type {
  ChannelPreview,
  ChannelSettingsForm,
  ChannelStepUi,
  PanelField,
  PreviewKind,
} from "./channel-module.ts";
export * from "./email/email-step.ts";
export * from "./notifications/notification-step.ts";
export * from "./registry.browser.ts";
export * from "./slots/personalize-step.ts";
export * from "./webhook/webhook-step.ts";
