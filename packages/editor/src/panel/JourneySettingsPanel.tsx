import {
  describeExitCriteria,
  describeGoal,
  type EventExitCriterion,
  type ExitCriterion,
  JourneySettings,
  type Step,
} from "@overture/core";
import type { Catalog } from "../api/api-client.ts";
import { Combobox } from "./Combobox.tsx";
import { eventOptions } from "./catalog-options.ts";
import { DurationField } from "./DurationField.tsx";
import { Section, TextField } from "./fields.tsx";
import { JourneyGoalNote } from "./GoalNotes.tsx";
import { SegmentPicker } from "./SegmentPicker.tsx";
import { segmentNaming } from "./segment-options.ts";
import { useCatalog } from "./use-catalog.ts";
import { useSegments } from "./use-segments.ts";
import { WhereRows } from "./WhereRows.tsx";

type Props = {
  /** Undefined in a document saved without settings (every setting then has its default). */
  settings: JourneySettings | undefined;
  /** Replaces the settings; `field` keys the undo step, so typing in one box is one step. */
  onChange: (settings: JourneySettings, field: string) => void;
  readOnly: boolean;
  /** The journey's goal steps, named under the journey goal with a link each (two kinds of goal, explained). */
  goalSteps?: readonly Step[];
  onSelectStep?: (stepId: string) => void;
};

/** The journey's exit criteria and conversion goal, with events picked from those the workspace has seen. */
export function JourneySettingsPanel({ settings, onChange, readOnly, goalSteps, onSelectStep }: Props) {
  const catalog = useCatalog();
  // A draft is saved as the user left it, so its settings may lack fields the schema would default.
  const complete = { ...JourneySettings.parse({}), ...settings, exitCriteria: settings?.exitCriteria ?? [] };
  return (
    <SettingsForm
      settings={complete}
      onChange={onChange}
      readOnly={readOnly}
      catalog={catalog}
      goalSteps={goalSteps}
      onSelectStep={onSelectStep}
    />
  );
}

function SettingsForm({
  settings,
  onChange,
  readOnly: ro,
  catalog,
  goalSteps = [],
  onSelectStep,
}: Props & { settings: JourneySettings; catalog: Catalog }) {
  const criteria = settings.exitCriteria;
  const segments = useSegments();
  const goal = settings.goal;
  const setCriterion = (i: number, patch: Partial<EventExitCriterion>) =>
    onChange(
      { ...settings, exitCriteria: criteria.map((c, j) => (j === i ? ({ ...c, ...patch } as ExitCriterion) : c)) },
      `exit-${i}`,
    );
  const setExit = (i: number, criterion: ExitCriterion) =>
    onChange({ ...settings, exitCriteria: criteria.map((c, j) => (j === i ? criterion : c)) }, `exit-${i}`);
  const setGoal = (patch: Partial<NonNullable<typeof goal>>, field: string) =>
    goal && onChange({ ...settings, goal: { ...goal, ...patch } }, `goal-${field}`);
  return (
    <section className="journey-settings" aria-label="Journey settings">
      <Section title="Customers leave the journey when they">
        {criteria.length === 0 && (
          <p className="muted">No exit criteria: customers stay until the journey ends for them.</p>
        )}
        {criteria.map((c, i) => {
          const remove = !ro && (
            <button
              type="button"
              className="link"
              onClick={() => onChange({ ...settings, exitCriteria: criteria.filter((_, j) => j !== i) }, "exits")}
            >
              Remove
            </button>
          );
          return "leavesSegment" in c ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: criteria have no id; a row's place is its identity while editing
            <div className="arm" key={i}>
              <SegmentPicker
                label={i === 0 ? "Leave segment" : "or leave segment"}
                segmentId={c.leavesSegment}
                onChange={(leavesSegment) => setExit(i, { leavesSegment })}
                readOnly={ro}
                testId="exit-segment"
              />
              {remove}
            </div>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: criteria have no id; a row's place is its identity while editing
            <div className="arm" key={i}>
              <Combobox
                label={i === 0 ? "Do" : "or do"}
                value={c.event}
                options={eventOptions(catalog)}
                onChange={(v) => setCriterion(i, { event: v })}
                readOnly={ro}
              />
              <WhereRows
                event={c.event}
                where={c.where}
                onChange={(where) => setCriterion(i, { where })}
                catalog={catalog}
                readOnly={ro}
              />
              {remove}
            </div>
          );
        })}
        {!ro && (
          <div className="row-actions">
            <button
              type="button"
              onClick={() =>
                onChange(
                  { ...settings, exitCriteria: [...criteria, { event: catalog.events[0]?.name ?? "" }] },
                  "exits",
                )
              }
            >
              + Exit event
            </button>
            <button
              type="button"
              onClick={() =>
                onChange(
                  { ...settings, exitCriteria: [...criteria, { leavesSegment: segments[0]?.id ?? "" }] },
                  "exits",
                )
              }
            >
              + Leaves a segment
            </button>
          </div>
        )}
        {criteria.length > 0 && (
          <p className="condition-summary">{describeExitCriteria(criteria, segmentNaming(segments))}</p>
        )}
      </Section>
      <Section title="Journey goal (conversion)" id="journey-goal">
        <JourneyGoalNote goalSteps={goalSteps} onSelectStep={onSelectStep} />
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={goal !== undefined}
            disabled={ro}
            onChange={(e) =>
              onChange(
                {
                  ...settings,
                  goal: e.target.checked
                    ? { name: "Converted", event: catalog.events[0]?.name ?? "purchase.completed", exit: false }
                    : undefined,
                },
                "goal",
              )
            }
          />
          <span>Count customers who convert</span>
        </label>
        {goal && (
          <>
            <TextField
              label="Goal name"
              value={goal.name}
              onChange={(v) => setGoal({ name: v }, "name")}
              readOnly={ro}
            />
            <Combobox
              label="When the customer does"
              value={goal.event}
              options={eventOptions(catalog)}
              onChange={(v) => setGoal({ event: v }, "event")}
              readOnly={ro}
            />
            <WhereRows
              event={goal.event}
              where={goal.where}
              onChange={(where) => setGoal({ where }, "where")}
              catalog={catalog}
              readOnly={ro}
            />
            <DurationField
              label="Within (from entering)"
              value={goal.within}
              emptyText="any time"
              onChange={(v) => setGoal({ within: v }, "within")}
              readOnly={ro}
            />
            <label className="field checkbox">
              <input
                type="checkbox"
                checked={goal.exit}
                disabled={ro}
                onChange={(e) => setGoal({ exit: e.target.checked }, "exit")}
              />
              <span>Leave the journey once converted</span>
            </label>
            <p className="condition-summary">{describeGoal(goal)}</p>
          </>
        )}
      </Section>
    </section>
  );
}
