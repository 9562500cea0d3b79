const count = (n: number) => n.toLocaleString("en-US");

/** A size estimate in words: "exactly 42 customers" or "≈ 12,300 customers (12,000–12,600), from a sample of 5,000". */
export function estimateWords(estimate: {
  estimate: number;
  low: number;
  high: number;
  exact: boolean;
  sampled: number;
}): string {
  const customers = (n: number) => `${count(n)} customer${n === 1 ? "" : "s"}`;
  if (estimate.exact) return `exactly ${customers(estimate.estimate)}`;
  return `≈ ${customers(estimate.estimate)} (${count(estimate.low)}–${count(estimate.high)}), from a sample of ${count(estimate.sampled)}`;
}

/** A segment's size and build in words: "1,204 customers", "building: 3 of 8 parts done". */
export function sizeWords(segment: {
  size: number;
  status: "building" | "ready";
  built: { partitions: number; of: number };
}): string {
  const size = `${count(segment.size)} customer${segment.size === 1 ? "" : "s"}`;
  if (segment.status === "ready") return size;
  return `${size} so far (building: ${segment.built.partitions} of ${segment.built.of} parts done)`;
}
