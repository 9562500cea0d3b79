import type { Step } from "@overture/core";
import type { Catalog } from "../api/api-client.ts";

/** A Liquid snippet a business user can insert into an email without knowing the syntax. */
export type VariableOption = { group: string; label: string; snippet: string };

/**
 * What an email of this journey can show: the customer's attributes the workspace has seen, the properties of the
 * events that start the journey, each recommend step's items, and the links every email has. Each prints with a
 * `default`, so a customer without the value still gets the email.
 */
export function variableOptions(catalog: Catalog, steps: readonly Step[]): VariableOption[] {
  const out: VariableOption[] = catalog.attributes.map((a) => ({
    group: "Customer",
    label: a.name,
    snippet: `{{ customer.${a.name} | default: "" }}`,
  }));
  const triggerEvents = new Set(steps.flatMap((s) => (s.type === "trigger" && s.trigger.type === "event" ? [s.trigger.event] : [])));
  for (const e of catalog.events.filter((e) => triggerEvents.has(e.name))) {
    for (const p of e.properties) out.push({ group: `Event (${e.name})`, label: p, snippet: `{{ event.${p} | default: "" }}` });
  }
  for (const s of steps) {
    if (s.type !== "recommend") continue;
    out.push({
      group: "Recommendations",
      label: `Items of '${s.name ?? s.id}' (title, link, summary)`,
      snippet: `{% for item in ${s.into}.items %}<a href="{{ item.url }}">{{ item.title }}</a> {{ item.summary }}{% endfor %}`,
    });
    out.push({ group: "Recommendations", label: `Topics of '${s.name ?? s.id}'`, snippet: `{{ ${s.into}.topics | join: ", " }}` });
  }
  out.push({ group: "Links", label: "Customer portal", snippet: "{{ portalUrl }}" });
  out.push({ group: "Links", label: "Unsubscribe", snippet: "{{ links.unsubscribe }}" });
  return out;
}
