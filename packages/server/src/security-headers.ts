import type { MiddlewareHandler } from "hono";

/** Serialises a policy written as directives. */
function policy(directives: Record<string, string>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join("; ");
}

/**
 * The Content-Security-Policy of every page (editor, demo portal, mailbox, unsubscribe page). Scripts only from this
 * server's own files, no inline script, no plugins, never framed by another site. Inline styles and images and fonts
 * from anywhere are allowed because the editor shows email previews in an `srcdoc` frame, which inherits this
 * policy, and emails carry inline styles and remote images (the frame is sandboxed: no script runs in it).
 */
export const PAGE_CSP = policy({
  "default-src": "'self'",
  "script-src": "'self'",
  "style-src": "'self' 'unsafe-inline' https:",
  "img-src": "'self' data: blob: https: http:",
  "font-src": "'self' data: https:",
  "connect-src": "'self'",
  "frame-src": "'self'",
  "object-src": "'none'",
  "base-uri": "'none'",
  "form-action": "'self'",
  "frame-ancestors": "'none'",
});

/** The Content-Security-Policy of every other answer (JSON, images, redirects): nothing may load or frame it. */
export const API_CSP = policy({
  "default-src": "'none'",
  "frame-ancestors": "'none'",
  "base-uri": "'none'",
  "form-action": "'none'",
});

/** Headers every answer carries, unless its route set its own. */
const ALWAYS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  // Unsubscribe and click links carry signed tokens: no page of ours tells another site where it came from.
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/**
 * Adds the browser-facing security headers to every answer (issue 12, finding 11): a Content-Security-Policy by kind
 * (HTML pages get {@link PAGE_CSP}, everything else {@link API_CSP}), X-Frame-Options for browsers without
 * frame-ancestors, nosniff, a referrer policy and an opener policy. A route that sets its own policy keeps it (the
 * mailbox frames an email's HTML from its own origin). HSTS is left to the TLS-terminating proxy, which knows the
 * domain's subdomains.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    if (!headers.has("content-security-policy")) {
      const html = (headers.get("content-type") ?? "").toLowerCase().startsWith("text/html");
      headers.set("content-security-policy", html ? PAGE_CSP : API_CSP);
    }
    if (!headers.has("x-frame-options")) {
      const framedBySelf = /frame-ancestors 'self'/.test(headers.get("content-security-policy") ?? "");
      headers.set("x-frame-options", framedBySelf ? "SAMEORIGIN" : "DENY");
    }
    for (const [name, value] of Object.entries(ALWAYS)) if (!headers.has(name)) headers.set(name, value);
  };
}
