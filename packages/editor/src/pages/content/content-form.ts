import type { ContentInput, ContentItem } from "../../api/library-api.ts";

/** A content item as typed in the form: every field text (topics comma-separated). */
export type ContentForm = {
  id: string;
  title: string;
  summary: string;
  type: string;
  topics: string;
  url: string;
  body: string;
  imageUrl: string;
};
export type ContentField = keyof ContentForm;
/** What is wrong, by field, in the user's words. */
export type FieldErrors = Partial<Record<ContentField, string>>;

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ADDRESS = /^(https?:\/\/[^\s]+|\/[^\s]*)$/;

/** The form of an existing item, or an empty one. */
export function contentForm(item?: ContentItem): ContentForm {
  if (!item) return { id: "", title: "", summary: "", type: "article", topics: "", url: "", body: "", imageUrl: "" };
  const { id, title, summary, type, topics, url, body, imageUrl } = item;
  return { id, title, summary, type, topics: topics.join(", "), url, body: body ?? "", imageUrl: imageUrl ?? "" };
}

/** An id from a title: "Connect your CRM" → "connect-your-crm". */
export function idFromTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}

/** Every problem of the form, by field; empty when it can be saved. An item needs a link or a body (or both). */
export function validateContentForm(form: ContentForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.title.trim()) errors.title = "Give the item a title.";
  else if (form.title.length > 300) errors.title = "At most 300 characters.";
  if (!ID.test(form.id))
    errors.id = form.id
      ? "Use letters, digits, '-', '_' or '.', starting with a letter or digit."
      : "Give the item an id.";
  if (!form.url.trim() && !form.body.trim()) errors.url = "Give a link, or write a body below.";
  else if (form.url.trim() && !ADDRESS.test(form.url.trim()))
    errors.url = "Enter an address starting with https:// or /.";
  if (form.imageUrl.trim() && !ADDRESS.test(form.imageUrl.trim()))
    errors.imageUrl = "Enter an image address starting with https:// or /.";
  const topics = splitTopics(form.topics);
  if (topics.length > 20) errors.topics = "At most 20 topics.";
  else if (topics.some((t) => t.length > 100)) errors.topics = "Each topic is at most 100 characters.";
  if (form.summary.length > 2000) errors.summary = "At most 2,000 characters.";
  return errors;
}

/** The API body of a valid form. An item with a body and no link opens at its library address (`/library/ID`). */
export function contentInput(form: ContentForm): ContentInput {
  const input: ContentInput = {
    title: form.title.trim(),
    summary: form.summary.trim(),
    type: form.type.trim() || "article",
    topics: splitTopics(form.topics),
    url: form.url.trim() || `/library/${form.id}`,
  };
  if (form.body.trim()) input.body = form.body;
  if (form.imageUrl.trim()) input.imageUrl = form.imageUrl.trim();
  return input;
}

/** The field a problem of the API names (`items[0].url`, `imageUrl`), if the form has it. */
export function fieldOfProblem(path: string): ContentField | null {
  const last = path
    .split(/[.[\]]/)
    .filter(Boolean)
    .at(-1);
  const fields: ContentField[] = ["id", "title", "summary", "type", "topics", "url", "body", "imageUrl"];
  return fields.find((f) => f === last) ?? null;
}

function splitTopics(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}
