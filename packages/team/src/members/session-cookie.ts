/** The session cookie's name. */
export const SESSION_COOKIE = "overture_session";

/** One cookie's value from a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

/**
 * The Set-Cookie value of a session: HttpOnly (no script reads it), SameSite=Lax (other sites' requests do not carry
 * it, links to the editor still do), Secure when served over HTTPS. `token` null clears it.
 */
export function sessionCookie(token: string | null, options: { secure: boolean; maxAgeSeconds?: number }): string {
  const parts = [
    `${SESSION_COOKIE}=${token ?? ""}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${token === null ? 0 : (options.maxAgeSeconds ?? 14 * 24 * 3600)}`,
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
