import type { EmailSender } from "@overture/channels";

/**
 * One account email (an invitation, a password reset): plain text and a small HTML version. `workspaceId` tags it
 * with the workspace it is about (the development mailbox lists a workspace's messages).
 */
export type AccountEmail = { to: string; subject: string; text: string; html: string; workspaceId?: string };

/**
 * How the members port sends its emails: through the project's own email channel (`serve` hands it the SMTP sender of
 * `setUpEmail`, so the development mailbox receives them in demo mode). Throws when the email could not be sent.
 */
export type AccountMailer = { send(email: AccountEmail): Promise<void> };

/** Links in account emails point at the editor: `<public url>/#/<route>`. */
export type PublicUrl = () => string;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function email(to: string, subject: string, lines: string[], link: string): AccountEmail {
  const text = [...lines, "", link, ""].join("\n");
  const html = `<!doctype html><html><body style="font-family:sans-serif">${lines
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("")}<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></body></html>`;
  return { to, subject, text, html };
}

/** The invitation email: who invited, to which workspace and role, and the link (valid 7 days). */
export function invitationEmail(input: {
  to: string;
  workspaceName: string;
  role: string;
  invitedBy: string;
  link: string;
}): AccountEmail {
  return email(
    input.to,
    `${input.invitedBy} invited you to ${input.workspaceName} on Overture`,
    [
      `${input.invitedBy} invited you to join the workspace "${input.workspaceName}" on Overture as ${input.role}.`,
      "Open this link within 7 days to accept:",
    ],
    input.link,
  );
}

/** The password reset email (the link works once, for one hour). */
export function passwordResetEmail(input: { to: string; link: string }): AccountEmail {
  return email(
    input.to,
    "Reset your Overture password",
    [
      "Someone (we hope you) asked to reset the password of this Overture account.",
      "Open this link within one hour to choose a new password; it works once. If it was not you, ignore this email.",
    ],
    input.link,
  );
}

/** `<public url>/#/<route>/<token>`, without a doubled slash. */
export function editorLink(publicUrl: PublicUrl, route: string, token: string): string {
  return `${publicUrl().replace(/\/+$/, "")}/#/${route}/${encodeURIComponent(token)}`;
}

/** Account emails through one of the email channel's SMTP senders (`setUpEmail().sender`), from `from`. */
export function smtpAccountMailer(sender: EmailSender, from: string): AccountMailer {
  return {
    async send({ workspaceId, ...email }) {
      const headers: Record<string, string> = { "X-Overture-Account": "1" };
      if (workspaceId) headers["X-Overture-Workspace"] = workspaceId;
      await sender.send({ from, ...email, headers });
    },
  };
}
