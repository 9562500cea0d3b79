/**
 * Words for the editor: event names and durations as a business user would say them.
 */

/** An event name in words: "portal.login" → "Portal login", "purchase_completed" → "Purchase completed", "orderPlaced" → "Order placed". */
export function describeEvent(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[.\-_:/\s]+/)
    .filter((w) => w !== "")
    .map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase()));
  const text = words.join(" ");
  return text === "" ? name : text.charAt(0).toUpperCase() + text.slice(1);
}

const UNIT_WORDS = { s: "second", m: "minute", h: "hour", d: "day", w: "week" } as const;

/** A duration in words: "7d" → "7 days", "1d12h" → "1 day 12 hours"; text that is not a duration is returned as it is. */
export function describeDuration(text: string): string {
  const parts = [...text.matchAll(/(\d+)([smhdw])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return text;
  return parts
    .map((p) => {
      const n = Number(p[1]);
      return `${n} ${UNIT_WORDS[p[2] as keyof typeof UNIT_WORDS]}${n === 1 ? "" : "s"}`;
    })
    .join(" ");
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** ISO weekdays in words: [1, 3] → "Monday and Wednesday". */
export function describeWeekdays(days: readonly number[]): string {
  const names = [...new Set(days)].sort((a, b) => a - b).map((d) => WEEKDAYS[d - 1] ?? String(d));
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The name a variable is read by: "customer.firstName" → "first name", `customer["plan_tier"]` → "plan tier". */
function describeVariable(expression: string): string {
  const path = expression.split("|")[0]?.trim() ?? "";
  const literal = /^(["'])(.*)\1$/.exec(path);
  if (literal) return literal[2] ?? "";
  const segments = path.split(/[.[\]"']+/).filter((s) => s !== "" && !/^\d+$/.test(s));
  const last = segments[segments.length - 1] ?? path;
  return last
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[-_\s]+/)
    .filter((w) => w !== "")
    .map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase()))
    .join(" ");
}

/**
 * Template text (Liquid) as a reader would say it: each variable as its name in brackets, tags left out.
 * "Welcome aboard, {{ customer.firstName | default: 'friend' }}!" → "Welcome aboard, [first name]!".
 */
export function describeTemplateText(text: string): string {
  return text
    .replace(/\{\{-?([\s\S]*?)-?\}\}/g, (_, expression: string) => {
      const words = describeVariable(expression);
      return words === "" ? "" : `[${words}]`;
    })
    .replace(/\{%-?[\s\S]*?-?%\}/g, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}
