import { channelStepSpec } from "../model/channel-registry.ts";
import type { ChannelStepFields } from "../model/channel-step.ts";
import { durationMs, formatDuration } from "../model/duration.ts";
import type {
  Action,
  CustomerEvent,
  CustomerFacts,
  Input,
  Instance,
  Json,
  Outcome,
  Transition,
} from "../model/instance.ts";
import type { Step } from "../model/step.ts";
import { exitEventOf } from "../segments/segment-rule.ts";
import type { JourneyVersion } from "./compile-journey.ts";
import { evaluate, matchesWhere } from "./conditions.ts";
import { engagementOf, topTopics } from "./engagement.ts";
import { splitBucket } from "./split.ts";
import { isTimeZone, nextTimeOfDay } from "./time-of-day.ts";

/** A run that executes this many steps without reaching a wait is cut off (validation rejects such loops). */
export const MAX_STEPS_PER_RUN = 1_000;

/** Where the current run goes next, and why; null ends the run. */
type Move = { outcome: string; next: string | null | undefined; reason: string } | "wait" | "end";

type Run = { instance: Instance; actions: Action[]; transitions: Transition[]; steps: number };

/**
 * Advances one instance: given its journey version, its state, what woke it (start, an event, the time) and the
 * customer's facts, returns the next state, the actions to perform, the history facts and when to wake it next.
 * Pure and deterministic: the same arguments always give the same outcome (SPEC rules I1–I4).
 */
export function advance(
  version: JourneyVersion,
  instance: Instance,
  input: Input,
  facts: CustomerFacts,
  now: number,
): Outcome {
  const run: Run = {
    instance: { ...instance, context: { ...instance.context } },
    actions: [],
    transitions: [],
    steps: 0,
  };
  const inst = run.instance;
  if (inst.status === "completed" || inst.status === "exited") return finish(run, now);

  if (input.type === "start") {
    // A repeated start (e.g. a retried entry job) must not run the steps again or restart the wait.
    if (inst.stepId && inst.seq === 0) runFrom(version, run, inst.stepId, facts, now);
    return finish(run, now);
  }

  if (input.type === "event") {
    // A wait that was due before the event happened ends first: the timeout happened, then the event (SPEC I5).
    // The event's own time decides, not when it is handled: a worker that lags must not turn a login inside the
    // window into a timeout.
    if (inst.waiting && input.event.at >= inst.waiting.until) {
      const first = advance(version, instance, { type: "timer" }, facts, now);
      const second = advance(version, first.instance, input, facts, now);
      return {
        ...second,
        actions: [...first.actions, ...second.actions],
        transitions: [...first.transitions, ...second.transitions],
        steps: first.steps + second.steps,
      };
    }
    if (applyJourneyRules(version, run, input.event, now)) return finish(run, now);
    const waiting = inst.waiting;
    if (waiting?.type === "event" && inst.stepId && waiting.events.includes(input.event.name)) {
      const step = version.steps.get(inst.stepId);
      if (
        step?.type === "wait-for-event" &&
        step.events.some((e) => e.event === input.event.name && matchesWhere(input.event.properties, e.where))
      ) {
        resume(version, run, step, "event", step.next, `${input.event.name} at ${iso(input.event.at)}`, facts, now);
      }
    }
    return finish(run, now);
  }

  // A timer: only a due wait moves on; an early or stale timer changes nothing.
  const waiting = inst.waiting;
  if (waiting && now >= waiting.until && inst.stepId) {
    const step = version.steps.get(inst.stepId);
    if (step?.type === "wait-for-event") {
      resume(
        version,
        run,
        step,
        "timeout",
        step.timeoutNext,
        `no ${waiting.type === "event" ? waiting.events.join(" or ") : "event"} within ${step.timeout}`,
        facts,
        now,
      );
    } else if (step?.type === "wait") {
      resume(version, run, step, "next", step.next, `waited until ${iso(waiting.until)}`, facts, now);
    }
  }
  return finish(run, now);
}

