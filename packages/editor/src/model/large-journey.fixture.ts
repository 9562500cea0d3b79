import { JourneyDocument, type Step } from "@overture/core";

/**
 * A generated journey of exactly `size` steps with every shape the canvas draws: long names and summaries, branches
 * with three exits, three-way splits, waits for events with a timeout path, arms that join again. Used by the layout
 * test and the browser check at 1280×800 (issue #4: no layout breaks with a 60-step journey). No positions: the
 * editor tidies it on opening.
 */
export function largeJourney(size = 60): JourneyDocument {
  const steps: Step[] = [];
  let n = 0;
  const id = (kind: string) => `${kind}-${++n}`;
  const email = (next: string | null, long = false): Step => ({
    id: id("email"),
    type: "email",
    name: long ? `A rather long email name that wraps over several lines, number ${n}` : `Email ${n}`,
    subject: long
      ? "Here is everything you need to know to get going with your new account, {{ customer.firstName }}"
      : "Hello",
    body: "<mjml><mj-body></mj-body></mjml>",
    next,
  });
  // Built from the end backwards, so every step's exits name steps that exist.
  const end: Step = { id: "done", type: "exit", name: "Done" };
  steps.push(end);
  let head = end.id;
  const add = (step: Step) => {
    steps.unshift(step);
    head = step.id;
  };
  for (let round = 0; steps.length < size - 1; round++) {
    const after = head;
    const sizes = [1, 2, 4, 3];
    // Near the end, single emails make the count come out exact.
    const shape = sizes[round % 4]! <= size - 1 - steps.length ? round % 4 : 0;
    if (shape === 0) add(email(after, true));
    else if (shape === 1) {
      const reminder = email(after);
      steps.unshift(reminder);
      add({
        id: id("wait-for"),
        type: "wait-for-event",
        name: "Wait for a login or a content view",
        events: [{ event: "portal.login" }, { event: "content.viewed" }],
        timeout: "3d",
        next: after,
        timeoutNext: reminder.id,
      });
    } else if (shape === 2) {
      const arms = ["a", "b", "c"].map((arm) => ({ arm, step: email(after) }));
      for (const { step } of arms) steps.unshift(step);
      add({
        id: id("split"),
        type: "split",
        name: "Three-way test",
        arms: arms.map(({ arm, step }, i) => ({
          id: arm,
          label: arm.toUpperCase(),
          percent: i === 2 ? 34 : 33,
          next: step.id,
        })),
      });
    } else {
      const [yes, maybe] = [email(after), email(after)];
      steps.unshift(yes, maybe);
      add({
        id: id("branch"),
        type: "branch",
        name: "Engaged or not",
        arms: [
          { id: "engaged", label: "Logged in", condition: { type: "event", event: "portal.login" }, next: yes.id },
          {
            id: "reader",
            label: "Read content",
            condition: { type: "event", event: "content.viewed" },
            next: maybe.id,
          },
        ],
        else: { label: "Everyone else", next: after },
      });
    }
  }
  steps.unshift({
    id: "start",
    type: "trigger",
    name: "Purchase completed",
    trigger: { type: "event", event: "purchase.completed" },
    next: head,
  });
  // Parsed, so the settings and steps have every default a saved document has.
  return JourneyDocument.parse({
    schemaVersion: 1,
    name: `${size}-step journey`,
    settings: { reentry: "never" },
    steps,
  });
}
