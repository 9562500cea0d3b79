/**
 * A small seeded pseudo-random generator (mulberry32): fast, 32-bit state, good enough to spread synthetic
 * customers. The same seed always gives the same sequence, on every machine.
 */
export type Random = {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max). */
  int(min: number, max: number): number;
  /** A number in [min, max). */
  between(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
};

/** A generator from a 32-bit seed. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const between = (min: number, max: number): number => min + next() * (max - min);
  return {
    next,
    between,
    int: (min, max) => Math.floor(between(min, max)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/**
 * Mixes a seed and an index into a new 32-bit seed, so customer i gets the same random stream whatever the
 * number of customers generated around it (the first 10 of 1,000,000 equal the 10 of a run of 10).
 */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ (index >>> 16), 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
