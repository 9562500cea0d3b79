import { Combobox } from "../../panel/Combobox.tsx";
import { attributeOptions, eventOptions, topicOptions } from "../../panel/catalog-options.ts";
import { parseValueText, valueText } from "../../panel/condition-edit.ts";
import { DurationField } from "../../panel/DurationField.tsx";
import { SegmentPicker } from "../../panel/SegmentPicker.tsx";
import { ValueInput } from "../../panel/ValueInput.tsx";
import { OperatorSelect, WhereRows } from "../../panel/WhereRows.tsx";
import type { BuilderContext } from "./builder-context.ts";
import { attributeValue, dateInputValue, isoFromDateInput, JOURNEY_STATE_WORDS, type LeafRule } from "./rule-edit.ts";
import { CountFields, WindowFields } from "./WindowFields.tsx";

type Props<R> = { rule: R; onChange: (rule: LeafRule) => void; ctx: BuilderContext };

/** The fields of one leaf of a segment rule, with the journey editor's pickers. */
export function RuleFields({ rule, onChange, ctx }: Props<LeafRule>) {
  const ro = ctx.readOnly;
  switch (rule.type) {
    case "attribute": {
      const samples = ctx.catalog.attributes.find((a) => a.name === rule.attribute)?.samples ?? [];
      const numeric = samples.some((s) => typeof s === "number");
      return (
        <>
          <Combobox
            label="Attribute"
            value={rule.attribute}
            options={attributeOptions(ctx.catalog)}
            onChange={(attribute) => onChange({ ...rule, attribute })}
            readOnly={ro}
          />
          <OperatorSelect
            op={rule.op}
            onChange={(op) =>
              onChange({ ...rule, op, value: attributeValue(parseValueText(valueText(rule.value), op, numeric)) })
            }
            readOnly={ro}
          />
          {rule.op !== "exists" && rule.op !== "not-exists" && (
            <ValueInput
              label="Value"
              value={rule.value}
              op={rule.op}
              numeric={numeric}
              samples={samples}
              onChange={(value) => onChange({ ...rule, value: attributeValue(value) })}
              readOnly={ro}
            />
          )}
        </>
      );
    }
    case "event":
      return (
        <>
          <Combobox
            label="Event"
            value={rule.event}
            options={eventOptions(ctx.catalog)}
            onChange={(event) => onChange({ ...rule, event })}
            readOnly={ro}
          />
          <CountFields count={rule.count} onChange={(count) => onChange({ ...rule, count })} readOnly={ro} />
          <WindowFields
            window={rule.window}
            onChange={(window) => onChange({ ...rule, window })}
            catalog={ctx.catalog}
            readOnly={ro}
          />
          <WhereRows
            event={rule.event}
            where={rule.where}
            onChange={(where) => onChange({ ...rule, where })}
            catalog={ctx.catalog}
            readOnly={ro}
          />
        </>
      );
    case "event-time":
      return <EventTimeFields rule={rule} onChange={onChange} ctx={ctx} />;
    case "email-engagement":
      return (
        <>
          <div className="inline-fields">
            <select
              aria-label="Opened or clicked"
              value={rule.action}
              disabled={ro}
              onChange={(e) => onChange({ ...rule, action: e.target.value as "opened" | "clicked" })}
            >
              <option value="opened">opened</option>
              <option value="clicked">clicked</option>
            </select>
            <select
              aria-label="Emails from"
              value={rule.journeyId ?? ""}
              disabled={ro}
              onChange={(e) => onChange({ ...rule, journeyId: e.target.value || undefined })}
            >
              <option value="">emails of any journey</option>
              {ctx.journeys.map((j) => (
                <option key={j.id} value={j.id}>
                  emails of “{j.name}”
                </option>
              ))}
            </select>
          </div>
          <CountFields count={rule.count} onChange={(count) => onChange({ ...rule, count })} readOnly={ro} />
          <WindowFields
            window={rule.window}
            onChange={(window) => onChange({ ...rule, window })}
            catalog={ctx.catalog}
            readOnly={ro}
          />
        </>
      );
    case "portal-login":
      return (
        <>
          <CountFields count={rule.count} onChange={(count) => onChange({ ...rule, count })} readOnly={ro} />
          <WindowFields
            window={rule.window}
            onChange={(window) => onChange({ ...rule, window })}
            catalog={ctx.catalog}
            readOnly={ro}
          />
        </>
      );
    case "dwell":
      return (
        <>
          <Combobox
            label="Topic"
            value={rule.topic}
            options={topicOptions(ctx.catalog)}
            onChange={(topic) => onChange({ ...rule, topic })}
            readOnly={ro}
          />
          <div className="inline-fields">
            <select
              aria-label="At least or at most"
              value={rule.op}
              disabled={ro}
              onChange={(e) => onChange({ ...rule, op: e.target.value as "gte" | "lte" })}
            >
              <option value="gte">at least</option>
              <option value="lte">at most</option>
            </select>
            <input
              aria-label="Minutes"
              type="number"
              min={0}
              value={rule.minutes}
              readOnly={ro}
              onChange={(e) => onChange({ ...rule, minutes: Math.max(0, Number(e.target.value) || 0) })}
            />
            <span>minutes of reading</span>
          </div>
          <WindowFields
            window={rule.window}
            onChange={(window) => onChange({ ...rule, window })}
            catalog={ctx.catalog}
            readOnly={ro}
          />
        </>
      );
    case "journey":
      return <JourneyFields rule={rule} onChange={onChange} ctx={ctx} />;
    case "segment":
      return (
        <SegmentPicker
          label="Segment"
          segmentId={rule.segmentId}
          onChange={(segmentId) => onChange({ ...rule, segmentId })}
          readOnly={ro}
        />
      );
  }
}

