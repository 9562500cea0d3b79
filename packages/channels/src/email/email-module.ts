import type { ChannelModule } from "../channel-module.ts";
import { emailProblems } from "./email-problems.ts";
import { emailStep } from "./email-step.ts";
import { emailTemplateIds } from "./email-templates.ts";

/** Email: MJML + Liquid rendered per customer, sent over SMTP (the dev mailbox under `npm start`). */
export const emailModule: ChannelModule = {
  ui: emailStep,
  policy: { consent: "email", quietHours: true, cap: { max: 3, per: "7d" } },
  problems: emailProblems,
  catalog: async (store, workspaceId) => ({ templates: await emailTemplateIds(store, workspaceId) }),
};
