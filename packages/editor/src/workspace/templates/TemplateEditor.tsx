import type { EmailBlock } from "@overture/channels/browser";
import type { Step, StepOf } from "@overture/core";
import { useEffect, useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { deliveryApi } from "../../api/delivery-api.ts";
import { EmailPreviewPane } from "../../panel/EmailPreviewPane.tsx";
import { EmailBodyEditor } from "../../panel/email-blocks/EmailBodyEditor.tsx";
import { useCatalog } from "../../panel/use-catalog.ts";
import { VariablePicker } from "../../panel/VariablePicker.tsx";
import { variableOptions } from "../../panel/variable-options.ts";
import { routeHref } from "../../route.ts";
import { FormField, problemsByField } from "../form-fields.tsx";
import { loadJourneyDocuments } from "./load-journey-documents.ts";
import { TemplateDelete } from "./TemplateDelete.tsx";
import { TemplateUses } from "./TemplateUses.tsx";
import { type TemplateUse, templateUses } from "./template-usage.ts";

/** The template as an email step, so the email step's own body editor and preview edit it. */
type Draft = { name: string; email: StepOf<"email"> };

/** One saved template: name, subject, preheader and body with the email step's block editor and live preview. */
export function TemplateEditor({ templateId }: { templateId: string }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [missing, setMissing] = useState(false);
  const [state, setState] = useState<"saved" | "changed" | "saving">("saved");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [uses, setUses] = useState<TemplateUse[] | null>(null);
  const catalog = useCatalog();

  useEffect(() => {
    deliveryApi
      .template(templateId)
      .then((t) =>
        setDraft({
          name: t.name,
          email: {
            id: templateId,
            type: "email",
            subject: t.subject,
            preheader: t.preheader,
            body: t.body,
            blocks: (t.blocks as EmailBlock[] | null) ?? undefined,
            next: null,
          },
        }),
      )
      .catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? setMissing(true) : setMessage(String(e))));
    loadJourneyDocuments()
      .then((journeys) => setUses(templateUses(journeys, templateId)))
      .catch(() => setUses([]));
  }, [templateId]);

  if (missing)
    return (
      <main className="list-main">
        <h1>This template does not exist (or was deleted)</h1>
        <a href={routeHref({ page: "templates" })}>Back to the templates</a>
      </main>
    );
  if (!draft) return <p className="centered muted">{message ?? "Loading…"}</p>;

  const change = (next: Draft) => {
    setDraft(next);
    setState("changed");
  };
  const onEdit = (step: Step) => change({ ...draft, email: step as StepOf<"email"> });
  const save = async () => {
    setState("saving");
    setErrors({});
    setMessage(null);
    try {
      const { subject = "", preheader, body = "", blocks } = draft.email;
      await deliveryApi.saveTemplate(templateId, {
        name: draft.name,
        subject,
        preheader,
        body,
        blocks: blocks ?? null,
      });
      setState("saved");
    } catch (e) {
      setState("changed");
      if (e instanceof ApiError) {
        setErrors(problemsByField(e.problems));
        setMessage(e.message);
      } else setMessage(String(e));
    }
  };

  return (
    <main className="template-main">
      <div className="list-head">
        <div>
          <a className="back-link" href={routeHref({ page: "templates" })}>
            ← Templates
          </a>
          <h1>{draft.name || "Untitled template"}</h1>
        </div>
        <div className="head-actions">
          <span className="muted save-state">
            {state === "saved" ? "All changes saved" : state === "saving" ? "Saving…" : "Unsaved changes"}
          </span>
          <TemplateDelete templateId={templateId} name={draft.name} uses={uses ?? []} />
          <button type="button" className="primary" disabled={state !== "changed"} onClick={() => void save()}>
            Save template
          </button>
        </div>
      </div>
      {message && <p className="error-text">{message}</p>}
      <div className="template-layout">
        <section className="card template-fields" aria-label="Template">
          <FormField
            label="Name"
            value={draft.name}
            onChange={(name) => change({ ...draft, name })}
            error={errors.name}
          />
          <VariablePicker options={variableOptions(catalog, [])} readOnly={false}>
            <FormField
              label="Subject"
              value={draft.email.subject ?? ""}
              onChange={(subject) => onEdit({ ...draft.email, subject })}
              error={errors.subject}
            />
            <FormField
              label="Preheader"
              value={draft.email.preheader ?? ""}
              onChange={(preheader) => onEdit({ ...draft.email, preheader })}
              error={errors.preheader}
              hint="The preview text mail clients show after the subject."
            />
            <EmailBodyEditor step={draft.email} onEdit={onEdit} readOnly={false} />
            {errors.body && (
              <small className="field-error" role="alert">
                Body: {errors.body}
              </small>
            )}
          </VariablePicker>
        </section>
        <aside className="template-side">
          <div className="card">
            <EmailPreviewPane step={draft.email} />
          </div>
          <TemplateUses uses={uses} />
        </aside>
      </div>
    </main>
  );
}
