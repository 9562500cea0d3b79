import type { Condition } from "@overture/core";
import type { Catalog } from "../api/api-client.ts";
import { Combobox } from "./Combobox.tsx";
import { attributeOptions, eventOptions, topicOptions } from "./catalog-options.ts";
import {
  COUNT_CHOICES,
  type ConditionGroup,
  type ConditionKind,
  KIND_WORDS,
  kindOf,
  newCondition,
  parseValueText,
  valueText,
} from "./condition-edit.ts";
import { DurationField } from "./DurationField.tsx";
import { SegmentPicker } from "./SegmentPicker.tsx";
import { useSegments } from "./use-segments.ts";
import { ValueInput } from "./ValueInput.tsx";
import { OperatorSelect, WhereRows } from "./WhereRows.tsx";

type Ctx = { catalog: Catalog; readOnly: boolean };

/** Edits a group of conditions: "all" or "any" of its rows, rows added and removed by clicking, groups inside groups. */
export function ConditionGroupEditor({
  group,
  onChange,
  ctx,
  depth = 0,
}: {
  group: ConditionGroup;
  onChange: (g: ConditionGroup) => void;
  ctx: Ctx;
  depth?: number;
}) {
  const segments = useSegments();
  const seen = {
    event: ctx.catalog.events[0]?.name,
    attribute: ctx.catalog.attributes[0]?.name,
    topic: ctx.catalog.topics[0],
    segment: segments[0]?.id,
  };
  const setRow = (i: number, c: Condition) =>
    onChange({ ...group, conditions: group.conditions.map((r, j) => (j === i ? c : r)) });
  const add = (kind: ConditionKind) =>
    onChange({ ...group, conditions: [...group.conditions, newCondition(kind, seen)] });
  return (
    <div className={depth === 0 ? "condition-group" : "condition-group nested"}>
      <label className="group-mode">
        <span>Customers who match</span>
        <select
          aria-label="Match"
          value={group.type}
          disabled={ctx.readOnly}
          onChange={(e) => onChange({ ...group, type: e.target.value as "all" | "any" })}
        >
          <option value="all">all of (and)</option>
          <option value="any">any of (or)</option>
        </select>
      </label>
      {group.conditions.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; a row's place is its identity while editing
        <div className="condition-row-wrap" key={i}>
          {i > 0 && <div className="row-joiner">{group.type === "all" ? "and" : "or"}</div>}
          <ConditionRow
            condition={c}
            onChange={(next) => setRow(i, next)}
            onRemove={() => onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== i) })}
            ctx={ctx}
            depth={depth}
          />
        </div>
      ))}
      {!ctx.readOnly && (
        <div className="row-actions">
          <button type="button" onClick={() => add(seen.event ? "event" : "attribute")}>
            + Condition
          </button>
          {depth === 0 && (
            <button type="button" onClick={() => add("group")}>
              + Group
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function ConditionRow(props: {
  condition: Condition;
  onChange: (c: Condition) => void;
  onRemove: () => void;
  ctx: Ctx;
  depth: number;
}) {
  const { condition, ctx } = props;
  const negated = condition.type === "not";
  const inner = condition.type === "not" ? condition.condition : condition;
  const emit = (c: Condition) => props.onChange(negated ? { type: "not", condition: c } : c);
  const kind = kindOf(condition);
  const segments = useSegments();
  const seen = {
    event: ctx.catalog.events[0]?.name,
    attribute: ctx.catalog.attributes[0]?.name,
    topic: ctx.catalog.topics[0],
    segment: segments[0]?.id,
  };
  return (
    <div className="condition-row" data-kind={kind}>
      <div className="row-head">
        <select
          aria-label="Condition kind"
          value={kind}
          disabled={ctx.readOnly}
          onChange={(e) => emit(newCondition(e.target.value as ConditionKind, seen))}
        >
          {KIND_WORDS.filter(([k]) => k !== "group" || props.depth === 0 || kind === "group").map(([value, words]) => (
            <option key={value} value={value}>
              {words}
            </option>
          ))}
        </select>
        <label className="not-toggle">
          <input
            type="checkbox"
            checked={negated}
            disabled={ctx.readOnly}
            onChange={(e) => props.onChange(e.target.checked ? { type: "not", condition: inner } : inner)}
          />
          <span>not</span>
        </label>
        {!ctx.readOnly && (
          <button type="button" className="link remove-row" aria-label="Remove condition" onClick={props.onRemove}>
            ✕
          </button>
        )}
      </div>
      <RowFields condition={inner} onChange={emit} ctx={ctx} depth={props.depth} />
    </div>
  );
}

function RowFields({
  condition: c,
  onChange,
  ctx,
  depth,
}: {
  condition: Condition;
  onChange: (c: Condition) => void;
  ctx: Ctx;
  depth: number;
}) {
  const ro = ctx.readOnly;
  switch (c.type) {
    case "attribute": {
      const samples = ctx.catalog.attributes.find((a) => a.name === c.attribute)?.samples ?? [];
      const numeric = samples.some((s) => typeof s === "number");
      return (
        <>
          <Combobox
            label="Attribute"
            value={c.attribute}
            options={attributeOptions(ctx.catalog)}
            onChange={(v) => onChange({ ...c, attribute: v })}
            readOnly={ro}
          />
          <OperatorSelect
            op={c.op}
            onChange={(op) => onChange({ ...c, op, value: parseValueText(valueText(c.value), op, numeric) })}
            readOnly={ro}
          />
          {c.op !== "exists" && c.op !== "not-exists" && (
            <ValueInput
              label="Value"
              value={c.value}
              op={c.op}
              numeric={numeric}
              samples={samples}
              onChange={(value) => onChange({ ...c, value })}
              readOnly={ro}
            />
          )}
        </>
      );
    }
    case "event": {
      const count = c.count ?? { op: "gte" as const, value: 1 };
      const within = c.since && c.since !== "entry" ? c.since.within : null;
      return (
        <>
          <Combobox
            label="Event"
            value={c.event}
            options={eventOptions(ctx.catalog)}
            onChange={(v) => onChange({ ...c, event: v })}
            readOnly={ro}
          />
          <div className="inline-fields">
            <select
              aria-label="How often"
              value={count.op}
              disabled={ro}
              onChange={(e) => onChange({ ...c, count: { ...count, op: e.target.value as typeof count.op } })}
            >
              {COUNT_CHOICES.map(([value, words]) => (
                <option key={value} value={value}>
                  {words}
                </option>
              ))}
            </select>
            <input
              aria-label="Times"
              type="number"
              min={0}
              value={count.value}
              readOnly={ro}
              onChange={(e) =>
                onChange({ ...c, count: { ...count, value: Math.max(0, Math.floor(Number(e.target.value) || 0)) } })
              }
            />
            <span>times</span>
          </div>
          <div className="inline-fields">
            <select
              aria-label="Counted"
              value={within === null ? "entry" : "within"}
              disabled={ro}
              onChange={(e) => onChange({ ...c, since: e.target.value === "entry" ? undefined : { within: "7d" } })}
            >
              <option value="entry">since entering the journey</option>
              <option value="within">within a window before now</option>
            </select>
          </div>
          {within !== null && (
            <DurationField
              label="Window"
              value={within}
              onChange={(v) => onChange({ ...c, since: { within: v ?? "7d" } })}
              readOnly={ro}
            />
          )}
          <WhereRows
            event={c.event}
            where={c.where}
            onChange={(where) => onChange({ ...c, where })}
            catalog={ctx.catalog}
            readOnly={ro}
          />
        </>
      );
    }
    case "top-topic":
      return (
        <Combobox
          label="Topic"
          value={c.topic}
          options={topicOptions(ctx.catalog)}
          onChange={(v) => onChange({ ...c, topic: v })}
          readOnly={ro}
        />
      );
    case "segment":
      return (
        <SegmentPicker
          label="Segment"
          segmentId={c.segmentId}
          onChange={(segmentId) => onChange({ ...c, segmentId })}
          readOnly={ro}
          testId="condition-segment"
        />
      );
    case "all":
    case "any":
      return <ConditionGroupEditor group={c} onChange={onChange} ctx={ctx} depth={depth + 1} />;
    case "not":
      // A "not" inside a "not" is shown as its inner condition's fields; the toggle above removes one level.
      return (
        <RowFields
          condition={c.condition}
          onChange={(inner) => onChange({ type: "not", condition: inner })}
          ctx={ctx}
          depth={depth}
        />
      );
  }
}