function EventTimeFields({ rule, onChange, ctx }: Props<Extract<LeafRule, { type: "event-time" }>>) {
  const ro = ctx.readOnly;
  const dated = rule.op === "before" || rule.op === "after";
  return (
    <>
      <div className="inline-fields">
        <select
          aria-label="First or last"
          value={rule.which}
          disabled={ro}
          onChange={(e) => onChange({ ...rule, which: e.target.value as "first" | "last" })}
        >
          <option value="first">first time</option>
          <option value="last">last time</option>
        </select>
      </div>
      <Combobox
        label="Event"
        value={rule.event}
        options={eventOptions(ctx.catalog)}
        onChange={(event) => onChange({ ...rule, event })}
        readOnly={ro}
      />
      <div className="inline-fields">
        <select
          aria-label="When it was"
          value={rule.op}
          disabled={ro}
          onChange={(e) => {
            const op = e.target.value as typeof rule.op;
            const toDate = op === "before" || op === "after";
            onChange(
              toDate
                ? {
                    ...rule,
                    op,
                    duration: undefined,
                    date: rule.date ?? `${new Date().toISOString().slice(0, 10)}T00:00:00Z`,
                  }
                : { ...rule, op, date: undefined, duration: rule.duration ?? "7d" },
            );
          }}
        >
          <option value="more-than-ago">more than … ago</option>
          <option value="less-than-ago">less than … ago</option>
          <option value="before">before a date</option>
          <option value="after">after a date</option>
        </select>
      </div>
      {dated ? (
        <label className="field">
          <span>Date</span>
          <input
            type="date"
            aria-label="Date"
            value={dateInputValue(rule.date)}
            readOnly={ro}
            onChange={(e) => {
              const date = isoFromDateInput(e.target.value);
              if (date) onChange({ ...rule, date });
            }}
          />
        </label>
      ) : (
        <DurationField
          label="Ago"
          value={rule.duration}
          onChange={(duration) => onChange({ ...rule, duration: duration ?? "7d" })}
          readOnly={ro}
        />
      )}
      <WhereRows
        event={rule.event}
        where={rule.where}
        onChange={(where) => onChange({ ...rule, where })}
        catalog={ctx.catalog}
        readOnly={ro}
      />
    </>
  );
}

function JourneyFields({ rule, onChange, ctx }: Props<Extract<LeafRule, { type: "journey" }>>) {
  const ro = ctx.readOnly;
  const journey = ctx.journeys.find((j) => j.id === rule.journeyId);
  return (
    <>
      <label className="field">
        <span>Journey</span>
        <select
          aria-label="Journey"
          value={rule.journeyId}
          disabled={ro}
          onChange={(e) =>
            onChange({ ...rule, journeyId: e.target.value, stepId: rule.state === "reached-step" ? "" : undefined })
          }
        >
          {rule.journeyId === "" && <option value="">Pick a journey…</option>}
          {!journey && rule.journeyId !== "" && <option value={rule.journeyId}>a deleted journey</option>}
          {ctx.journeys.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>The customer</span>
        <select
          aria-label="Journey fact"
          value={rule.state}
          disabled={ro}
          onChange={(e) => {
            const state = e.target.value as typeof rule.state;
            onChange({ ...rule, state, stepId: state === "reached-step" ? (journey?.steps[0]?.id ?? "") : undefined });
          }}
        >
          {JOURNEY_STATE_WORDS.map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </select>
      </label>
      {rule.state === "reached-step" && (
        <label className="field">
          <span>Step</span>
          <select
            aria-label="Step"
            value={rule.stepId ?? ""}
            disabled={ro}
            onChange={(e) => onChange({ ...rule, stepId: e.target.value })}
          >
            {!rule.stepId && <option value="">Pick a step…</option>}
            {(journey?.steps ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
