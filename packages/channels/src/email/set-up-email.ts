import { join } from "node:path";
import { type Overture, previousSecretsFromEnv } from "@overture/runtime";
import { type DevSmtpServer, startDevSmtpServer } from "../mailbox/dev-smtp-server.ts";
import { createMailbox, type Mailbox } from "../mailbox/mailbox.ts";
import { createEmailChannel } from "./email-channel.ts";
import type { ResolveRecommendations } from "./email-context.ts";
import { createEmailService, type EmailService } from "./email-service.ts";
import { createEmailTracking, type EmailTracking } from "./email-tracking.ts";
import { loadSigningSecret } from "./signing-secret.ts";
import { smtpPoolFromEnv } from "./smtp-pool.ts";
import { createSmtpSender, type EmailSender } from "./smtp-sender.ts";
import { unconfiguredSender } from "./unconfigured-sender.ts";

/** Options of {@link setUpEmail}. */
export type SetUpEmailOptions = {
  /** Holds the signing secret and the mailbox file. */
  dataDir: string;
  /** A real SMTP server (`SMTP_URL`); when absent, see `devMailbox`. */
  smtpUrl?: string;
  /**
   * Without `smtpUrl`: true (demo and tests) starts the development SMTP server on loopback and its mailbox; false
   * (the default, production) sends nothing and keeps every email in the outbox as a transient
   * `smtp_not_configured` failure, to go out once SMTP_URL is set.
   */
  devMailbox?: boolean;
  /** The From address (`EMAIL_FROM`). */
  from?: string;
  /** The server's public address, as links in emails must reach it (a function when known only once listening). */
  baseUrl: string | (() => string);
  portalUrl?: string | (() => string) | undefined;
  resolveRecommendations?: ResolveRecommendations;
  env?: Record<string, string | undefined>;
};

/** Email wired into a running Overture: what the server needs, the SMTP address, and how to stop it. */
export type EmailSetup = {
  service: EmailService;
  tracking: EmailTracking;
  smtpUrl: string;
  /** The development mailbox, when no SMTP_URL was given and `devMailbox` asked for it. */
  mailbox: Mailbox | null;
  /** False when email cannot be sent: no SMTP_URL outside demo mode. */
  configured: boolean;
  /** The SMTP sender and From address, for the product's own emails (invitations, password resets). */
  sender: EmailSender;
  from: string;
  close(): Promise<void>;
};

/**
 * Plugs email into an opened Overture: the signing secret, the SMTP sender (the given server; or in demo mode the
 * development SMTP server on loopback with its mailbox in `dataDir/mailbox.jsonl`; or, unconfigured, a sender that
 * holds every email back as a transient failure), the email channel registered with the dispatcher,
 * and the preview, test-send and tracking services the server's routes call. Tracked links are signed with the
 * current secret and checked against it and OVERTURE_SECRET_PREVIOUS.
 */
export async function setUpEmail(
  overture: Pick<Overture, "store" | "dispatcher" | "customers" | "events">,
  options: SetUpEmailOptions,
): Promise<EmailSetup> {
  const signingSecret = loadSigningSecret(options.dataDir, options.env);
  const pool = smtpPoolFromEnv(options.env ?? {});
  let dev: DevSmtpServer | null = null;
  let mailbox: Mailbox | null = null;
  if (!options.smtpUrl && options.devMailbox) {
    mailbox = createMailbox({ file: join(options.dataDir, "mailbox.jsonl") });
    dev = await startDevSmtpServer(mailbox);
  }
  const smtpUrl = options.smtpUrl ?? dev?.url ?? "";
  const sender = smtpUrl ? createSmtpSender(smtpUrl, pool) : unconfiguredSender();
  const from = options.from ?? '"Overture" <hello@overture.localhost>';
  const shared = {
    from,
    baseUrl: options.baseUrl,
    portalUrl: options.portalUrl,
    resolveRecommendations: options.resolveRecommendations,
  };
  overture.dispatcher.register(createEmailChannel({ ...shared, store: overture.store, sender, signingSecret }));
  return {
    service: createEmailService({ ...shared, customers: overture.customers, sender }),
    // New links are signed with the current secret; links in emails sent before a rotation still verify.
    tracking: createEmailTracking([signingSecret, ...previousSecretsFromEnv(options.env)], overture),
    smtpUrl,
    mailbox,
    configured: smtpUrl !== "",
    sender,
    from,
    async close() {
      sender.close();
      await dev?.close();
    },
  };
}