/** Exit criteria and the journey goal apply to every event the instance receives. Returns true when it left. */
function applyJourneyRules(version: JourneyVersion, run: Run, event: CustomerEvent, now: number): boolean {
  const { settings } = version.document;
  const inst = run.instance;
  const criterion = settings.exitCriteria
    .map(exitEventOf)
    .find((c) => c.event === event.name && matchesWhere(event.properties, c.where));
  if (criterion) {
    end(run, "exited", `exit criterion: ${event.name}`, now);
    return true;
  }
  const goal = settings.goal;
  if (goal && !inst.converted && goal.event === event.name && matchesWhere(event.properties, goal.where)) {
    const inWindow = goal.within === undefined || event.at - inst.enteredAt <= durationMs(goal.within);
    if (inWindow) {
      inst.converted = true;
      run.transitions.push({
        stepId: inst.stepId ?? "",
        kind: "goal",
        outcome: goal.name,
        reason: `${event.name} at ${iso(event.at)}`,
        at: now,
      });
      if (goal.exit) {
        end(run, "exited", `reached goal ${goal.name}`, now);
        return true;
      }
    }
  }
  return false;
}

function resume(
  version: JourneyVersion,
  run: Run,
  step: Step,
  outcome: string,
  next: string | null,
  reason: string,
  facts: CustomerFacts,
  now: number,
): void {
  run.instance.waiting = null;
  run.instance.status = "active";
  run.transitions.push({ stepId: step.id, kind: "step", outcome, reason, at: now });
  if (next) runFrom(version, run, next, facts, now);
  else end(run, "completed", `no step after ${step.id}`, now);
}

/** Executes steps from `stepId` until a wait, an exit or the end. */
function runFrom(version: JourneyVersion, run: Run, stepId: string, facts: CustomerFacts, now: number): void {
  let current: string | null | undefined = stepId;
  while (current) {
    const step = version.steps.get(current);
    if (!step) {
      end(run, "exited", `step ${current} does not exist`, now);
      return;
    }
    if (run.steps >= MAX_STEPS_PER_RUN) {
      end(run, "exited", `more than ${MAX_STEPS_PER_RUN} steps without a wait`, now);
      return;
    }
    run.steps++;
    run.instance.seq++;
    run.instance.stepId = step.id;
    const move = execute(version, run, step, facts, now);
    if (move === "wait") return;
    if (move === "end") return;
    run.transitions.push({ stepId: step.id, kind: "step", outcome: move.outcome, reason: move.reason, at: now });
    if (!move.next) {
      end(run, "completed", `no step after ${step.id}`, now);
      return;
    }
    current = move.next;
  }
}

function actionKey(inst: Instance, step: Step): string {
  return `${inst.id}:${step.id}:${inst.seq}`;
}

/** Records a channel action of the step being run (a plain function: a closure per step would be made on every call). */
function queue(run: Run, step: Step, type: string, payload: Record<string, Json>): void {
  const inst = run.instance;
  run.actions.push({ type, key: actionKey(inst, step), stepId: step.id, customerId: inst.customerId, payload });
}

