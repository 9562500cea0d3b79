import { type Condition, describeCondition, type StepOf } from "@overture/core";
import { useState } from "react";
import type { Catalog } from "../api/api-client.ts";
import { freeArmId } from "./arm-ids.ts";
import { ConditionGroupEditor } from "./ConditionBuilder.tsx";
import { asGroup, fromGroup } from "./condition-edit.ts";
import { JsonField, Section, TextField } from "./fields.tsx";
import type { StepEdit } from "./StepPanel.tsx";
import { segmentNaming } from "./segment-options.ts";
import { useSegments } from "./use-segments.ts";

type Props = { step: StepOf<"branch">; onEdit: StepEdit; catalog: Catalog; readOnly: boolean };

/** A branch's arms, each with a label and a condition built by clicking (or, for experts, JSON), and the else arm. */
export function BranchFields({ step, onEdit, catalog, readOnly }: Props) {
  const arms = step.arms;
  const setArm = (i: number, patch: Partial<(typeof arms)[number]>, field: string) =>
    onEdit({ ...step, arms: arms.map((a, j) => (j === i ? { ...a, ...patch } : a)) }, `arm-${i}-${field}`);
  return (
    <Section title="Branch: the first arm whose condition holds is taken">
      {arms.map((arm, i) => (
        <div className="arm" key={arm.id} data-arm-id={arm.id}>
          <TextField
            label={`Arm ${i + 1} label`}
            value={arm.label}
            onChange={(v) => setArm(i, { label: v }, "label")}
            readOnly={readOnly}
          />
          <ArmCondition
            condition={arm.condition}
            onChange={(c) => setArm(i, { condition: c }, "condition")}
            catalog={catalog}
            readOnly={readOnly}
          />
          {!readOnly && (
            <button
              type="button"
              className="link"
              onClick={() => onEdit({ ...step, arms: arms.filter((_, j) => j !== i) }, "arms")}
            >
              Remove arm
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button
          type="button"
          onClick={() =>
            onEdit(
              {
                ...step,
                arms: [
                  ...arms,
                  {
                    id: freeArmId(arms),
                    label: `Arm ${arms.length + 1}`,
                    condition: { type: "event", event: catalog.events[0]?.name ?? "portal.login" },
                    next: null,
                  },
                ],
              },
              "arms",
            )
          }
        >
          Add arm
        </button>
      )}
      <TextField
        label="Everyone else label"
        value={step.else?.label}
        onChange={(v) => onEdit({ ...step, else: { label: v, next: step.else?.next ?? null } }, "else")}
        readOnly={readOnly}
      />
    </Section>
  );
}

function ArmCondition({
  condition,
  onChange,
  catalog,
  readOnly,
}: {
  condition: Condition;
  onChange: (c: Condition) => void;
  catalog: Catalog;
  readOnly: boolean;
}) {
  const [json, setJson] = useState(false);
  const segments = useSegments();
  let summary: string;
  try {
    summary = describeCondition(condition, segmentNaming(segments));
  } catch {
    summary = "(an incomplete condition)";
  }
  return (
    <div className="arm-condition">
      <p className="condition-summary" data-testid="condition-summary">
        Takes customers when {summary}
      </p>
      {json ? (
        <JsonField
          label="Condition (JSON)"
          value={condition}
          onChange={(v) => onChange(v as Condition)}
          readOnly={readOnly}
        />
      ) : (
        <ConditionGroupEditor
          group={asGroup(condition)}
          onChange={(g) => onChange(fromGroup(g))}
          ctx={{ catalog, readOnly }}
        />
      )}
      <button type="button" className="link advanced-toggle" onClick={() => setJson(!json)}>
        {json ? "Back to the builder" : "Advanced: JSON"}
      </button>
    </div>
  );
}
