import { channelStepUi } from "@overture/channels/browser";
import type { Step } from "@overture/core";
import { summarize } from "../canvas/canvas-model.ts";
import { missingFallbacks } from "../model/missing-fallbacks.ts";
import { stepTypeLabel } from "../model/new-step.ts";
import type { ShownProblem } from "../model/problem-words.ts";
import { PolicyWarnings } from "../workspace/PolicyWarnings.tsx";
import { ChannelFields } from "./ChannelFields.tsx";
import { Combobox } from "./Combobox.tsx";
import { catalogNames, templateOptions, topicOptions } from "./catalog-options.ts";
import { EmailPreviewPane } from "./EmailPreviewPane.tsx";
import { ExitFields } from "./ExitFields.tsx";
import { EmailBodyEditor } from "./email-blocks/EmailBodyEditor.tsx";
import { FlowFields } from "./FlowFields.tsx";
import { NumberField, Section, TextArea, TextField } from "./fields.tsx";
import { GoalStepNote } from "./GoalNotes.tsx";
import { NotificationFields } from "./NotificationFields.tsx";
import { PersonalizeFields } from "./PersonalizeFields.tsx";
import { FallbackWarnings, StepProblems } from "./ProblemList.tsx";
import { TopicList } from "./TopicList.tsx";
import { UpdateProfileFields } from "./UpdateProfileFields.tsx";
import { useCatalog } from "./use-catalog.ts";
import { useSegments } from "./use-segments.ts";
import { VariablePicker } from "./VariablePicker.tsx";
import { variableOptions } from "./variable-options.ts";
import { WebhookFields } from "./WebhookFields.tsx";

/** Edits one step; every edit replaces the step, keyed per field so typing in a field is one undo step. */
export type StepEdit = (step: Step, field: string) => void;

type StepPanelProps = {
  step: Step;
  steps: readonly Step[];
  onEdit: StepEdit;
  readOnly: boolean;
  problems?: ShownProblem[];
  /** Shows the journey's settings at its goal: a goal step's panel links to the other kind of goal. */
  onOpenJourneyGoal?: () => void;
};

/** The side panel of the selected step: its problems, its common fields, a form for its type, then where its exits lead. */
export function StepPanel({ step, steps, onEdit, readOnly, problems = [], onOpenJourneyGoal }: StepPanelProps) {
  const set = <K extends string>(field: K, value: unknown) => onEdit({ ...step, [field]: value } as Step, field);
  const catalog = useCatalog();
  const segments = useSegments();
  return (
    <section className="step-panel" aria-label="Step settings">
      <div className="panel-title">{stepTypeLabel(step.type)}</div>
      <p className="step-panel-summary">{summarize(step, catalogNames(catalog, segments))}</p>
      <StepProblems problems={problems} />
      <PolicyWarnings step={step} />
      {!readOnly && <FallbackWarnings warnings={missingFallbacks([step])} />}
      <TextField label="Name" value={step.name} onChange={(v) => set("name", v)} readOnly={readOnly} />
      <TypeFields
        step={step}
        steps={steps}
        set={set}
        onEdit={onEdit}
        readOnly={readOnly}
        onOpenJourneyGoal={onOpenJourneyGoal}
      />
      <ExitFields step={step} steps={steps} onEdit={onEdit} readOnly={readOnly} />
      <TextArea label="Note" value={step.note} onChange={(v) => set("note", v)} rows={2} readOnly={readOnly} />
      {/* The id is for the API and exports; marketers work with names, so it stays folded away. */}
      <details className="panel-advanced">
        <summary>Advanced</summary>
        <TextField label="Step id" value={step.id} onChange={(v) => set("id", v)} readOnly={readOnly} />
      </details>
    </section>
  );
}

type FieldsProps = {
  step: Step;
  steps: readonly Step[];
  set: (field: string, value: unknown) => void;
  onEdit: StepEdit;
  readOnly: boolean;
  onOpenJourneyGoal?: (() => void) | undefined;
};

function TypeFields({ step, steps, set, onEdit, readOnly, onOpenJourneyGoal }: FieldsProps) {
  const ro = readOnly;
  const catalog = useCatalog();
  switch (step.type) {
    case "email":
      return (
        <Section title="Email">
          <VariablePicker options={variableOptions(catalog, steps)} readOnly={ro}>
            <TextField label="Subject" value={step.subject} onChange={(v) => set("subject", v)} readOnly={ro} />
            <TextField label="Preheader" value={step.preheader} onChange={(v) => set("preheader", v)} readOnly={ro} />
            <EmailBodyEditor step={step} onEdit={onEdit} readOnly={ro} />
          </VariablePicker>
          <Combobox
            label="Saved template (instead of a body)"
            value={step.templateId ?? ""}
            options={templateOptions(catalog)}
            onChange={(v) => set("templateId", v || undefined)}
            readOnly={ro}
            unseenText="no such template"
          />
          <EmailPreviewPane step={step} />
        </Section>
      );
    case "notification":
      return <NotificationFields step={step} set={set} readOnly={ro} />;
    case "personalize":
      return <PersonalizeFields step={step} set={set} catalog={catalog} readOnly={ro} />;
    case "webhook":
      return <WebhookFields step={step} steps={steps} set={set} catalog={catalog} readOnly={ro} />;
    case "recommend":
      return (
        <Section title="Recommend">
          <NumberField label="How many items" value={step.count} onChange={(v) => set("count", v)} readOnly={ro} />
          <TextField label="Stored as" value={step.into} onChange={(v) => set("into", v)} readOnly={ro} />
          <div className="panel-subtitle">When the customer has no favourite topics yet, use</div>
          <TopicList
            label="Fallback topic"
            values={step.fallbackTopics ?? []}
            options={topicOptions(catalog)}
            onChange={(v) => set("fallbackTopics", v.length > 0 ? v : undefined)}
            readOnly={ro}
          />
        </Section>
      );
    case "update-profile":
      return <UpdateProfileFields step={step} set={set} catalog={catalog} readOnly={ro} />;
    case "goal":
      return (
        <Section title="Goal">
          <GoalStepNote onOpenJourneyGoal={onOpenJourneyGoal} />
          <TextField label="Goal name" value={step.goal} onChange={(v) => set("goal", v)} readOnly={ro} />
          <label className="field checkbox">
            <input
              type="checkbox"
              checked={step.exit}
              disabled={ro}
              onChange={(e) =>
                onEdit({ ...step, exit: e.target.checked, next: e.target.checked ? null : step.next }, "exit")
              }
            />
            <span>Leave the journey when reached</span>
          </label>
          {step.exit && (
            <p className="muted">Customers who reach this goal leave the journey here; no step runs after it.</p>
          )}
        </Section>
      );
    case "exit":
      return <p className="muted">Customers leave the journey here.</p>;
    default: {
      // Any other channel's step is drawn from its module's field list.
      const ui = channelStepUi(step.type);
      if (ui) return <ChannelFields ui={ui} step={step} steps={steps} catalog={catalog} set={set} readOnly={ro} />;
      return <FlowFields step={step} set={set} onEdit={onEdit} readOnly={ro} />;
    }
  }
}
