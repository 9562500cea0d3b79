import { InputError, type SqlMigration, type Store } from "@overture/runtime";
import { num } from "../content/rows.ts";
import type { EmailBlock } from "../email/email-step.ts";
import { asProblem } from "./email-service.ts";
import { validateEmailTemplate } from "./validate-email-template.ts";

/**
 * A saved email template of a workspace: email steps refer to it by `templateId` and send its current content.
 * `blocks`, when the editor's block editor made the body, lets it open as blocks again (sending uses `body` only).
 */
export type SavedEmailTemplate = {
  id: string;
  name: string;
  subject: string;
  preheader: string;
  body: string;
  blocks: EmailBlock[] | null;
  updatedAt: number;
};

/** A template as listed: everything but the (possibly large) MJML body and its blocks. */
export type EmailTemplateSummary = Omit<SavedEmailTemplate, "body" | "blocks">;

/** What a save gives: the template without its id and time. */
export type EmailTemplateInput = {
  name: string;
  subject: string;
  preheader?: string | undefined;
  body: string;
  blocks?: EmailBlock[] | null | undefined;
};

/** The template library's table, numbered for `store.sql.migrate`. */
export const EMAIL_TEMPLATE_MIGRATIONS: SqlMigration[] = [
  {
    id: "email_0001_templates",
    sqlite: `CREATE TABLE email_templates (
  workspace_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, subject TEXT NOT NULL, preheader TEXT NOT NULL, body TEXT NOT NULL,
  updated_at INTEGER NOT NULL, PRIMARY KEY (workspace_id, id))`,
    postgres: `CREATE TABLE email_templates (
  workspace_id text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, name text NOT NULL, subject text NOT NULL, preheader text NOT NULL,
  body text NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (workspace_id, id))`,
  },
  {
    // The blocks the editor made the body from, so a template reopens as blocks (issue 15, the templates screen).
    id: "email_0002_template_blocks",
    sqlite: "ALTER TABLE email_templates ADD COLUMN blocks TEXT",
    postgres: "ALTER TABLE email_templates ADD COLUMN blocks jsonb",
  },
];

const ensured = new WeakMap<Store, Promise<unknown>>();

/**
 * Creates the template table when missing, once per store and process: the routes and the email channel call it,
 * so a server started without a start-up call (tests, embedders) still finds its table.
 */
export async function ensureEmailTemplateSchema(store: Store): Promise<void> {
  let done = ensured.get(store);
  if (!done) {
    done = store.sql.migrate(EMAIL_TEMPLATE_MIGRATIONS);
    ensured.set(store, done);
    done.catch(() => ensured.delete(store));
  }
  await done;
}

/** Template ids: letters, digits, `.`, `_`, `-`, at most 100 (`welcome`, `onboarding.day-3`). */
export const TEMPLATE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function fromRow(r: Record<string, unknown>): SavedEmailTemplate {
  return {
    id: r.id as string,
    name: r.name as string,
    subject: r.subject as string,
    preheader: r.preheader as string,
    body: (r.body as string | undefined) ?? "",
    blocks:
      r.blocks === null || r.blocks === undefined
        ? null
        : ((typeof r.blocks === "string" ? JSON.parse(r.blocks) : r.blocks) as EmailBlock[]),
    updatedAt: num(r.updated_at),
  };
}

/**
 * Creates or replaces a template after checking it (Liquid in each field, MJML in the body, unknown variables):
 * refused with InputError `email_invalid`, every problem with its field, line and column, when it has any.
 */
