import { type ReactNode, useId } from "react";

/** A labelled form field with its hint and, when the input is wrong, the problem under it (tied by aria-describedby). */
export function Field(props: {
  label: string;
  error?: string;
  hint?: string;
  children: (attrs: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const note = `${id}-note`;
  return (
    <div className={`field${props.error ? " invalid" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        "aria-invalid": Boolean(props.error),
        ...(props.error || props.hint ? { "aria-describedby": note } : {}),
      })}
      {props.error ? (
        <span id={note} className="field-error" role="alert">
          {props.error}
        </span>
      ) : props.hint ? (
        <span id={note} className="hint muted">
          {props.hint}
        </span>
      ) : null}
    </div>
  );
}
