import type { Store } from "@overture/runtime";
import { Liquid } from "liquidjs";

// The channel's own settings (notification-channel.ts): a preview fails where a real send would.
const liquid = new Liquid({ strictVariables: true, lenientIf: true, strictFilters: true, ownPropertyOnly: true, cache: 200 });

/** A notification's templates as a step holds them. */
export type NotificationTemplate = { title: string; body: string; link?: string | undefined };

/** The notification as the customer's inbox would show it, or the problems of each field that does not render. */
export type NotificationPreview = {
  title: string;
  body: string;
  link: string | null;
  customerId: string;
  problems: Array<{ field: "title" | "body" | "link"; message: string }>;
};

const SAMPLE_CUSTOMER = { id: "sample-customer", email: "alex@example.com", firstName: "Alex", lastName: "Martin" };

/**
 * Renders a notification step's title, body and link with Liquid for a customer of the workspace, or for a sample
 * customer when `customerId` is omitted (then every other `customer.…` or `event.…` the template reads shows as a
 * placeholder such as `[plan]`). Returns null when the customer does not exist.
 */
export async function previewNotification(
  store: Pick<Store, "getCustomer">,
  workspaceId: string,
  template: NotificationTemplate,
  customerId?: string,
): Promise<NotificationPreview | null> {
  let customer: Record<string, unknown>;
  const event: Record<string, unknown> = {};
  if (customerId) {
    const found = await store.getCustomer(workspaceId, customerId);
    if (!found) return null;
    customer = { ...found.attributes, id: customerId };
  } else {
    customer = { ...SAMPLE_CUSTOMER };
    for (const [root, name] of await variablePaths(template)) {
      if (root === "customer" && name && !(name in customer)) customer[name] = `[${name}]`;
      if (root === "event" && name && !(name in event)) event[name] = `[${name}]`;
    }
  }
  // What the channel passes: the triggering event as `event`, with `properties` for templates written that way.
  const scope = { customer, event: { name: "sample.event", properties: event, ...event }, journey: { id: "preview", version: 0, stepId: "preview" } };
  const problems: NotificationPreview["problems"] = [];
  const render = async (field: "title" | "body" | "link", source: string) => {
    try {
      return (await liquid.parseAndRender(source, scope)) as string;
    } catch (error) {
      problems.push({ field, message: error instanceof Error ? error.message : String(error) });
      return source;
    }
  };
  return {
    title: await render("title", template.title),
    body: await render("body", template.body),
    link: template.link ? await render("link", template.link) : null,
    customerId: String(customer.id),
    problems,
  };
}

/** `[root, name]` of every variable the templates read (`customer.plan` → customer, plan; `event.properties.x` → event, x). */
async function variablePaths(template: NotificationTemplate): Promise<Array<[string, string | undefined]>> {
  const paths: Array<[string, string | undefined]> = [];
  for (const source of [template.title, template.body, template.link ?? ""]) {
    try {
      const analysis = await liquid.analyze(liquid.parse(source));
      for (const uses of Object.values(analysis.globals)) {
        for (const use of uses) {
          const [root, a, b] = use.segments.map(String);
          paths.push([root ?? "", root === "event" && a === "properties" ? b : a]);
        }
      }
    } catch {
      // A template that does not parse is reported when it is rendered.
    }
  }
  return paths;
}
