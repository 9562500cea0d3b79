import { describeTemplateText } from "@overture/core";
import { useEffect, useState } from "react";
import { deliveryApi, type EmailTemplateSummary } from "../../api/delivery-api.ts";
import { localTime } from "../../model/customer-words.ts";
import { blocksToMjml } from "../../panel/email-blocks/blocks-to-mjml.ts";
import { STARTER_BLOCKS } from "../../panel/email-blocks/email-blocks.ts";
import { routeHref } from "../../route.ts";
import { idFromName } from "../slug.ts";
import "../workspace.css";
import { WorkspaceNav } from "../../pages/WorkspaceNav.tsx";
import { loadJourneyDocuments } from "./load-journey-documents.ts";
import { TemplateEditor } from "./TemplateEditor.tsx";
import { type JourneyDocuments, journeysByTemplate } from "./template-usage.ts";

/** The saved email templates: list and create them, or edit one (`templateId`). */
export function TemplatesPage({ templateId }: { templateId?: string | undefined }) {
  return (
    <div className="list-page">
      <WorkspaceNav current="templates" />
      {templateId ? <TemplateEditor templateId={templateId} /> : <TemplateList />}
    </div>
  );
}

function TemplateList() {
  const [templates, setTemplates] = useState<EmailTemplateSummary[] | null>(null);
  const [journeys, setJourneys] = useState<JourneyDocuments[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");

  useEffect(() => {
    deliveryApi
      .templates()
      .then(setTemplates)
      .catch((e: Error) => setError(e.message));
    loadJourneyDocuments()
      .then(setJourneys)
      .catch(() => {});
  }, []);

  const create = async () => {
    const title = name.trim() || "Untitled template";
    const taken = new Set(templates?.map((t) => t.id));
    let id = idFromName(title, "template");
    for (let n = 2; taken.has(id); n++) id = `${idFromName(title, "template")}-${n}`;
    const blocks = [...STARTER_BLOCKS];
    await deliveryApi.saveTemplate(id, { name: title, subject: `${title}`, body: blocksToMjml(blocks), blocks });
    location.hash = routeHref({ page: "templates", templateId: id });
  };
  const used = journeysByTemplate(journeys);

  return (
    <main className="list-main">
      <div className="list-head">
        <h1>Email templates</h1>
        <form
          className="create-form"
          onSubmit={(e) => {
            e.preventDefault();
            create().catch((err: Error) => setError(err.message));
          }}
        >
          <input
            aria-label="New template name"
            placeholder="New template name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="primary">
            Create template
          </button>
        </form>
      </div>
      <p className="muted page-intro">
        Email steps that name a template send what it holds at send time: a change here reaches every journey that uses
        it.
      </p>
      {error && <p className="error-text">{error}</p>}
      {templates === null ? (
        <p className="muted">Loading…</p>
      ) : templates.length === 0 ? (
        <p className="empty-state">No templates yet: create the first one above.</p>
      ) : (
        <table className="journey-table">
          <thead>
            <tr>
              <th>Template</th>
              <th>Subject</th>
              <th>Used in</th>
              <th>Last changed</th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => {
              const count = used.get(t.id)?.size ?? 0;
              return (
                <tr key={t.id}>
                  <td>
                    <a href={routeHref({ page: "templates", templateId: t.id })} className="journey-link">
                      {t.name}
                    </a>
                  </td>
                  <td className="muted">{describeTemplateText(t.subject)}</td>
                  <td>
                    {count === 0 ? (
                      <span className="muted">No journey</span>
                    ) : (
                      `${count} ${count === 1 ? "journey" : "journeys"}`
                    )}
                  </td>
                  <td className="muted">{localTime(t.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}