export async function putEmailTemplate(
  store: Store,
  workspaceId: string,
  id: string,
  input: EmailTemplateInput,
  now: number,
): Promise<SavedEmailTemplate> {
  if (!TEMPLATE_ID.test(id)) {
    throw new InputError("invalid_input", `'${id}' is not a template id`, [
      { path: "id", code: "invalid_format", message: "letters, digits, '.', '_' and '-', at most 100" },
    ]);
  }
  const blocks = input.blocks ?? null;
  const template = {
    id,
    name: input.name,
    subject: input.subject,
    preheader: input.preheader ?? "",
    body: input.body,
    blocks,
    updatedAt: now,
  };
  const problems = await validateEmailTemplate(template);
  if (problems.length > 0)
    throw new InputError(
      "email_invalid",
      `The template has ${problems.length} problem(s); see problems.`,
      problems.map(asProblem),
    );
  await ensureEmailTemplateSchema(store);
  await store.sql.run(
    `INSERT INTO email_templates (workspace_id, id, name, subject, preheader, body, blocks, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, id) DO UPDATE SET name = excluded.name, subject = excluded.subject, preheader = excluded.preheader,
       body = excluded.body, blocks = excluded.blocks, updated_at = excluded.updated_at`,
    [
      workspaceId,
      id,
      template.name,
      template.subject,
      template.preheader,
      template.body,
      blocks === null ? null : JSON.stringify(blocks),
      now,
    ],
  );
  return template;
}

/** One template with its body, or null. */
export async function getEmailTemplate(
  store: Store,
  workspaceId: string,
  id: string,
): Promise<SavedEmailTemplate | null> {
  await ensureEmailTemplateSchema(store);
  const rows = await store.sql.all("SELECT * FROM email_templates WHERE workspace_id = ? AND id = ?", [
    workspaceId,
    id,
  ]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The workspace's templates by id, without their bodies. */
export async function listEmailTemplates(store: Store, workspaceId: string): Promise<EmailTemplateSummary[]> {
  await ensureEmailTemplateSchema(store);
  const rows = await store.sql.all(
    "SELECT id, name, subject, preheader, updated_at FROM email_templates WHERE workspace_id = ? ORDER BY id",
    [workspaceId],
  );
  return rows.map((r) => {
    const { body: _body, blocks: _blocks, ...summary } = fromRow(r);
    return summary;
  });
}

/** The ids of the workspace's templates: what journey validation checks `templateId` against. */
export async function emailTemplateIds(store: Store, workspaceId: string): Promise<string[]> {
  return (await listEmailTemplates(store, workspaceId)).map((t) => t.id);
}

/** A published email step that sends a template. */
export type TemplateUse = { journeyId: string; journeyName: string; version: number; stepId: string };

/** Where the current version of an active or paused journey sends the template (a paused one may be resumed). */
export async function templateUses(store: Store, workspaceId: string, id: string): Promise<TemplateUse[]> {
  const uses: TemplateUse[] = [];
  for (const journey of await store.listJourneys(workspaceId)) {
    if ((journey.status !== "active" && journey.status !== "paused") || journey.currentVersion === null) continue;
    const version = await store.getVersion(workspaceId, journey.id, journey.currentVersion);
    for (const step of version?.document.steps ?? []) {
      if (step.type === "email" && step.templateId === id)
        uses.push({
          journeyId: journey.id,
          journeyName: journey.name,
          version: journey.currentVersion,
          stepId: step.id,
        });
    }
  }
  return uses;
}

/**
 * Deletes a template. InputError `not_found` when there is none, `template_in_use` (naming each journey and step)
 * while a published journey that is active or paused sends it: archive the journey, or publish it without the template.
 */
export async function deleteEmailTemplate(store: Store, workspaceId: string, id: string): Promise<void> {
  const uses = await templateUses(store, workspaceId, id);
  if (uses.length > 0) {
    const names = [...new Set(uses.map((u) => `'${u.journeyName}'`))].join(", ");
    throw new InputError(
      "template_in_use",
      `The template '${id}' is sent by the published journey(s) ${names}; publish them without it, or archive them, first`,
      uses.map((u) => ({
        path: "",
        code: "template_in_use",
        message: `journey '${u.journeyName}' (${u.journeyId}) version ${u.version}, step '${u.stepId}'`,
        stepId: u.stepId,
      })),
    );
  }
  await ensureEmailTemplateSchema(store);
  const deleted = await store.sql.run("DELETE FROM email_templates WHERE workspace_id = ? AND id = ?", [
    workspaceId,
    id,
  ]);
  if (deleted === 0)
    throw new InputError("not_found", `No email template with id '${id}'`, [
      { path: "id", code: "not_found", message: id },
    ]);
}
