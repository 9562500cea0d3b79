import type { ChannelStepSpec, JourneyCatalog } from "@overture/core";
import type { ChannelHandler, Clock, Problem, SecretBox, SqlMigration, Store } from "@overture/runtime";
import type { z } from "zod";
import type { CustomerDataPart } from "./customer-data-part.ts";
import type { FrequencyCap } from "./policy/policy-settings.ts";

/**
 * One field of a channel step's panel in the editor, described as data so that a new channel needs no editor code.
 * `template` is Liquid text with the variable picker (and an optional counter under it, e.g. SMS segments); `custom`
 * names one of the editor's rich editors (the email block editor, the webhook payload builder) for the channels
 * that have one.
 */
export type PanelField =
  | { kind: "text"; key: string; label: string; help?: string; placeholder?: string; required?: boolean }
  | {
      kind: "template";
      key: string;
      label: string;
      help?: string;
      rows?: number;
      required?: boolean;
      /** Shown under the field as the text changes: "2 segments, GSM-7 (148 of 306 characters)". Pure. */
      counter?: (text: string) => string;
    }
  | { kind: "url"; key: string; label: string; help?: string; required?: boolean }
  | { kind: "duration"; key: string; label: string; help?: string }
  | { kind: "select"; key: string; label: string; help?: string; options: Array<{ value: string; label: string }> }
  | { kind: "custom"; editor: "email" | "notification" | "personalize" | "webhook" };

/**
 * A channel's provider settings form on the Settings screen, as data: `GET path` answers `{ settings, usesDevSink }`
 * (settings null until saved; secrets masked), `PUT path` takes the fields. Refusals name their field.
 */
export type ChannelSettingsForm = {
  path: string;
  title: string;
  help: string;
  fields: Array<{ key: string; label: string; placeholder?: string; secret?: boolean; hint?: string }>;
};

/** How the editor previews a step: the server's preview answer is drawn by the editor's renderer of that kind. */
export type PreviewKind = "html" | "text-message" | "push-card" | "notification-card";

/** The browser-safe part of a channel module: what the core and the editor need. No I/O, no Node built-ins. */
export type ChannelStepUi = {
  spec: ChannelStepSpec;
  /** One glyph for the palette and the canvas card. */
  icon: string;
  /** One sentence for the palette: what the step does for the customer. */
  description: string;
  /** What it sends, one and many ("email"/"emails", "text"/"texts"), for the policy's screen and notes; none: no row. */
  nouns?: { one: string; many: string };
  /** The fields of a new step of this kind, as the palette inserts it. */
  defaults: Record<string, unknown>;
  panel: PanelField[];
  preview?: PreviewKind;
  /** True when what it does happens out of the customer's sight (a webhook): the service blueprint's backstage lane. */
  backstage?: boolean;
  /** Its provider settings, when the workspace configures its own account (SMS). */
  settings?: ChannelSettingsForm;
};

/** What a channel's handler, preview, routes and dev sink are given by whoever wires the runtime (serve, worker). */
export type ChannelDeps = {
  store: Store;
  clock: Clock;
  /** Seals secrets at rest (provider tokens, VAPID private keys). */
  secrets: SecretBox;
  env: Record<string, string | undefined>;
  /** The API's public address, for links (known once listening). */
  publicUrl: () => string;
  /** Where `npm start` keeps its files (the dev sinks' data, keys generated for the demo). */
  dataDir: string;
  /** True under `npm start --demo`: dev sinks run and unconfigured channels use them. */
  demo: boolean;
  /** The dev sinks started so far, by channel: a channel without provider settings sends to its own. */
  devSinks: ReadonlyMap<string, DevSink>;
};

/**
 * A local stand-in for a channel's provider that `npm start` runs (the mailbox, the SMS inbox, the push service): a
 * real server on loopback, and pages showing what arrived. `page` answers under its `path` with the standard fetch
 * Request and Response, so the server mounts it without knowing the channel.
 */
