import { PermanentError, TransientError } from "@overture/runtime";
import { createTransport } from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import { getNoDelaySocket } from "./nodelay-socket.ts";
import { defaultSmtpPool, type SmtpPool } from "./smtp-pool.ts";
import { textPart } from "./text-part.ts";

/** One message to send. `messageId` stays the same when a delivery is retried, so a duplicate is recognisable. */
export type OutgoingEmail = {
  from: string;
  /** Where replies go, when not to `from`. */
  replyTo?: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId?: string;
  headers?: Record<string, string>;
};

/** What the SMTP server said. */
export type SentEmail = { messageId: string; accepted: string[]; response: string };

/** Sends mail; `close` ends pooled connections; `endpoint` names the server (host:port, no credentials) for its circuit. */
export type EmailSender = { send(email: OutgoingEmail): Promise<SentEmail>; close(): void; endpoint?: string };

/**
 * Sends through any SMTP server named by URL (`smtp://user:pass@host:587`, `smtps://…`) over pooled connections
 * (`pool`, from smtpPoolFromEnv: how many, how many messages each, a rate limit) opened with Nagle's algorithm off
 * (getNoDelaySocket); with `pool` null, a connection per message.
 * Failures come back as the runtime's errors: temporary ones (4xx, refused or dropped connections, timeouts, bad
 * credentials an operator can fix) retry; 5xx refusals of the message or address are permanent.
 */
export function createSmtpSender(smtpUrl: string, pool: SmtpPool | null = defaultSmtpPool): EmailSender {
  const url = pooledUrl(smtpUrl, pool);
  // The pool made here rather than by createTransport, which given a URL drops every option beside it (getSocket).
  const transport = createTransport(pool ? new SMTPPool({ pool: true, url, getSocket: getNoDelaySocket }) : url);
  return {
    endpoint: smtpEndpoint(smtpUrl),
    async send(email) {
      try {
        const info = await transport.sendMail({ ...email, html: textPart(email.html), text: textPart(email.text) });
        return { messageId: info.messageId, accepted: info.accepted.map(String), response: info.response };
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => transport.close(),
  };
}

/**
 * The URL with the pool settings (when there is a pool) and the timeouts in its query. nodemailer reads only the URL
 * when given one (options beside `url` are dropped); what the URL's query already says wins.
 */
export function pooledUrl(smtpUrl: string, pool: SmtpPool | null): string {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return smtpUrl;
  }
  const settings: Record<string, number | boolean | undefined> = {
    pool: pool !== null || undefined,
    maxConnections: pool?.maxConnections,
    maxMessages: pool?.maxMessages,
    rateDelta: pool?.ratePerSecond === undefined ? undefined : 1000,
    rateLimit: pool?.ratePerSecond,
    connectionTimeout: 10_000,
    socketTimeout: 30_000,
  };
  for (const [name, value] of Object.entries(settings))
    if (value !== undefined && !url.searchParams.has(name)) url.searchParams.set(name, String(value));
  return url.toString();
}

/** Classifies an SMTP failure: permanent for a 5xx answer (but not bad credentials), transient otherwise. */
export function smtpFailure(error: unknown): TransientError | PermanentError {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const message = `SMTP: ${e.message ?? String(error)}`;
  if (typeof e.responseCode === "number" && e.responseCode >= 500 && e.code !== "EAUTH")
    return new PermanentError("smtp_rejected", message);
  return new TransientError("smtp_unavailable", message);
}

/** The host and port of an SMTP URL, without its credentials: what an outage is an outage of. */
export function smtpEndpoint(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return url.port ? url.host : `${url.host}:${url.protocol === "smtps:" ? 465 : 587}`;
  } catch {
    return "smtp";
  }
}
