import type { Step, StepOf } from "@overture/core";
import { freeArmId } from "./arm-ids.ts";
import { BranchFields } from "./BranchFields.tsx";
import { Combobox } from "./Combobox.tsx";
import { eventOptions } from "./catalog-options.ts";
import { DurationField } from "./DurationField.tsx";
import { NumberField, Section, SelectField, TextField } from "./fields.tsx";
import { SegmentPicker } from "./SegmentPicker.tsx";
import type { StepEdit } from "./StepPanel.tsx";
import { newTrigger, TRIGGER_CHOICES, type TriggerChoice, triggerChoice } from "./trigger-choice.ts";
import { useCatalog } from "./use-catalog.ts";
import { useSegments } from "./use-segments.ts";
import { WaitFields } from "./WaitFields.tsx";
import { WaitForEventFields } from "./WaitForEventFields.tsx";
import { WhereRows } from "./WhereRows.tsx";

type Props = { step: Step; set: (field: string, value: unknown) => void; onEdit: StepEdit; readOnly: boolean };

/** Forms of the steps that steer customers: trigger, wait, wait for event, branch, split. */
export function FlowFields({ step, set, onEdit, readOnly: ro }: Props) {
  const catalog = useCatalog();
  const segments = useSegments();
  switch (step.type) {
    case "trigger": {
      const t = step.trigger;
      return (
        <Section title="Trigger">
          <SelectField
            label="Starts"
            value={triggerChoice(t)}
            options={TRIGGER_CHOICES}
            onChange={(v) => set("trigger", newTrigger(v as TriggerChoice, t, segments[0]?.id))}
            readOnly={ro}
          />
          {t.type === "event" && (
            <>
              <Combobox
                label="Event"
                value={t.event}
                options={eventOptions(catalog)}
                onChange={(v) => set("trigger", { ...t, event: v })}
                readOnly={ro}
                testId="trigger-event"
              />
              <WhereRows
                event={t.event}
                where={t.where}
                onChange={(where) => set("trigger", { ...t, where })}
                catalog={catalog}
                readOnly={ro}
              />
            </>
          )}
          {t.type === "schedule" && (
            <>
              <DurationField
                label="Every"
                value={t.every}
                onChange={(v) => set("trigger", { ...t, every: v ?? "" })}
                readOnly={ro}
              />
              <SelectField
                label="For"
                value={t.audience === "all-customers" ? "all-customers" : "segment"}
                options={[
                  ["all-customers", "All customers"],
                  ["segment", "Everyone in a segment"],
                ]}
                onChange={(v) =>
                  set("trigger", {
                    ...t,
                    audience: v === "segment" ? { segmentId: segments[0]?.id ?? "" } : "all-customers",
                  })
                }
                readOnly={ro}
              />
              {t.audience !== "all-customers" && (
                <SegmentPicker
                  label="Segment"
                  segmentId={t.audience.segmentId}
                  onChange={(segmentId) => set("trigger", { ...t, audience: { segmentId } })}
                  readOnly={ro}
                  testId="schedule-segment"
                />
              )}
            </>
          )}
          {t.type === "segment" && (
            <SegmentPicker
              label="Segment"
              segmentId={t.segmentId}
              onChange={(segmentId) => set("trigger", { ...t, segmentId })}
              readOnly={ro}
              testId="trigger-segment"
            />
          )}
        </Section>
      );
    }
    case "wait":
      return <WaitFields step={step} set={set} readOnly={ro} />;
    case "wait-for-event":
      return <WaitForEventFields step={step} set={set} catalog={catalog} readOnly={ro} />;
    case "branch":
      return <BranchFields step={step} onEdit={onEdit} catalog={catalog} readOnly={ro} />;
    case "split":
      return <SplitFields step={step} onEdit={onEdit} readOnly={ro} />;
    default:
      return null;
  }
}

function SplitFields({ step, onEdit, readOnly }: { step: StepOf<"split">; onEdit: StepEdit; readOnly: boolean }) {
  const arms = step.arms;
  const setArm = (i: number, patch: Partial<(typeof arms)[number]>, field: string) =>
    onEdit({ ...step, arms: arms.map((a, j) => (j === i ? { ...a, ...patch } : a)) }, `arm-${i}-${field}`);
  return (
    <Section title="Split: a random, stable share of customers per arm">
      {arms.map((arm, i) => (
        <div className="arm row" key={arm.id}>
          <TextField
            label="Label"
            value={arm.label}
            onChange={(v) => setArm(i, { label: v }, "label")}
            readOnly={readOnly}
          />
          <NumberField
            label="Percent"
            value={arm.percent}
            onChange={(v) => setArm(i, { percent: v }, "percent")}
            readOnly={readOnly}
          />
        </div>
      ))}
      {!readOnly && (
        <button
          type="button"
          onClick={() =>
            onEdit(
              {
                ...step,
                arms: [...arms, { id: freeArmId(arms), label: `Arm ${arms.length + 1}`, percent: 0, next: null }],
              },
              "arms",
            )
          }
        >
          Add arm
        </button>
      )}
    </Section>
  );
}
