/** An id from words: "Renewal reminder" → "renewal-reminder" (letters, digits and dashes; "item" when none are left). */
export function idFromName(name: string, fallback = "item"): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return slug || fallback;
}
