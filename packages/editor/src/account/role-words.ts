import type { Role } from "@overture/api-contract";

const SUMMARY: Record<Role, string> = {
  viewer: "reads everything, changes nothing.",
  editor: "edits drafts, templates and content, and sends tests.",
  publisher: "also publishes, pauses, resumes and archives journeys, and approves reviews.",
  admin: "also manages members, keys and settings.",
  owner: "can do everything, including making or removing owners.",
};

/** What a role may do, in one plain sentence (the members screen and invitations show it). */
export function roleWords(role: Role): string {
  return SUMMARY[role];
}
