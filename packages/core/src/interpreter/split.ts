/**
 * A stable bucket in [0, 10000) for a customer at a split step: FNV-1a over the key, so the same customer
 * always takes the same arm of the same split, and different splits are independent.
 */
export function splitBucket(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // A final avalanche so similar keys ("c1", "c2") spread over the whole range.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) % 10_000;
}
