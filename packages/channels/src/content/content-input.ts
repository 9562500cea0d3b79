import { z } from "zod";
import type { ContentInput } from "./content-library.ts";

/** A content item as written through the API or a feed (ids are URL-safe so they can sit in paths and slots). */
export const ContentInputSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, "letters, digits, '-', '_' or '.', at most 128"),
  title: z.string().min(1).max(300),
  summary: z.string().max(2000).default(""),
  url: z.string().min(1).max(2000),
  type: z.string().min(1).max(50).default("article"),
  topics: z.array(z.string().min(1).max(100)).max(20).default([]),
  body: z.string().max(200_000).optional(),
  imageUrl: z.string().max(2000).optional(),
});

/** The same without the id, for `PUT /v1/content/{id}` (the id is in the path). */
export const ContentUpdateSchema = ContentInputSchema.omit({ id: true });

/** One item of a feed the import refused, by its index in the feed. */
export type FeedError = {
  index: number;
  code: string;
  message: string;
  problems: Array<{ path: string; code: string; message: string }>;
};

/**
 * Reads a JSON feed: an array of items, or `{ items: [...] }`. Returns the valid items and, for each invalid one,
 * why, by its index (the valid ones are kept). Null when the feed itself is neither shape.
 */
export function parseContentFeed(feed: unknown): { items: ContentInput[]; errors: FeedError[] } | null {
  const list = Array.isArray(feed) ? feed : isObject(feed) && Array.isArray(feed.items) ? feed.items : null;
  if (!list) return null;
  const items: ContentInput[] = [];
  const errors: FeedError[] = [];
  list.forEach((raw, index) => {
    const parsed = ContentInputSchema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    const problems = parsed.error.issues.map((i) => ({
      path: `items[${index}]${i.path.map((p) => `.${String(p)}`).join("")}`,
      code: i.code,
      message: i.message,
    }));
    errors.push({
      index,
      code: "invalid_content",
      message: `Item ${index} is not a valid content item: ${problems.map((p) => p.path).join(", ")}`,
      problems,
    });
  });
  return { items, errors };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
