import type { JourneyDocument } from "@overture/core";

/** A journey with the documents to look in: its draft and, once published, its current version. */
export type JourneyDocuments = {
  id: string;
  name: string;
  status: "draft" | "active" | "paused" | "archived";
  draft: JourneyDocument;
  published: { version: number; document: JourneyDocument } | null;
};

/** One email step that sends a template: in which journey, which step, and whether it is live or only in a draft. */
export type TemplateUse = {
  journeyId: string;
  journeyName: string;
  stepId: string;
  stepName: string;
  where: "live" | "draft";
  version: number | null;
};

const sends = (document: JourneyDocument, templateId: string) =>
  document.steps.filter((s) => s.type === "email" && s.templateId === templateId);

/**
 * Every email step that sends `templateId`: in the current version of an active or paused journey ("live": customers
 * get it, so it cannot be deleted), else in a draft (including an archived journey's). A step that is in both the
 * live version and the draft counts once, as live.
 */
export function templateUses(journeys: readonly JourneyDocuments[], templateId: string): TemplateUse[] {
  const uses: TemplateUse[] = [];
  for (const journey of journeys) {
    const live =
      journey.published && (journey.status === "active" || journey.status === "paused") ? journey.published : null;
    const liveSteps = new Set<string>();
    for (const step of live ? sends(live.document, templateId) : []) {
      liveSteps.add(step.id);
      uses.push({
        journeyId: journey.id,
        journeyName: journey.name,
        stepId: step.id,
        stepName: step.name || step.id,
        where: "live",
        version: live?.version ?? null,
      });
    }
    for (const step of sends(journey.draft, templateId)) {
      if (liveSteps.has(step.id)) continue;
      uses.push({
        journeyId: journey.id,
        journeyName: journey.name,
        stepId: step.id,
        stepName: step.name || step.id,
        where: "draft",
        version: null,
      });
    }
  }
  return uses;
}

/** How many journeys use each template, by template id (for the list's "Used in" column). */
export function journeysByTemplate(journeys: readonly JourneyDocuments[]): Map<string, Set<string>> {
  const byTemplate = new Map<string, Set<string>>();
  for (const journey of journeys) {
    for (const document of [journey.draft, journey.published?.document]) {
      for (const step of document?.steps ?? []) {
        if (step.type !== "email" || !step.templateId) continue;
        const set = byTemplate.get(step.templateId) ?? new Set<string>();
        set.add(journey.id);
        byTemplate.set(step.templateId, set);
      }
    }
  }
  return byTemplate;
}
