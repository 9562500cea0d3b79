/** One notification the dev push service received and decrypted. */
export type ReceivedPush = {
  subscriptionId: string;
  receivedAt: number;
  title: string;
  body: string;
  url: string | null;
  /** The decrypted payload as sent, for payloads that are not the channel's JSON. */
  raw: string;
  ttl: number | null;
  urgency: string | null;
  topic: string | null;
};

/** A subscription the dev push service holds, as its page lists it. */
export type DevSubscriptionView = { id: string; endpoint: string; createdAt: number; deleted: boolean };

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;background:#f5f6f8}
header{background:#1d2430;color:#fff;padding:12px 20px}main{padding:16px 20px;max-width:1100px}
h2{font-size:15px;margin:20px 0 8px}.muted{color:#6b7280}.card{background:#fff;border:1px solid #e3e6ea;border-radius:8px;
padding:10px 14px;margin:8px 0;max-width:420px}.card strong{display:block}.card a{color:#1d4ed8;font-size:12px;word-break:break-all}
code{font-size:12px;word-break:break-all}`;

/**
 * The dev push service's page: each subscription with the notifications it received, newest first, drawn as a
 * browser would show them (title, body, the url a click opens) with the time.
 */
export function devPushPage(
  subscriptions: DevSubscriptionView[],
  messages: ReceivedPush[],
  serviceUrl: string,
): string {
  const sections = subscriptions
    .map((s) => {
      const mine = messages.filter((m) => m.subscriptionId === s.id).reverse();
      const cards = mine
        .map(
          (m) =>
            `<div class="card"><strong>${esc(m.title)}</strong>${esc(m.body)}` +
            `${m.url ? `<br><a href="${esc(m.url)}">${esc(m.url)}</a>` : ""}` +
            `<div class="muted">${esc(new Date(m.receivedAt).toISOString().replace("T", " ").slice(0, 19))} UTC</div></div>`,
        )
        .join("");
      return (
        `<h2>Subscription ${esc(s.id)}${s.deleted ? ' <span class="muted">(unsubscribed: answers 410)</span>' : ""}</h2>` +
        `<p class="muted"><code>${esc(s.endpoint)}</code></p>${cards || '<p class="muted">Nothing received yet.</p>'}`
      );
    })
    .join("");
  const empty = `<p class="muted">No subscriptions yet. Create one with <code>POST ${esc(serviceUrl)}/subscriptions</code> and register it for a customer with <code>POST /v1/channels/push/subscriptions</code>.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Push service</title><meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body><header><strong>Overture push service</strong> <span class="muted">· development, ${esc(serviceUrl)}</span></header><main>${sections || empty}</main></body></html>`;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
