import { escapeHtml } from "./render-email.ts";

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;color:#1d2430;max-width:520px;margin:60px auto;padding:0 20px}button{font:inherit;padding:10px 18px;border:0;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer}</style></head><body>${body}</body></html>`;
}

/** Asks to confirm (GET must not unsubscribe: mail scanners follow links). */
export function unsubscribeConfirmPage(email: string | null, alreadyDone: boolean): string {
  if (alreadyDone) return unsubscribedPage(email);
  const who = email ? ` <strong>${escapeHtml(email)}</strong>` : "";
  return page(
    "Unsubscribe",
    `<h1>Unsubscribe</h1><p>Stop receiving these emails at${who || " this address"}?</p><form method="post"><button type="submit">Unsubscribe</button></form>`,
  );
}

/** Confirms that no more email will be sent. */
export function unsubscribedPage(email: string | null): string {
  return page(
    "Unsubscribed",
    `<h1>You are unsubscribed</h1><p>We will not send more emails${email ? ` to <strong>${escapeHtml(email)}</strong>` : ""}.</p>`,
  );
}

/** A link that is not ours or was altered (or the placeholder link of a preview or test send). */
export function invalidLinkPage(): string {
  return page(
    "Link not valid",
    `<h1>This link is not valid</h1><p>It may have been cut or altered. Test emails and previews carry a placeholder link that does nothing.</p>`,
  );
}
