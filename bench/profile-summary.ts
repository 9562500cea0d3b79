import { readFileSync } from "node:fs";

/**
 * `npx tsx bench/profile-summary.ts FILE.cpuprofile [N]`: the N (default 25) functions with the most self time and
 * the most inclusive time. Time spent inside SQLite (better-sqlite3 is synchronous) counts as the self time of the
 * JavaScript function that ran the statement; waiting for PostgreSQL shows as "(idle)".
 */
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

function name(node: Node): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url
    .replace(/^file:\/\//, "")
    .split("/")
    .slice(-2)
    .join("/");
  return `${functionName || "(anonymous)"}${file ? `  ${file}:${lineNumber + 1}` : ""}`;
}

function summarise(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const node = byId.get(id);
    if (!node) return;
    self.set(name(node), (self.get(name(node)) ?? 0) + dt);
    // A recursive function counts once per sample in its inclusive time.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(byId.get(cur) as Node);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  });
  const table = (title: string, m: Map<string, number>) =>
    [
      title,
      ...[...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(
          ([k, t]) => `${(t / 1000).toFixed(0).padStart(9)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`,
        ),
    ].join("\n");
  return [`total ${(total / 1000).toFixed(0)} ms`, table("self time", self), table("inclusive time", inclusive)].join(
    "\n\n",
  );
}

const [file, n] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [N]\n");
  process.exit(2);
}
process.stdout.write(`${summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, Number(n ?? 25))}\n`);
