/** Segment ids: short slugs people can read in URLs and journey documents ("purchased-no-portal-visit"). */
export const SEGMENT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const MAX_SLUG = 48;

/** A slug of a name: lower case, accents dropped, anything else between words a single "-"; "segment" when none is left. */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/, "");
  return slug || "segment";
}

/** The first of `base`, `base-2`, `base-3`… that `taken` says is free. */
export async function freeId(base: string, taken: (id: string) => Promise<boolean>): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!(await taken(id))) return id;
  }
}
