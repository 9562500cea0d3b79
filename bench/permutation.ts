/**
 * A random order of 0 … n−1 that needs no memory: a 4-round Feistel network over the smallest power of four ≥ n,
 * walked until it lands below n (a bijection on [0, n)). A million customers are shuffled without an array of them.
 */
export function randomPermutation(n: number, seed: number): (i: number) => number {
  if (n < 1) throw new RangeError("an empty permutation");
  let half = 1;
  while (4 ** half < n) half++;
  const mask = (1 << half) - 1;
  const keys = [0x9e3779b9, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f].map((k) => Math.imul(k, seed + 1) >>> 0);
  const round = (x: number, key: number) => {
    let h = Math.imul(x ^ key, 0x45d9f3b);
    h ^= h >>> 16;
    h = Math.imul(h, 0x45d9f3b);
    return (h ^ (h >>> 16)) & mask;
  };
  const once = (x: number) => {
    let left = x >>> half;
    let right = x & mask;
    for (const key of keys) [left, right] = [right, left ^ round(right, key)];
    return left * (mask + 1) + right;
  };
  return (i: number) => {
    let x = once(i);
    while (x >= n) x = once(x);
    return x;
  };
}
