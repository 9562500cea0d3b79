import type { Store } from "@overture/runtime";
import { liquidProblem } from "../email/liquid.ts";
import { createTemplateEngine, templateRefusal } from "../templates/template-sandbox.ts";

// The channel's own settings (notification-channel.ts): a preview fails where a real send would.
const liquid = createTemplateEngine({
  strictVariables: true,
  lenientIf: true,
  strictFilters: true,
  ownPropertyOnly: true,
  cache: 200,
});

/** A notification's templates as a step holds them. */
export type NotificationTemplate = { title: string; body: string; link?: string | undefined };

/** The notification as the customer's inbox would show it, or the problems of each field that does not render. */
export type NotificationPreview = {
  title: string;
  body: string;
  link: string | null;
  customerId: string;
  /** `code` as in email problems: `liquid-syntax`, `missing-variable`, `template-limit`, `partial-not-allowed`. */
  problems: Array<{ field: "title" | "body" | "link"; code: string; message: string }>;
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
  if (!customerId) return renderPreview(template, await notificationSampleScope(template));
  const found = await store.getCustomer(workspaceId, customerId);
  if (!found) return null;
  return renderPreview(template, scopeOf({ ...found.attributes, id: customerId }, {}));
}

/**
 * The scope a notification renders with for a sample customer: every other `customer.…` or `event.…` the template
 * reads shows as a placeholder such as `[plan]`.
 */
export async function notificationSampleScope(template: NotificationTemplate): Promise<ReturnType<typeof scopeOf>> {
  const customer: Record<string, unknown> = { ...SAMPLE_CUSTOMER };
  const event: Record<string, unknown> = {};
  for (const [root, name] of await variablePaths(template)) {
    if (root === "customer" && name && !(name in customer)) customer[name] = `[${name}]`;
    if (root === "event" && name && !(name in event)) event[name] = `[${name}]`;
  }
  return scopeOf(customer, event);
}

/** What the channel passes: the triggering event as `event`, with `properties` for templates written that way. */
function scopeOf(customer: Record<string, unknown>, event: Record<string, unknown>) {
  return {
    customer,
    event: { name: "sample.event", properties: event, ...event },
    journey: { id: "preview", version: 0, stepId: "preview" },
  };
}

async function renderPreview(
  template: NotificationTemplate,
  scope: ReturnType<typeof scopeOf>,
): Promise<NotificationPreview> {
  const { customer } = scope;
  const problems: NotificationPreview["problems"] = [];
  const render = async (field: "title" | "body" | "link", source: string) => {
    try {
      return (await liquid.parseAndRender(source, scope)) as string;
    } catch (error) {
      // A refusal in the sandbox's words; any other failure as liquidjs says it, position included.
      const message = templateRefusal(error)?.message ?? (error instanceof Error ? error.message : String(error));
      problems.push({ field, code: liquidProblem(error, field).code, message });
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
