import { z } from "zod";

/**
 * How a draft's simulated customers behave: which events they send, how many of them, when, and with which values.
 * Derived from the journey (see `simulationBehaviours`) and saved in its settings once the user edits it.
 */

/** A delay as people write it, zero allowed: "0m", "2h", "3d", "1d12h". */
export const SimulationDelay = z.string().regex(/^(\d+[smhdw])+$/, 'a delay like "0m", "2h" or "3d"');

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * The values a simulated property or attribute takes: any number in a range (whole numbers when both ends are), or
 * one of a list, each as likely (`null` leaves it unset).
 */
export const SimulatedValues = z.discriminatedUnion("type", [
  z.object({ type: z.literal("range"), min: z.number(), max: z.number() }),
  z.object({ type: z.literal("one-of"), values: z.array(Scalar).min(1).max(50) }),
]);
export type SimulatedValues = z.infer<typeof SimulatedValues>;

/** One property of a simulated event and its values. */
export const SimulatedProperty = z.object({ property: z.string().min(1), values: SimulatedValues });
export type SimulatedProperty = z.infer<typeof SimulatedProperty>;

/**
 * An event simulated customers send: the share of customers who send it (0–100 %), and when, as a delay drawn
 * evenly between `from` and `to`. The journey's entry events count from the start of the simulation; every other
 * event from the customer's entry.
 */
export const SimulatedEvent = z.object({
  event: z.string().min(1),
  share: z.number().min(0).max(100),
  delay: z.object({ from: SimulationDelay, to: SimulationDelay }),
  properties: z.array(SimulatedProperty).default([]),
});
export type SimulatedEvent = z.infer<typeof SimulatedEvent>;

/** A profile attribute of simulated customers and its values. */
export const SimulatedAttribute = z.object({ attribute: z.string().min(1), values: SimulatedValues });
export type SimulatedAttribute = z.infer<typeof SimulatedAttribute>;

/** Every simulated behaviour of a journey; saved as `settings.simulation` (optional: absent means "derived"). */
export const SimulationModel = z.object({
  events: z.array(SimulatedEvent).max(200).default([]),
  attributes: z.array(SimulatedAttribute).max(200).default([]),
});
export type SimulationModel = z.infer<typeof SimulationModel>;

/** A simulation delay in milliseconds ("0m" → 0, "1d12h" → 129,600,000); null when the text is not a delay. */
export function simulationDelayMs(text: string): number | null {
  if (!SimulationDelay.safeParse(text).success) return null;
  const units = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
  let total = 0;
  for (const part of text.matchAll(/(\d+)([smhdw])/g)) total += Number(part[1]) * units[part[2] as keyof typeof units];
  return total;
}
