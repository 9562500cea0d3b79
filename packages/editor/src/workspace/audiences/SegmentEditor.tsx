import { describeSegmentRule, type SegmentRuleNames, segmentProblems } from "@overture/core";
import { useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { type Segment, type SegmentDraft, segmentApi } from "../../api/segment-api.ts";
import { useCatalog } from "../../panel/use-catalog.ts";
import type { JourneyChoice } from "./builder-context.ts";
import { EstimateLine } from "./EstimateLine.tsx";
import { RuleGroupEditor } from "./RuleBuilder.tsx";
import { asRuleGroup, constantAnswer, type RuleGroup, readsSomething } from "./rule-edit.ts";
import { type PathProblem, problemsByRow, rowPaths } from "./rule-problems.ts";

type Props = {
  /** The saved segment, or null for a new one. */
  segment: Segment | null;
  journeys: readonly JourneyChoice[];
  segments: readonly Segment[];
  names: SegmentRuleNames;
  /** The journeys and segments have loaded, so the rule's references can be checked as it is edited. */
  loaded: boolean;
  onSaved: (segment: Segment) => void;
};

/**
 * A segment's definition: its name, dynamic (a rule built by clicking, its plain-words summary and live size estimate)
 * or static (members imported from a CSV); saved with the server's problems shown beside the rows they name.
 */
export function SegmentEditor({ segment, journeys, segments, names, loaded, onSaved }: Props) {
  const catalog = useCatalog();
  const [name, setName] = useState(segment?.name ?? "");
  const [description, setDescription] = useState(segment?.description ?? "");
  const [kind, setKind] = useState<"dynamic" | "static">(segment?.kind ?? "dynamic");
  const [group, setGroup] = useState<RuleGroup>(() => asRuleGroup(segment?.rule));
  const [problems, setProblems] = useState<PathProblem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const dynamic = kind === "dynamic";
  const edited = JSON.stringify(group) !== JSON.stringify(asRuleGroup(segment?.rule));
  // Problems found while editing (an unknown step, a bad duration) show at once; the server's after a save.
  const live = loaded && dynamic ? liveProblems(segment?.id, group, journeys, segments) : [];
  const shown = [
    ...problems,
    ...live.filter((p) => !problems.some((q) => q.path === p.path && q.message === p.message)),
  ];
  const byRow = problemsByRow(shown, rowPaths(group));
  const loose = [...(byRow.get("") ?? []), ...(byRow.get("rule") ?? [])];

  const edit = (next: RuleGroup) => {
    setGroup(next);
    setProblems([]);
    setSaved(false);
  };
  const save = async () => {
    const draft: SegmentDraft = dynamic
      ? { kind, name: name.trim(), description: description.trim() || undefined, rule: group }
      : { kind, name: name.trim(), description: description.trim() || undefined };
    setSaving(true);
    try {
      const answer = segment ? await segmentApi.update(segment.id, draft) : await segmentApi.create(draft);
      setProblems([]);
      setMessage(null);
      setSaved(true);
      onSaved(answer);
    } catch (e) {
      setProblems(e instanceof ApiError ? e.problems : []);
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="card segment-editor"
      aria-label="Segment definition"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field-row">
        <label className={loose.some((p) => p.path === "name") ? "field invalid" : "field"}>
          <span>Name</span>
          <input
            aria-label="Segment name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Recent upgraders on pro"
          />
        </label>
        <label className="field">
          <span>Description</span>
          <input aria-label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        {!segment && (
          <label className="field">
            <span>Kind</span>
            <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as "dynamic" | "static")}>
              <option value="dynamic">Dynamic: a rule, kept current</option>
              <option value="static">Static: customers imported from a CSV</option>
            </select>
          </label>
        )}
      </div>
      {dynamic ? (
        <>
          <RuleGroupEditor
            group={group}
            onChange={edit}
            ctx={{ catalog, journeys, segments, selfId: segment?.id, problems: byRow, readOnly: false }}
          />
          <p className="rule-summary" data-testid="rule-words">
            <span className="muted">In words: </span>
            {describeSegmentRule(group, names)}
          </p>
          {!readsSomething(group) && (
            <p className="warning-text" role="status">
              The rule reads nothing about customers yet: as it is, it holds{" "}
              {constantAnswer(group) ? "everyone" : "nobody"}. Add a condition.
            </p>
          )}
          {/* A saved segment's size is above; the estimate says what an edit would make of it. */}
          {readsSomething(group) && (!segment || edited) && (
            <EstimateLine rule={group} label={segment ? "Size with your changes: " : "Size now: "} />
          )}
        </>
      ) : (
        <p className="muted">
          A static segment holds the customers you import from a CSV of customer ids
          {segment ? " (below)" : ", once it is saved"}; it changes only when you import again.
        </p>
      )}
      {message && (
        <div className="error-text" role="alert">
          <p>{message}</p>
          {loose.length > 0 && (
            <ul>
              {loose.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  {p.path ? `${p.path}: ` : ""}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="head-actions">
        <button type="submit" className="primary" disabled={saving}>
          {segment ? "Save segment" : "Create segment"}
        </button>
        {saved && <span className="muted">Saved.</span>}
      </div>
    </form>
  );
}

/** The rule's problems the core finds without the server; "reads nothing" is said by the screen's own warning. */
function liveProblems(
  id: string | undefined,
  rule: RuleGroup,
  journeys: readonly JourneyChoice[],
  segments: readonly Segment[],
): PathProblem[] {
  const known = {
    segmentIds: segments.map((s) => s.id),
    journeys: journeys.map((j) => ({ id: j.id, stepIds: j.steps.map((s) => s.id) })),
    rules: segments.map((s) => ({ id: s.id, rule: s.rule })),
  };
  return segmentProblems({ id, rule }, known).filter((p) => p.code !== "reads-nothing");
}
