import { PermanentError, TransientError } from "@overture/runtime";
import { createTransport } from "nodemailer";

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
 * Sends through any SMTP server named by URL (`smtp://user:pass@host:587`, `smtps://…`), with pooled connections.
 * Failures come back as the runtime's errors: temporary ones (4xx, refused or dropped connections, timeouts, bad
 * credentials an operator can fix) retry; 5xx refusals of the message or address are permanent.
 */
export function createSmtpSender(smtpUrl: string): EmailSender {
  const transport = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    endpoint: smtpEndpoint(smtpUrl),
    async send(email) {
      try {
        const info = await transport.sendMail(email);
        return { messageId: info.messageId, accepted: info.accepted.map(String), response: info.response };
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => transport.close(),
  };
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
