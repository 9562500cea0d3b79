import type { EmailBlock } from "@overture/channels/browser";
import { useState } from "react";
import { NumberField, TextArea, TextField } from "../fields.tsx";
import { BLOCK_LABELS, moveBlock, newBlock } from "./email-blocks.ts";

type Props = {
  blocks: readonly EmailBlock[];
  /** The new list; `field` keys the undo step, so typing in one block's field is one step. */
  onChange: (blocks: EmailBlock[], field: string) => void;
  readOnly: boolean;
};

/** The email body as a list of blocks: edit each one's fields, reorder with ↑ ↓ or by dragging, add, remove. */
export function EmailBlockEditor({ blocks, onChange, readOnly }: Props) {
  const [dragged, setDragged] = useState<number | null>(null);
  const replace = (i: number, block: EmailBlock, field: string) =>
    onChange(
      blocks.map((b, j) => (j === i ? block : b)),
      `block-${i}-${field}`,
    );
  const move = (from: number, to: number) => onChange(moveBlock(blocks, from, to), `move-${from}-${to}`);
  return (
    <div className="email-blocks">
      <ol className="email-block-list" aria-label="Email blocks">
        {blocks.map((block, i) => (
          <li
            // Blocks have no ids of their own: the position is the identity, and a move re-renders the list.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            className={`email-block${dragged === i ? " dragging" : ""}`}
            aria-label={`${BLOCK_LABELS[block.type]} block ${i + 1}`}
            draggable={!readOnly}
            onDragStart={(e) => {
              setDragged(i);
              e.dataTransfer.effectAllowed = "move";
              e.dataTransfer.setData("text/x-email-block", String(i));
            }}
            onDragEnd={() => setDragged(null)}
            onDragOver={(e) => dragged !== null && e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged !== null && dragged !== i) move(dragged, i);
              setDragged(null);
            }}
          >
            <div className="email-block-head">
              <span className="drag-grip" aria-hidden="true">
                ⋮⋮
              </span>
              <b>{BLOCK_LABELS[block.type]}</b>
              <span className="spacer" />
              <button
                type="button"
                aria-label={`Move ${BLOCK_LABELS[block.type].toLowerCase()} block ${i + 1} up`}
                disabled={readOnly || i === 0}
                onClick={() => move(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${BLOCK_LABELS[block.type].toLowerCase()} block ${i + 1} down`}
                disabled={readOnly || i === blocks.length - 1}
                onClick={() => move(i, i + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove ${BLOCK_LABELS[block.type].toLowerCase()} block ${i + 1}`}
                disabled={readOnly}
                onClick={() =>
                  onChange(
                    blocks.filter((_, j) => j !== i),
                    `remove-${i}`,
                  )
                }
              >
                ✕
              </button>
            </div>
            <BlockFields block={block} onChange={(b, field) => replace(i, b, field)} readOnly={readOnly} />
          </li>
        ))}
      </ol>
      {blocks.length === 0 && <p className="muted">No blocks yet: add the first one.</p>}
      {!readOnly && (
        <fieldset className="email-block-add" aria-label="Add a block">
          {(Object.keys(BLOCK_LABELS) as EmailBlock["type"][]).map((type) => (
            <button
              type="button"
              key={type}
              onClick={() => onChange([...blocks, newBlock(type)], `add-${blocks.length}`)}
            >
              + {BLOCK_LABELS[type]}
            </button>
          ))}
        </fieldset>
      )}
    </div>
  );
}

/** The fields of one block. */
function BlockFields({
  block,
  onChange,
  readOnly: ro,
}: {
  block: EmailBlock;
  onChange: (block: EmailBlock, field: string) => void;
  readOnly: boolean;
}) {
  switch (block.type) {
    case "heading":
      return (
        <TextField
          label="Heading"
          value={block.text}
          onChange={(text) => onChange({ ...block, text }, "text")}
          readOnly={ro}
        />
      );
    case "text":
      return (
        <TextArea
          label="Text"
          value={block.text}
          rows={3}
          onChange={(text) => onChange({ ...block, text }, "text")}
          readOnly={ro}
        />
      );
    case "button":
      return (
        <>
          <TextField
            label="Button label"
            value={block.label}
            onChange={(label) => onChange({ ...block, label }, "label")}
            readOnly={ro}
          />
          <TextField
            label="Link"
            value={block.url}
            onChange={(url) => onChange({ ...block, url }, "url")}
            readOnly={ro}
          />
        </>
      );
    case "image":
      return (
        <>
          <TextField
            label="Image address"
            value={block.src}
            onChange={(src) => onChange({ ...block, src }, "src")}
            readOnly={ro}
          />
          <TextField
            label="Description (alt text)"
            value={block.alt}
            onChange={(alt) => onChange({ ...block, alt }, "alt")}
            readOnly={ro}
          />
        </>
      );
    case "divider":
      return null;
    case "spacer":
      return (
        <NumberField
          label="Height (pixels)"
          value={block.height}
          onChange={(height) =>
            onChange({ ...block, height: Math.max(4, Math.min(200, Math.round(height))) }, "height")
          }
          readOnly={ro}
        />
      );
    case "recommended-items":
      return (
        <>
          <TextField
            label="Recommendations stored as"
            value={block.from}
            onChange={(from) => onChange({ ...block, from }, "from")}
            readOnly={ro}
          />
          <p className="muted hint">
            One line per item a Recommend step stored under this name: its title as a link, then its summary.
          </p>
        </>
      );
  }
}
