/** A customer as a marketer knows them: a name (or email) first, the id only as the small print. */
export type CustomerLabel = { name: string; detail?: string };

const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

/**
 * The customer's name from their profile (first and last name, or a single `name`), else their email, else the id;
 * the id (and the email, when a name leads) follow as detail so two Adas can still be told apart.
 */
export function customerLabel(customer: { id: string; attributes?: Record<string, unknown> }): CustomerLabel {
  const a = customer.attributes ?? {};
  const name = [text(a.firstName), text(a.lastName)].filter(Boolean).join(" ") || text(a.name);
  const email = text(a.email);
  if (name) return { name, detail: [email, customer.id].filter(Boolean).join(" · ") };
  if (email) return { name: email, detail: customer.id };
  return { name: customer.id };
}

/**
 * A moment in the reader's own words, time zone and clock: "4 Dec, 15:25" (en-GB) or "Dec 4, 3:25 PM" (en-US), with
 * the year only when it is not this year. Locale and time zone default to the browser's.
 */
export function localTime(ms: number, options: { locale?: string; timeZone?: string; now?: number } = {}): string {
  const { locale, timeZone, now = Date.now() } = options;
  const year = (t: number) => new Intl.DateTimeFormat("en", { year: "numeric", timeZone }).format(t);
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    year: year(ms) === year(now) ? undefined : "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
  }).format(ms);
}

const ISO_MOMENT = /\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)/g;

/** The engine's reason for a move ("waits 1d, until 2026-12-05T15:28:32.860Z") with its moments in local time. */
export function plainReason(reason: string, options: Parameters<typeof localTime>[1] = {}): string {
  return reason.replace(ISO_MOMENT, (iso) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : localTime(ms, options);
  });
}
