import type { SegmentRule } from "@overture/core";
import type { BuilderContext } from "./builder-context.ts";
import { RuleFields } from "./RuleFields.tsx";
import {
  type LeafRule,
  newRule,
  RULE_KIND_WORDS,
  type RuleGroup,
  type RuleKind,
  replaceInner,
  ruleKindOf,
  setNegated,
} from "./rule-edit.ts";
import { childPath, ROOT_PATH } from "./rule-problems.ts";

/** How deep groups nest: a group inside a group inside the root is as far as a reader follows. */
const MAX_DEPTH = 2;

/** Seen names for new rows: the first event, attribute, topic, journey and segment the workspace has. */
function seenOf(ctx: BuilderContext) {
  return {
    event: ctx.catalog.events[0]?.name,
    attribute: ctx.catalog.attributes[0]?.name,
    topic: ctx.catalog.topics[0],
    journey: ctx.journeys[0]?.id,
    segment: ctx.segments.find((s) => s.id !== ctx.selfId)?.id,
  };
}

/**
 * Edits a group of a segment's rule: all or any of its rows, rows added, removed and negated by clicking, groups
 * inside groups. `path` is the group's place in the body as the server names it, for problems.
 */
export function RuleGroupEditor({
  group,
  onChange,
  ctx,
  path = ROOT_PATH,
  depth = 0,
}: {
  group: RuleGroup;
  onChange: (group: RuleGroup) => void;
  ctx: BuilderContext;
  path?: string;
  depth?: number;
}) {
  const setRow = (i: number, rule: SegmentRule) =>
    onChange({ ...group, rules: group.rules.map((r, j) => (j === i ? rule : r)) });
  const add = (kind: RuleKind) => onChange({ ...group, rules: [...group.rules, newRule(kind, seenOf(ctx))] });
  return (
    <div className={depth === 0 ? "condition-group rule-group" : "condition-group rule-group nested"} data-path={path}>
      <label className="group-mode">
        <span>{depth === 0 ? "Customers who match" : "Match"}</span>
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
      {group.rules.map((rule, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id; a row's place is its identity while editing
        <div className="condition-row-wrap" key={i}>
          {i > 0 && <div className="row-joiner">{group.type === "all" ? "and" : "or"}</div>}
          <RuleRow
            rule={rule}
            path={childPath(path, i)}
            onChange={(next) => setRow(i, next)}
            onRemove={() => onChange({ ...group, rules: group.rules.filter((_, j) => j !== i) })}
            ctx={ctx}
            depth={depth}
          />
        </div>
      ))}
      {!ctx.readOnly && (
        <div className="row-actions">
          <button type="button" onClick={() => add("event")}>
            + Condition
          </button>
          {depth < MAX_DEPTH && (
            <button type="button" onClick={() => add("group")}>
              + Group
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function RuleRow(props: {
  rule: SegmentRule;
  path: string;
  onChange: (rule: SegmentRule) => void;
  onRemove: () => void;
  ctx: BuilderContext;
  depth: number;
}) {
  const { rule, ctx } = props;
  const negated = rule.type === "not";
  const inner = rule.type === "not" ? rule.rule : rule;
  const kind = ruleKindOf(rule);
  const problems = ctx.problems.get(props.path) ?? [];
  const emit = (next: SegmentRule) => props.onChange(replaceInner(rule, next));
  return (
    <div
      className={problems.length > 0 ? "condition-row rule-row has-problems" : "condition-row rule-row"}
      data-kind={kind}
      data-path={props.path}
    >
      <div className="row-head">
        <select
          aria-label="Condition kind"
          value={kind}
          disabled={ctx.readOnly}
          onChange={(e) => emit(newRule(e.target.value as RuleKind, seenOf(ctx)))}
        >
          {RULE_KIND_WORDS.filter(([k]) => k !== "group" || props.depth < MAX_DEPTH || kind === "group").map(
            ([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ),
          )}
        </select>
        <label className="not-toggle">
          <input
            type="checkbox"
            checked={negated}
            disabled={ctx.readOnly}
            onChange={(e) => props.onChange(setNegated(rule, e.target.checked))}
          />
          <span>not</span>
        </label>
        {!ctx.readOnly && (
          <button type="button" className="link remove-row" aria-label="Remove condition" onClick={props.onRemove}>
            ✕
          </button>
        )}
      </div>
      {inner.type === "all" || inner.type === "any" ? (
        <RuleGroupEditor
          group={inner}
          onChange={emit}
          ctx={ctx}
          path={negated ? `${props.path}.rule` : props.path}
          depth={props.depth + 1}
        />
      ) : inner.type === "not" ? (
        // A not inside a not: shown as its inner rule's row; the toggle above takes one level off.
        <RuleRow {...props} rule={inner} onChange={emit} path={`${props.path}.rule`} />
      ) : (
        <RuleFields rule={inner as LeafRule} onChange={emit} ctx={ctx} />
      )}
      {problems.map((p) => (
        <p key={`${p.path}:${p.message}`} className="field-error rule-problem" role="alert">
          {p.message}
        </p>
      ))}
    </div>
  );
}
