import { TransientError } from "@overture/runtime";
import type { EmailSender } from "./smtp-sender.ts";

/** The delivery outcome code of an email held back because no SMTP server is configured. */
export const SMTP_NOT_CONFIGURED = "smtp_not_configured";

/** Why nothing can be sent, as the outbox row's `lastError` and the server's log say it. */
export const SMTP_NOT_CONFIGURED_MESSAGE =
  "smtp_not_configured: SMTP_URL is not set, so no email can be sent; set SMTP_URL and restart, and held emails go out on their next attempt";

/**
 * The sender of a production server without `SMTP_URL`: every send fails as transient, so each email stays in the
 * outbox with its reason and goes out once an SMTP server is configured, instead of vanishing into a local sink.
 */
export function unconfiguredSender(): EmailSender {
  return {
    async send() {
      throw new TransientError(SMTP_NOT_CONFIGURED, SMTP_NOT_CONFIGURED_MESSAGE);
    },
    close() {},
  };
}
