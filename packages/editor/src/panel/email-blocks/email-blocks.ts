import type { EmailBlock } from "@overture/channels/browser";
import type { StepOf } from "@overture/core";
import { blocksToMjml } from "./blocks-to-mjml.ts";

/** The kinds of block, in the order the "Add" menu lists them, with the words it uses. */
export const BLOCK_LABELS: Record<EmailBlock["type"], string> = {
  heading: "Heading",
  text: "Text",
  button: "Button",
  image: "Image",
  divider: "Divider",
  spacer: "Spacer",
  "recommended-items": "Recommended items",
};

/** A new block of `type` with first values to change. */
export function newBlock(type: EmailBlock["type"]): EmailBlock {
  switch (type) {
    case "heading":
      return { type, text: "A heading" };
    case "text":
      return { type, text: "Hi {{ customer.firstName }}," };
    case "button":
      return { type, label: "Open your portal", url: "{{ portalUrl }}" };
    case "image":
      return { type, src: "https://", alt: "" };
    case "divider":
      return { type };
    case "spacer":
      return { type, height: 24 };
    case "recommended-items":
      return { type, from: "recommendations" };
  }
}

/** What a new email made with blocks starts with. */
export const STARTER_BLOCKS: readonly EmailBlock[] = [
  { type: "heading", text: "Welcome, {{ customer.firstName }}!" },
  { type: "text", text: "Thank you for your purchase." },
  { type: "button", label: "Open your portal", url: "{{ portalUrl }}" },
];

/** The list with the block at `from` moved to `to` (both clamped to the list); the input is not changed. */
export function moveBlock<T>(blocks: readonly T[], from: number, to: number): T[] {
  const result = [...blocks];
  if (from < 0 || from >= result.length) return result;
  const [block] = result.splice(from, 1);
  result.splice(Math.max(0, Math.min(to, result.length)), 0, block as T);
  return result;
}

/**
 * Whether an email opens as blocks: it has blocks and its body is exactly what they generate. A body written or
 * changed as MJML opens as MJML, so nothing typed there is lost; an empty new email opens as blocks.
 */
export function opensAsBlocks(step: Pick<StepOf<"email">, "blocks" | "body">): boolean {
  if (!step.blocks) return !step.body;
  return blocksToMjml(step.blocks) === (step.body ?? "");
}
