import type { RecommendedContent } from "./email-context.ts";
import type { EmailTemplate } from "./email-problem.ts";
import { htmlLiquid, textLiquid } from "./liquid.ts";
import type { EmailContext } from "./render-email.ts";

const SAMPLE_ITEMS: RecommendedContent[] = [
  {
    id: "sample-1",
    title: "Getting started in ten minutes",
    summary: "The three things to set up first.",
    url: "https://example.com/guides/getting-started",
    topics: ["getting-started"],
  },
  {
    id: "sample-2",
    title: "Five habits that save hours",
    summary: "What experienced customers do every week.",
    url: "https://example.com/guides/habits",
    topics: ["best-practices"],
  },
  {
    id: "sample-3",
    title: "Invite your team",
    summary: "Work together from day one.",
    url: "https://example.com/guides/team",
    topics: ["getting-started"],
  },
];

/**
 * A context for previewing a template without a customer: a sample customer, event and recommendations, and a
 * placeholder such as `[plan]` for every other `customer.…`, `event.…` or `trigger.properties.…` the template reads,
 * so a preview shows where each value goes instead of failing on attributes only real customers have.
 */
export async function sampleContext(template: EmailTemplate, baseUrl: string): Promise<EmailContext> {
  const customer: Record<string, unknown> & { id: string } = {
    id: "sample-customer",
    email: "alex@example.com",
    firstName: "Alex",
    lastName: "Martin",
  };
  const event: Record<string, unknown> = {};
  const recommendations = {
    topics: ["getting-started", "best-practices"],
    count: 3,
    basedOn: "engagement",
    items: SAMPLE_ITEMS,
  };
  const context: EmailContext = {
    customer,
    event,
    trigger: { name: "sample.event", properties: event },
    recommendations,
    links: { unsubscribe: `${baseUrl}/u/sample` },
    portalUrl: baseUrl,
  };
  for (const path of await variablePaths(template)) {
    const [root, a, b] = path;
    if (root === "customer" && a && !(a in customer)) customer[a] = `[${a}]`;
    if (root === "event" && a && !(a in event)) event[a] = `[${a}]`;
    if (root === "trigger" && a === "properties" && b && !(b in event)) event[b] = `[${b}]`;
  }
  return context;
}

async function variablePaths(template: EmailTemplate): Promise<string[][]> {
  const paths: string[][] = [];
  for (const [engine, source] of [
    [textLiquid, template.subject],
    [textLiquid, template.preheader ?? ""],
    [htmlLiquid, template.body],
  ] as const) {
    try {
      const analysis = await engine.analyze(engine.parse(source));
      for (const uses of Object.values(analysis.globals)) for (const use of uses) paths.push(use.segments.map(String));
    } catch {
      // A template that does not parse is reported by validation; no sample values needed.
    }
  }
  return paths;
}
