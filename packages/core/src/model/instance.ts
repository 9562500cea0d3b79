/** Plain JSON value, as stored in instance context and action payloads. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** An event as the interpreter sees it. Times are epoch milliseconds. */
export type CustomerEvent = {
  id: string;
  name: string;
  customerId: string;
  properties: Record<string, Json>;
  at: number;
};

/** What an instance is waiting for, if anything. */
export type Waiting = { type: "time"; until: number } | { type: "event"; events: string[]; until: number };

/** Where one customer is in one entry of a journey version. The runtime stores it; the interpreter derives the next one. */
export type Instance = {
  id: string;
  journeyId: string;
  version: number;
  customerId: string;
  /** 1 for the customer's first entry into this journey, 2 for the second… */
  entry: number;
  status: "active" | "waiting" | "completed" | "exited";
  /** The step the instance is at (the wait it waits in), or the last step when ended. */
  stepId: string | null;
  waiting: Waiting | null;
  enteredAt: number;
  updatedAt: number;
  /** Counts steps executed; part of every action's idempotency key so replays produce the same keys. */
  seq: number;
  converted: boolean;
  exitReason: string | null;
  /** The journey context: `trigger` holds the entering event ({ name, properties }); steps store more (e.g. recommendations). */
  context: Record<string, Json>;
};

/** What the runtime knows about the customer, handed to the interpreter so it needs no I/O. */
export type CustomerFacts = {
  id: string;
  attributes: Record<string, Json>;
  /** The customer's events whose names the journey's conditions mention (see factsNeeded); newest last. */
  events?: CustomerEvent[];
  /** Dwell time in milliseconds per content topic. */
  engagement?: Record<string, number>;
  /** The segments the customer is in now (issue 14), when a condition asks ("is in segment"). */
  segments?: readonly string[];
};

/** An effect for a channel, written to the outbox in the same transaction as the instance. */
export type ChannelAction = {
  /** The outbox channel ("email", "slot", "sms"…): the step's channel module says which. */
  type: string;
  /** Idempotency key: instance, step and step sequence; identical when a crashed run is replayed. */
  key: string;
  stepId: string;
  customerId: string;
  payload: Record<string, Json>;
};

/** True for a profile update; every other action goes to the outbox of its channel. */
export function isProfileAction(action: Action): action is ProfileAction {
  return action.type === "update-profile";
}

/** A change the runtime applies to the customer's profile in the same transaction. */
export type ProfileAction = {
  type: "update-profile";
  key: string;
  stepId: string;
  customerId: string;
  set: Record<string, Json>;
  unset: string[];
};

/** Everything the interpreter asks the runtime to do. */
export type Action = ChannelAction | ProfileAction;

/** An append-only fact: this instance did this at this step, and why. The customer's journey history is made of these. */
export type Transition = {
  stepId: string;
  /** entered a step, took an exit of it, converted, or left the journey. */
  kind: "step" | "goal" | "exit" | "complete";
  /** The exit taken: "next", "timeout", an arm id… */
  outcome: string;
  reason: string;
  at: number;
};

/** What woke the instance. */
export type Input = { type: "start" } | { type: "event"; event: CustomerEvent } | { type: "timer" };

/** The interpreter's answer: the next instance state, what to do, and when to wake it (null: no timer). */
export type Outcome = {
  instance: Instance;
  actions: Action[];
  transitions: Transition[];
  wakeAt: number | null;
  /** Steps executed in this call (the benchmark's unit). */
  steps: number;
};