export type DevSink = {
  channel: string;
  /** Where the sink listens for the provider protocol (http://127.0.0.1:port or smtp://127.0.0.1:port). */
  url: string;
  page?: { path: string; title: string; handle(request: Request): Promise<Response> };
  close(): Promise<void>;
};

/** An HTTP route a channel adds (SMS inbound keywords, push subscriptions), mounted and documented by the server. */
export type ChannelRoute = {
  method: "get" | "post" | "put" | "delete";
  /** Hono syntax: `/v1/sms/inbound/:workspaceId`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** `secret`: management key; `write`: ingestion key; `customer`: a portal call with the customer's token; `none`. */
  auth: "secret" | "write" | "customer" | "none";
  /**
   * The permission of the API contract's table (`PERMISSIONS`, e.g. "settings.manage") a caller needs. Without it: a
   * customer route needs "portal.customer", a write route "events.ingest", a secret GET "workspace.read" and any
   * other secret route "settings.manage".
   */
  permission?: string;
  /** JSON body; a route that takes a provider's form post says `form: true` and gets the fields as strings. */
  body?: z.ZodType;
  form?: boolean;
  success: { status: 200 | 201; description: string; schema?: z.ZodType };
  errors?: number[];
  handle(input: ChannelRouteInput): Promise<unknown>;
};

export type ChannelRouteInput = {
  deps: ChannelDeps;
  /** The authenticated workspace (from the key or the customer token), or the path's for `none`. */
  workspaceId: string;
  /** The customer a `customer` route acts for. */
  customerId?: string;
  body: unknown;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Headers;
  /** The full URL the request was made to (providers sign it). */
  url: string;
};

/** What the editor's preview of a step shows for one sample customer. */
export type ChannelPreview =
  | { kind: "html"; subject?: string; html: string; text?: string }
  | { kind: "text-message"; from?: string; to?: string; body: string; segments?: number; encoding?: string }
  | { kind: "push-card"; title: string; body: string; url?: string; icon?: string }
  | { kind: "notification-card"; title: string; body: string; link?: string };

/**
 * A channel, in one folder (`packages/channels/src/<channel>/`) and one line of `registry.ts`: its step, its policy
 * defaults, its tables, its checks, its preview, its handler, its routes and its dev sink.
 */
export type ChannelModule = {
  ui: ChannelStepUi;
  /** Policy defaults: the consent attribute it checks (`consent.<consent>`), quiet hours, a cap, opt-in. */
  policy: { consent: string; quietHours: boolean; cap: FrequencyCap | null; optIn?: boolean };
  /** Its own tables, applied with `store.sql.migrate` (both dialects in each migration). */
  tables?: SqlMigration[];
  /** The customer rows its tables keep (or a feature's it relies on): exported and erased with the customer (issue 13). */
  customerData?: CustomerDataPart[];
  /** Checks needing channel code (Liquid in the sandbox), on a whole draft; each problem names its step's path. */
  problems?(draft: unknown): Promise<Problem[]>;
  /** What its steps may name that lives in its tables (templates, endpoints), for validateJourney. */
  catalog?(store: Store, workspaceId: string): Promise<JourneyCatalog>;
  preview?(
    input: { workspaceId: string; step: Record<string, unknown>; customer: Record<string, unknown> },
    deps: ChannelDeps,
  ): Promise<ChannelPreview>;
  /**
   * The dispatcher's handler; null when the channel is not configured (its rows wait, as email's without SMTP).
   * Absent only for email and webhooks, whose set-up (`setUpEmail`, `setUpDelivery`) also makes what their routes
   * share with the handler (the SMTP sender and mailbox, the endpoints' sealed secrets).
   */
  handler?(deps: ChannelDeps): Promise<ChannelHandler | null>;
  devSink?(deps: ChannelDeps): Promise<DevSink>;
  routes?: ChannelRoute[];
};
