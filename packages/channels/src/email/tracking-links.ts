import { escapeHtml } from "./render-email.ts";
import { signToken, type TrackedMessage } from "./tracking-token.ts";

/** The addresses of one message's links, all on the Overture server at `baseUrl`. */
export function unsubscribeUrl(baseUrl: string, secret: string, message: TrackedMessage): string {
  return `${baseUrl}/u/${signToken(secret, "u", message)}`;
}

export function openPixelUrl(baseUrl: string, secret: string, message: TrackedMessage): string {
  return `${baseUrl}/o/${signToken(secret, "o", message)}.gif`;
}

export function clickUrl(baseUrl: string, secret: string, message: TrackedMessage, url: string): string {
  return `${baseUrl}/c/${signToken(secret, "c", message, url)}?u=${encodeURIComponent(url)}`;
}

/**
 * Makes a rendered email trackable: every http(s) link goes through the click redirect (except the unsubscribe
 * link, which must work without a detour), and a 1×1 pixel before `</body>` records the open.
 */
export function addTracking(
  html: string,
  options: { baseUrl: string; secret: string; message: TrackedMessage },
): string {
  const { baseUrl, secret, message } = options;
  const unsubscribe = unsubscribeUrl(baseUrl, secret, message);
  const linked = html.replace(
    /(<a\b[^>]*?\shref=")([^"]*)(")/gi,
    (whole, before: string, href: string, after: string) => {
      const url = unescapeHtml(href);
      if (!/^https?:\/\//i.test(url) || url === unsubscribe) return whole;
      return `${before}${escapeHtml(clickUrl(baseUrl, secret, message, url))}${after}`;
    },
  );
  const pixel = `<img src="${escapeHtml(openPixelUrl(baseUrl, secret, message))}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px" />`;
  const end = linked.lastIndexOf("</body>");
  return end === -1 ? linked + pixel : `${linked.slice(0, end)}${pixel}${linked.slice(end)}`;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
