import type { Principal } from "@overture/api-contract";
import { InputError } from "@overture/runtime";
import { type Members, readCookie, SESSION_COOKIE, type SignInMeta, sessionCookie, type User } from "@overture/team";
import type { Context } from "hono";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { clientAddress } from "../rate-limit.ts";
import type { OvertureApi } from "../route.ts";

/**
 * The public routes that take a password or an emailed token from a page. Only this server's pages may send them, as
 * JSON (a form on another site could otherwise sign a browser in to the attacker's account: login CSRF).
 */
export const SIGN_IN_POSTS = [
  "/v1/session",
  "/v1/setup",
  "/v1/password-resets",
  "/v1/password-resets/confirm",
  "/v1/invitations/:token/accept",
];

/** The members port, or 503 when this process serves API keys only (some tests, embedders). */
export function membersOf(overture: OvertureApi): Members {
  if (!overture.members) {
    throw new InputError("unavailable", "Members and sign-in are not enabled in this server.", [
      { path: "", code: "members_disabled", message: "no members port" },
    ]);
  }
  return overture.members;
}

/** Where a request came from, kept on its session and in the audit log. */
export function clientMeta(c: Context): SignInMeta {
  const ip = clientAddress(c, 0) ?? undefined;
  const userAgent = c.req.header("user-agent");
  return { ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) };
}

/** The session token of the request's cookie, if any. */
export function sessionToken(c: Context): string | undefined {
  return readCookie(c.req.header("cookie"), SESSION_COOKIE);
}

/** Secure cookies over HTTPS, or always with OVERTURE_COOKIE_SECURE=1 (behind a proxy that ends TLS). */
function secure(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" || process.env.OVERTURE_COOKIE_SECURE === "1";
}

/** Sets the session cookie of a new session (it lasts as long as the session, 14 days), or clears it (`token` null). */
export function setSessionCookie(c: Context, token: string | null): void {
  c.header("set-cookie", sessionCookie(token, { secure: secure(c) }));
}

/**
 * What GET /v1/session answers (and signing in, setup, accepting an invitation, resetting a password): the account
 * view in the workspace asked for, with the session's CSRF token. Also tells the router who acted (the audit log).
 */
export async function sessionAnswer(
  c: Context,
  members: Members,
  user: User,
  session: { csrfToken: string; expiresAt: number },
  workspaceId?: string,
) {
  const view = await members.account(user, workspaceId ?? c.req.header("x-overture-workspace"));
  const principal: Principal = {
    kind: "user",
    workspaceId: view.workspace?.id ?? "",
    userId: user.id,
    email: user.email,
    name: user.name,
    role: view.workspace?.role ?? null,
  };
  c.set("principal" as never, principal as never);
  if (principal.workspaceId) c.set("workspaceId" as never, principal.workspaceId as never);
  return {
    user: { id: user.id, email: user.email, name: user.name, hasPassword: user.hasPassword },
    workspaces: view.workspaces,
    workspace: view.workspace,
    csrfToken: session.csrfToken,
    permissions: view.permissions,
    expiresAt: session.expiresAt,
  };
}

/** Failed sign-ins allowed per email and per client address in {@link THROTTLE_SECONDS}. */
export const FAILURES_PER_EMAIL = 10;
const FAILURES_PER_IP = 30;
const THROTTLE_SECONDS = 15 * 60;

type Throttle = { email: RateLimiterMemory; ip: RateLimiterMemory };
const throttles = new WeakMap<OvertureApi, Throttle>();

/**
 * Password guessing is throttled (rate-limiter-flexible, in memory, per process): after 10 failed sign-ins for one
 * email, or 30 from one address, in 15 minutes, sign-in answers 429 with Retry-After until the window passes. Only
 * failures count; a success clears the email's count.
 */
export function signInThrottle(overture: OvertureApi) {
  let throttle = throttles.get(overture);
  if (!throttle) {
    throttle = {
      email: new RateLimiterMemory({
        points: FAILURES_PER_EMAIL,
        duration: THROTTLE_SECONDS,
        keyPrefix: "signin:email",
      }),
      ip: new RateLimiterMemory({ points: FAILURES_PER_IP, duration: THROTTLE_SECONDS, keyPrefix: "signin:ip" }),
    };
    throttles.set(overture, throttle);
  }
  const { email: byEmail, ip: byIp } = throttle;
  const keys = (email: string, ip: string | undefined) =>
    [
      [byEmail, email.trim().toLowerCase()],
      [byIp, ip],
    ] as const;
  return {
    /** Milliseconds until sign-in may be tried again, or 0. */
    async blockedFor(email: string, ip: string | undefined): Promise<number> {
      let wait = 0;
      for (const [limiter, id] of keys(email, ip)) {
        if (id === undefined) continue;
        const seen = await limiter.get(id);
        if (seen && seen.consumedPoints >= limiter.points) wait = Math.max(wait, seen.msBeforeNext);
      }
      return wait;
    },
    async failed(email: string, ip: string | undefined): Promise<void> {
      for (const [limiter, id] of keys(email, ip)) if (id !== undefined) await limiter.penalty(id, 1);
    },
    async succeeded(email: string): Promise<void> {
      await byEmail.delete(email.trim().toLowerCase());
    },
  };
}

/** The 429 of a throttled sign-in. */
export function tooManySignIns(c: Context, ms: number): Response {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return c.json(
    {
      error: {
        code: "rate_limited",
        message: `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minute(s), or reset the password.`,
        problems: [{ path: "body.email", code: "too_many_sign_ins", message: `retry after ${seconds} s` }],
      },
    },
    429,
    { "retry-after": String(seconds) },
  );
}

const resetLimits = new WeakMap<OvertureApi, { email: RateLimiterMemory; ip: RateLimiterMemory }>();

/**
 * Reset requests are limited so that nobody floods a mailbox through us: at most 3 links an hour per email (more are
 * silently not sent, so the answer still does not tell whether the account exists) and 20 requests an hour per
 * client address (429). True when this request may send.
 */
export async function mayRequestReset(overture: OvertureApi, c: Context, email: string): Promise<Response | boolean> {
  let limits = resetLimits.get(overture);
  if (!limits) {
    limits = {
      email: new RateLimiterMemory({ points: 3, duration: 3600, keyPrefix: "reset:email" }),
      ip: new RateLimiterMemory({ points: 20, duration: 3600, keyPrefix: "reset:ip" }),
    };
    resetLimits.set(overture, limits);
  }
  const ip = clientMeta(c).ip;
  if (ip !== undefined) {
    const refused = await limits.ip.consume(ip).then(
      () => null,
      (outcome: { msBeforeNext?: number }) => outcome,
    );
    if (refused) {
      const seconds = Math.max(1, Math.ceil((refused.msBeforeNext ?? 1000) / 1000));
      return c.json(
        {
          error: {
            code: "rate_limited",
            message: `Too many password reset requests from this address; retry after ${seconds} s.`,
            problems: [{ path: "", code: "too_many_resets", message: `retry after ${seconds} s` }],
          },
        },
        429,
        { "retry-after": String(seconds) },
      );
    }
  }
  return limits.email.consume(email.trim().toLowerCase()).then(
    () => true,
    () => false,
  );
}
