import type { Step } from "@overture/core";
import { stepTypeLabel } from "../model/new-step.ts";
import { type StepExit, setExit, stepExits } from "../model/step-exits.ts";
import { Section } from "./fields.tsx";
import type { StepEdit } from "./StepPanel.tsx";

type Props = { step: Step; steps: readonly Step[]; onEdit: StepEdit; readOnly: boolean };

/**
 * Where each exit of the step leads, picked from the journey's steps: the way to connect steps without dragging
 * (by keyboard, or when handles are hard to hit), and a readable list of where customers go next.
 */
export function ExitFields({ step, steps, onEdit, readOnly }: Props) {
  const exits = stepExits(step);
  if (exits.length === 0) return null;
  // A trigger starts a journey and nothing leads into it, so it is never offered.
  const targets = steps.filter((s) => s.id !== step.id && s.type !== "trigger");
  return (
    <Section title="Goes on to">
      {exits.map((exit) => (
        <label className="field" key={exit.exit}>
          <span>{exitWords(step, exit)}</span>
          <select
            value={exit.target ?? ""}
            disabled={readOnly}
            data-exit={exit.exit}
            onChange={(e) => onEdit(setExit(step, exit.exit, e.target.value || null), `exit-${exit.exit}`)}
          >
            <option value="">Not connected yet</option>
            {exit.target !== null && !targets.some((t) => t.id === exit.target) && (
              <option value={exit.target}>{exit.target} (missing)</option>
            )}
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name ? `${t.name} (${t.id})` : `${stepTypeLabel(t.type)} (${t.id})`}
              </option>
            ))}
          </select>
        </label>
      ))}
    </Section>
  );
}

/** The label of an exit's picker, in the words of the step. */
function exitWords(step: Step, exit: StepExit): string {
  if (step.type === "wait-for-event")
    return exit.exit === "timeout" ? "When the wait times out" : "When the event comes";
  if (step.type === "branch" || step.type === "split")
    return exit.exit === "else" ? `${exit.label}` : `Arm '${exit.label}'`;
  return "Next step";
}
