import {
  PasswordResetRequestedSchema,
  PasswordResetRequestInput,
  ResetPasswordInput,
  SessionSchema,
} from "@overture/api-contract";
import { defineRoute, type RouteDef } from "../route.ts";
import { clientMeta, mayRequestReset, membersOf, sessionAnswer, setSessionCookie } from "./session-http.ts";

const tag = "Members";

/** Forgotten passwords: a link by email, valid one hour, once. */
export const passwordResetRoutes: RouteDef[] = [
  defineRoute({
    method: "post",
    path: "/v1/password-resets",
    operationId: "requestPasswordReset",
    summary: "Email a password reset link (the same answer whether the email has an account or not)",
    description:
      "The link `<public url>/#/reset-password/<token>` works for one hour, once. At most 3 links an hour per email (more are not sent) and 20 requests an hour per client address (429 `rate_limited`).",
    tag,
    auth: "none",
    body: PasswordResetRequestInput,
    success: { status: 200, description: "Requested.", schema: PasswordResetRequestedSchema },
    errors: [429],
    handle: async ({ overture, body, c }) => {
      const members = membersOf(overture);
      const may = await mayRequestReset(overture, c, body.email);
      if (may instanceof Response) return may;
      // The email goes out after the answer: waiting for SMTP only when the account exists would tell it exists.
      if (may) await members.resets.request(body.email);
      return { requested: true as const };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/password-resets/confirm",
    operationId: "resetPassword",
    summary: "Set a new password with a reset link's token; every other session ends, this one starts",
    description: "410 `reset_expired` for an unknown, used or expired token.",
    tag,
    auth: "none",
    body: ResetPasswordInput,
    success: { status: 200, description: "Signed in with the new password.", schema: SessionSchema },
    errors: [410],
    handle: async ({ overture, body, c }) => {
      const members = membersOf(overture);
      const { user, session } = await members.resetPassword(body.token, body.password, clientMeta(c));
      setSessionCookie(c, session.token);
      return sessionAnswer(c, members, user, session);
    },
  }),
];
