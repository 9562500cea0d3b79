import type { MailboxMessage } from "./mailbox.ts";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;background:#f5f6f8}
header{background:#1d2430;color:#fff;padding:12px 20px}header a{color:#fff;text-decoration:none}
main{padding:16px 20px;max-width:1100px}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e3e6ea;vertical-align:top}th{font-weight:600;color:#5a6473}
tr:hover td{background:#f0f4ff}td a{color:#1d4ed8;text-decoration:none}.muted{color:#6b7280}.tag{font-size:12px;background:#fef3c7;padding:1px 6px;border-radius:8px}
iframe{width:100%;height:640px;border:1px solid #d5d9df;background:#fff}pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #e3e6ea;padding:12px}
h2{font-size:16px;margin:20px 0 8px}dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;background:#fff;padding:12px;border:1px solid #e3e6ea}dt{color:#5a6473}dd{margin:0;word-break:break-all}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body><header><a href="/mailbox"><strong>Overture mailbox</strong></a> <span class="muted">· development SMTP server</span></header><main>${body}</main></body></html>`;
}

/** The list of received messages, newest first: when, to whom, the subject. */
export function mailboxListPage(messages: MailboxMessage[], options: { smtpUrl?: string } = {}): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td class="muted">${esc(new Date(m.receivedAt).toISOString().replace("T", " ").slice(0, 19))}</td><td>${esc(m.to.join(", "))}</td>` +
        `<td><a href="/mailbox/${encodeURIComponent(m.id)}">${esc(m.subject || "(no subject)")}</a>${m.overtureKey ? "" : ' <span class="tag">test send</span>'}</td></tr>`,
    )
    .join("");
  const empty = `<p class="muted">No email yet. Journeys' emails appear here as they are sent${options.smtpUrl ? ` (to ${esc(options.smtpUrl)})` : ""}.</p>`;
  return page(
    "Mailbox",
    messages.length === 0
      ? empty
      : `<table><thead><tr><th>received (UTC)</th><th>to</th><th>subject</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** One message as the customer sees it (the HTML part in a sandboxed frame), its text part and headers. */
export function mailboxMessagePage(m: MailboxMessage): string {
  const headers = m.headers.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("");
  return page(
    m.subject || "(no subject)",
    `<p><a href="/mailbox">← all messages</a></p><h1 style="font-size:20px">${esc(m.subject || "(no subject)")}</h1>` +
      `<p class="muted">From ${esc(m.from)} to ${esc(m.to.join(", "))} · ${esc(new Date(m.receivedAt).toISOString())}</p>` +
      (m.html
        ? `<h2>HTML</h2><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" src="/mailbox/${encodeURIComponent(m.id)}/html" title="HTML part"></iframe>`
        : "") +
      `<h2>Text</h2><pre>${esc(m.text)}</pre><h2>Headers</h2><dl>${headers}</dl>`,
  );
}

/** The page for an unknown message id. */
export function mailboxNotFoundPage(): string {
  return page(
    "Not found",
    `<p>No such message (the mailbox keeps the latest ones only). <a href="/mailbox">All messages</a></p>`,
  );
}

/** Escapes text for HTML. */
function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
