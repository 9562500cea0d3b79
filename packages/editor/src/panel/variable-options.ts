import type { Step } from "@overture/core";
import type { Catalog } from "../api/api-client.ts";

/**
 * Something a business user can insert into an email or a payload without knowing the syntax. A value (`path` set)
 * is inserted with a fallback for customers who lack it, `{{ customer.firstName | default: "there" }}`; `snippet` is
 * what is inserted with the suggested fallback, and {@link variableSnippet} makes it with another one.
 */
export type VariableOption = { group: string; label: string; snippet: string; path?: string; fallback?: string };

/** What a customer without the value sees instead: "there" for a name ("Hi there"), else nothing. */
export function suggestedFallback(name: string): string {
  return /^(first_?name|name|given_?name)$/i.test(name) ? "there" : "";
}

/** `{{ path | default: "fallback" }}`, with the fallback's quotes and backslashes made safe for Liquid. */
export function variableSnippet(path: string, fallback: string): string {
  return `{{ ${path} | default: "${fallback.replace(/["\\]/g, "")}" }}`;
}

function value(group: string, label: string, path: string): VariableOption {
  const fallback = suggestedFallback(label);
  return { group, label, path, fallback, snippet: variableSnippet(path, fallback) };
}

/**
 * What an email of this journey can show: the customer's attributes the workspace has seen, the properties of the
 * events that start the journey, each recommend step's items, and the links every email has. Each value prints with
 * a `default`, so a customer without the value still gets the email. `eventRoot` is where the event's properties are:
 * `event` in an email, `event.properties` in a webhook payload.
 */
export function variableOptions(catalog: Catalog, steps: readonly Step[], eventRoot = "event"): VariableOption[] {
  const out: VariableOption[] = catalog.attributes.map((a) => value("Customer", a.name, `customer.${a.name}`));
  const triggerEvents = new Set(
    steps.flatMap((s) => (s.type === "trigger" && s.trigger.type === "event" ? [s.trigger.event] : [])),
  );
  for (const e of catalog.events.filter((e) => triggerEvents.has(e.name))) {
    for (const p of e.properties) out.push(value(`Event (${e.name})`, p, `${eventRoot}.${p}`));
  }
  for (const s of steps) {
    if (s.type !== "recommend") continue;
    out.push({
      group: "Recommendations",
      label: `Items of '${s.name ?? s.id}' (title, link, summary)`,
      snippet: `{% for item in ${s.into}.items %}<a href="{{ item.url }}">{{ item.title }}</a> {{ item.summary }}{% endfor %}`,
    });
    out.push({
      group: "Recommendations",
      label: `Topics of '${s.name ?? s.id}'`,
      snippet: `{{ ${s.into}.topics | join: ", " }}`,
    });
  }
  out.push({ group: "Links", label: "Customer portal", snippet: "{{ portalUrl }}" });
  out.push({ group: "Links", label: "Unsubscribe", snippet: "{{ links.unsubscribe }}" });
  return out;
}
