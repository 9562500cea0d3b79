import type { EmailBlock } from "@overture/channels/browser";
import type { Step, StepOf } from "@overture/core";
import { useState } from "react";
import { TextArea } from "../fields.tsx";
import { blocksToMjml } from "./blocks-to-mjml.ts";
import { EmailBlockEditor } from "./EmailBlockEditor.tsx";
import "./email-blocks.css";
import { opensAsBlocks, STARTER_BLOCKS } from "./email-blocks.ts";

type Props = { step: StepOf<"email">; onEdit: (step: Step, field: string) => void; readOnly: boolean };

/**
 * The email body, as blocks or as MJML. Blocks write both the block list and the MJML they make, so the live
 * preview and sending see MJML either way; MJML typed by hand drops the blocks, since they no longer describe it.
 * An email whose MJML was not made by blocks opens as MJML.
 */
export function EmailBodyEditor({ step, onEdit, readOnly }: Props) {
  const [view, setView] = useState<"blocks" | "mjml">(() => (opensAsBlocks(step) ? "blocks" : "mjml"));
  const setBlocks = (blocks: EmailBlock[], field: string) =>
    onEdit({ ...step, blocks, body: blocksToMjml(blocks) }, `body-${field}`);

  const toBlocks = () => {
    if (opensAsBlocks(step) || readOnly) return setView("blocks");
    // The MJML was written by hand: blocks replace it (Undo brings it back).
    if (!confirm("Edit this email as blocks? The MJML written by hand is replaced by blocks (Undo brings it back)."))
      return;
    setBlocks(step.blocks ? [...step.blocks] : [...STARTER_BLOCKS], "to-blocks");
    setView("blocks");
  };

  return (
    <div className="email-body-editor">
      <fieldset className="body-view-toggle" aria-label="Edit the body as">
        <span className="panel-subtitle">Body</span>
        <button
          type="button"
          className={view === "blocks" ? "toggle on" : "toggle"}
          aria-pressed={view === "blocks"}
          onClick={toBlocks}
        >
          Blocks
        </button>
        <button
          type="button"
          className={view === "mjml" ? "toggle on" : "toggle"}
          aria-pressed={view === "mjml"}
          onClick={() => setView("mjml")}
        >
          MJML
        </button>
      </fieldset>
      {view === "blocks" ? (
        <EmailBlockEditor blocks={step.blocks ?? []} onChange={setBlocks} readOnly={readOnly} />
      ) : (
        <TextArea
          label="Body (MJML with {{ customer.firstName }} …)"
          value={step.body}
          onChange={(body) => {
            const { blocks: _made, ...rest } = step;
            onEdit({ ...rest, body }, "body");
          }}
          rows={10}
          readOnly={readOnly}
        />
      )}
    </div>
  );
}
