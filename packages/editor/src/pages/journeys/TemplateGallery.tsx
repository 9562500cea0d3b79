import { useState } from "react";
import { JOURNEY_TEMPLATES, type JourneyTemplate } from "../../templates/journey-templates.ts";

/** The "start from a template" cards: picking one creates a draft copy of it and opens it in the editor. */
export function TemplateGallery({ onPick }: { onPick: (template: JourneyTemplate) => Promise<void> }) {
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <section aria-labelledby="templates-title">
      <h2 id="templates-title" className="section-title">
        Start from a template
      </h2>
      <div className="gallery">
        {JOURNEY_TEMPLATES.map((t) => (
          <button
            key={t.id}
            type="button"
            className="template-card"
            aria-label={`Start from ${t.name}`}
            disabled={busy !== null}
            onClick={() => {
              setBusy(t.id);
              onPick(t).finally(() => setBusy(null));
            }}
          >
            <strong>{t.name}</strong>
            <span className="muted">{t.description}</span>
            <span className="fill">{busy === t.id ? "Creating…" : startsOn(t)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

/** "Starts on subscription.renewal_due": the event a user's product must send for the journey to run. */
function startsOn(template: JourneyTemplate): string {
  if (template.id === "blank") return "Start from scratch";
  const trigger = template.document.steps.find((s) => (s as { type?: string }).type === "trigger") as
    | { trigger?: { event?: string } }
    | undefined;
  return trigger?.trigger?.event ? `Starts on ${trigger.trigger.event}` : "Starts by API call";
}
