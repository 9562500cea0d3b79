import type { SinkMessage } from "./dev-sms-api.ts";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;background:#f5f6f8}
header{background:#1d2430;color:#fff;padding:12px 20px}header a{color:#fff;text-decoration:none}
main{padding:16px 20px;max-width:900px}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e3e6ea;vertical-align:top}th{font-weight:600;color:#5a6473}
td a{color:#1d4ed8;text-decoration:none}.muted{color:#6b7280}
.thread{display:flex;flex-direction:column;gap:8px;max-width:520px}
.bubble{padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;max-width:80%}
.out{background:#e5e7eb;align-self:flex-start}.in{background:#2563eb;color:#fff;align-self:flex-end}
.meta{font-size:12px;color:#6b7280}.in .meta{color:#dbeafe}form{margin-top:16px;display:flex;gap:8px}
input[type=text]{flex:1;padding:6px 8px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body><header><a href="/sms"><strong>Overture SMS inbox</strong></a> <span class="muted">· development SMS provider</span></header><main>${body}</main></body></html>`;
}

/** Each phone that got a message, the latest first: how many, and the latest text. */
export function smsPhonesPage(messages: SinkMessage[], options: { apiUrl?: string } = {}): string {
  const latest = new Map<string, { count: number; last: SinkMessage }>();
  for (const m of messages) {
    const phone = phoneOf(m);
    const seen = latest.get(phone);
    latest.set(phone, {
      count: (seen?.count ?? 0) + 1,
      last: !seen || m.createdAt >= seen.last.createdAt ? m : seen.last,
    });
  }
  const phones = [...latest.entries()].sort((a, b) => b[1].last.createdAt - a[1].last.createdAt);
  if (phones.length === 0)
    return page(
      "SMS inbox",
      `<p class="muted">No SMS yet. Journeys' SMS steps appear here as they are sent${options.apiUrl ? ` (to ${esc(options.apiUrl)})` : ""}.</p>`,
    );
  const rows = phones
    .map(
      ([phone, { count, last }]) =>
        `<tr><td><a href="/sms/${encodeURIComponent(phone)}">${esc(phone)}</a></td><td>${count}</td>` +
        `<td class="muted">${esc(time(last.createdAt))}</td><td>${esc(excerpt(last.body))}</td></tr>`,
    )
    .join("");
  return page(
    "SMS inbox",
    `<table><thead><tr><th>phone</th><th>messages</th><th>latest (UTC)</th><th>latest text</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** One phone's messages as a conversation, with a form to answer as the customer (STOP, START…). */
export function smsPhonePage(phone: string, messages: SinkMessage[], options: { canReply: boolean }): string {
  const thread = messages
    .filter((m) => phoneOf(m) === phone)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map(
      (m) =>
        `<div class="bubble ${m.direction === "inbound" ? "in" : "out"}">${esc(m.body)}<div class="meta">${esc(time(m.createdAt))}` +
        `${m.direction === "outbound" ? ` · ${m.segments} ${m.segments === 1 ? "segment" : "segments"} · ${esc(m.encoding)} · from ${esc(m.from)}` : " · reply"}</div></div>`,
    )
    .join("");
  const reply = options.canReply
    ? `<form method="post" action="/sms/${encodeURIComponent(phone)}/reply"><input type="text" name="Body" value="STOP" aria-label="Reply"><button>Reply as ${esc(phone)}</button></form>`
    : "";
  return page(
    phone,
    `<p><a href="/sms">← all phones</a></p><h1 style="font-size:20px">${esc(phone)}</h1><div class="thread">${thread}</div>${reply}`,
  );
}

/** The page when Overture's inbound route refused or missed a reply typed on the page. */
export function smsReplyFailedPage(phone: string, why: string): string {
  return page(
    "Reply not delivered",
    `<p>The reply was not delivered to Overture: ${esc(why)}</p><p><a href="/sms/${encodeURIComponent(phone)}">← back</a></p>`,
  );
}

/** The page for a phone with no message. */
export function smsNotFoundPage(): string {
  return page("Not found", `<p>No message to or from this phone. <a href="/sms">All phones</a></p>`);
}

function phoneOf(m: SinkMessage): string {
  return m.direction === "inbound" ? m.from : m.to;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function time(at: number): string {
  return new Date(at).toISOString().replace("T", " ").slice(0, 19);
}

/** Escapes text for HTML content and attribute values. */
function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
