import {
  type ChannelsSetup,
  type EmailSetup,
  ensurePortalSchemas,
  loadSigningSecret,
  recommendationsFromLibrary,
  registryConsentKinds,
  registryDeliveryPolicy,
  resealIdentitySecrets,
  setUpChannels,
  setUpDelivery,
  setUpEmail,
  smtpPoolFromEnv,
} from "@overture/channels";
import { InputError, type Overture, secretBoxFromEnv } from "@overture/runtime";
import { CommandError } from "./usage.ts";

/** Options of {@link wireChannels}. */
export type WireChannelsOptions = {
  /** Holds the signing secret (unless OVERTURE_SECRET is set) and the development mailbox. */
  dataDir: string;
  /** The public address of the API, for links in emails; a function, as `serve` knows it only once listening. */
  publicUrl: () => string;
  /** Demo mode: without SMTP_URL, start the development SMTP server and its mailbox (else email waits for SMTP_URL). */
  devMailbox?: boolean;
  env?: Record<string, string | undefined>;
};

/** The channels wired into a runtime: email's set-up (the server's email routes use it) and the channel modules'. */
export type WiredChannels = { email: EmailSetup; channels: ChannelsSetup; close(): Promise<void> };

/**
 * Plugs the real channel handlers into an opened runtime's dispatcher, the same way in `serve` and in `worker`:
 * webhooks and the delivery policy around every handler, email (SMTP_URL; else in demo mode the development SMTP
 * server and its mailbox, and outside it nothing sent until SMTP_URL is set), then every channel module of the
 * registry (`setUpChannels`). Returns both set-ups (the server's routes use them).
 */
export async function wireChannels(overture: Overture, options: WireChannelsOptions): Promise<WiredChannels> {
  const env = options.env ?? process.env;
  // A bad SMTP_POOL_*/SMTP_RATE_LIMIT stops the start naming the variable, before anything is opened.
  try {
    smtpPoolFromEnv(env);
  } catch (error) {
    throw error instanceof InputError ? new CommandError(error.message) : error;
  }
  // Webhook secrets and endpoint headers are sealed at rest with a key derived from the server's secret.
  const secrets = secretBoxFromEnv(loadSigningSecret(options.dataDir, env), env);
  // The policy's defaults and the consent each channel checks come from the channel modules of the registry.
  const sealing = await setUpDelivery(overture, {
    secrets,
    allow: env.OVERTURE_WEBHOOK_ALLOW,
    policy: registryDeliveryPolicy(),
    consent: registryConsentKinds(),
  });
  await ensurePortalSchemas(overture.store);
  // Identity secrets are sealed by the same box (setUpDelivery set it for the store); rows in clear or sealed with a previous secret are sealed again.
  const identity = await resealIdentitySecrets(overture.store);
  const unreadable = [...sealing.unreadable, ...identity.unreadable];
  if (unreadable.length > 0)
    console.warn(
      `[overture] cannot decrypt the secrets of ${unreadable.join(", ")}: set OVERTURE_SECRET_PREVIOUS to the secret that sealed them`,
    );
  const portalUrl = () => env.PORTAL_URL ?? `${options.publicUrl()}/portal`;
  const email = await setUpEmail(overture, {
    dataDir: options.dataDir,
    smtpUrl: env.SMTP_URL || undefined,
    devMailbox: options.devMailbox ?? false,
    from: env.EMAIL_FROM || undefined,
    baseUrl: options.publicUrl,
    portalUrl,
    resolveRecommendations: recommendationsFromLibrary(overture.store, portalUrl),
    env,
  });
  // Every other channel module of the registry (portal notifications, slots, SMS, web push…): tables, dev sink, handler.
  const channels = await setUpChannels(overture, {
    secrets,
    env,
    publicUrl: options.publicUrl,
    dataDir: options.dataDir,
    demo: options.devMailbox ?? false,
  });
  return {
    email,
    channels,
    async close() {
      await channels.close();
      await email.close();
    },
  };
}