/** Runs one step: records its action or decision and says where to go. */
function execute(version: JourneyVersion, run: Run, step: Step, facts: CustomerFacts, now: number): Move {
  const inst = run.instance;
  const ref = { journeyId: version.journeyId, version: version.version };
  // Each action gets a copy of the context as it is at its step; later steps of the same run (recommend) must not change it.
  switch (step.type) {
    case "trigger":
      return { outcome: "next", next: step.next, reason: ENTERED_REASON };
    case "update-profile":
      run.actions.push({
        type: "update-profile",
        key: actionKey(inst, step),
        stepId: step.id,
        customerId: inst.customerId,
        set: step.set as Record<string, Json>,
        unset: step.unset,
      });
      return { outcome: "next", next: step.next, reason: "profile updated" };
    case "recommend": {
      const engagement = engagementOf(facts);
      const ranked = topTopics(engagement, 3);
      const topics = ranked.length > 0 ? ranked : (step.fallbackTopics ?? []);
      inst.context[step.into] = { topics, count: step.count, basedOn: ranked.length > 0 ? "engagement" : "fallback" };
      return {
        outcome: "next",
        next: step.next,
        reason: ranked.length > 0 ? `most time spent on ${ranked.join(", ")}` : "no engagement yet: fallback topics",
      };
    }
    case "goal":
      inst.converted = true;
      run.transitions.push({
        stepId: step.id,
        kind: "goal",
        outcome: step.goal,
        reason: `reached goal step ${step.id}`,
        at: now,
      });
      if (step.exit) {
        end(run, "completed", `reached goal ${step.goal}`, now);
        return "end";
      }
      return { outcome: "next", next: step.next, reason: `goal ${step.goal}` };
    case "exit":
      end(run, "completed", `exit step ${step.id}`, now);
      return "end";
    case "branch": {
      for (const arm of step.arms) {
        const verdict = evaluate(arm.condition, facts, inst, now);
        if (verdict.holds) return { outcome: arm.id, next: arm.next, reason: `took '${arm.label}': ${verdict.reason}` };
      }
      return {
        outcome: "else",
        next: step.else?.next,
        reason: `took '${step.else?.label ?? "Everyone else"}': no arm matched`,
      };
    }
    case "split": {
      const bucket = splitBucket(`${inst.customerId}|${version.journeyId}|${step.id}`);
      let upper = 0;
      let taken = step.arms[step.arms.length - 1];
      for (const arm of step.arms) {
        upper += arm.percent * 100;
        if (bucket < upper) {
          taken = arm;
          break;
        }
      }
      if (!taken) return { outcome: "none", next: null, reason: "split has no arms" };
      // The arm stays in the context, so a later conversion counts for it in the split's report (rule I16).
      const splits = inst.context.splits;
      inst.context.splits = { ...(isJsonObject(splits) ? splits : {}), [step.id]: taken.id };
      return { outcome: taken.id, next: taken.next, reason: `split bucket ${bucket / 100}% → '${taken.label}'` };
    }
    case "wait":
      return startWait(run, step, facts, version, now);
    case "wait-for-event": {
      const until = now + durationMs(step.timeout);
      inst.status = "waiting";
      inst.waiting = { type: "event", events: step.events.map((e) => e.event), until };
      run.transitions.push({
        stepId: step.id,
        kind: "step",
        outcome: "waiting",
        reason: `waits for ${inst.waiting.events.join(" or ")}, at most ${step.timeout}`,
        at: now,
      });
      return "wait";
    }
    default: {
      // A channel's step: its module says what to queue, on which outbox channel.
      const spec = channelStepSpec(step.type);
      if (!spec) throw new Error(`no channel is registered for the step type '${step.type}'`);
      const fields = step as ChannelStepFields;
      queue(run, step, spec.channel, { ...ref, ...spec.payload(fields, { context: { ...inst.context }, now }) });
      return { outcome: "next", next: fields.next, reason: spec.reason?.(fields) ?? `${spec.type} queued` };
    }
  }
}

function startWait(
  run: Run,
  step: Extract<Step, { type: "wait" }>,
  facts: CustomerFacts,
  version: JourneyVersion,
  now: number,
): Move {
  const inst = run.instance;
  let until: number;
  if (step.wait.type === "duration") until = now + durationMs(step.wait.duration);
  else if (step.wait.type === "until-date") until = Date.parse(step.wait.date);
  else {
    const { timezoneAttribute, defaultTimezone } = version.document.settings;
    const zone = facts.attributes[timezoneAttribute];
    const tz = typeof zone === "string" && isTimeZone(zone) ? zone : defaultTimezone;
    until = nextTimeOfDay(now, step.wait.time, tz, step.wait.days);
  }
  if (until <= now) return { outcome: "next", next: step.next, reason: `date ${iso(until)} already passed` };
  inst.status = "waiting";
  inst.waiting = { type: "time", until };
  run.transitions.push({
    stepId: step.id,
    kind: "step",
    outcome: "waiting",
    reason: `waits ${formatDuration(until - now)}, until ${iso(until)}`,
    at: now,
  });
  return "wait";
}

function end(run: Run, status: "completed" | "exited", reason: string, now: number): void {
  const inst = run.instance;
  inst.status = status;
  inst.waiting = null;
  inst.exitReason = reason;
  run.transitions.push({
    stepId: inst.stepId ?? "",
    kind: status === "exited" ? "exit" : "complete",
    outcome: status,
    reason,
    at: now,
  });
}

function finish(run: Run, now: number): Outcome {
  const inst = run.instance;
  if (run.steps > 0 || run.transitions.length > 0) inst.updatedAt = now;
  return {
    instance: inst,
    actions: run.actions,
    transitions: run.transitions,
    wakeAt: inst.waiting?.until ?? null,
    steps: run.steps,
  };
}

function iso(at: number): string {
  return new Date(at).toISOString();
}

/** The reason of a trigger step's transition: the customer entered (the reports count entries by it). */
export const ENTERED_REASON = "entered";

function isJsonObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
