import type { ReactNode } from "react";

/** A labelled text input that reports every keystroke. */
export function TextField(props: {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder?: string;
  readOnly?: boolean;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        value={props.value ?? ""}
        placeholder={props.placeholder}
        readOnly={props.readOnly}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** A labelled multi-line input. */
export function TextArea(props: {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  rows?: number;
  readOnly?: boolean;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <textarea
        rows={props.rows ?? 4}
        value={props.value ?? ""}
        readOnly={props.readOnly}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** A labelled number input; an empty box reads as 0. */
export function NumberField(props: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  readOnly?: boolean;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="number"
        value={props.value}
        readOnly={props.readOnly}
        onChange={(e) => props.onChange(Number(e.target.value) || 0)}
      />
    </label>
  );
}

/** A labelled select of fixed options. */
export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
  readOnly?: boolean;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value} disabled={props.readOnly} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** JSON edited as text: kept as typed while it does not parse, applied once it does. */
export function JsonField(props: {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  readOnly?: boolean;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <textarea
        rows={4}
        className="mono"
        defaultValue={JSON.stringify(props.value, null, 2)}
        readOnly={props.readOnly}
        onChange={(e) => {
          try {
            props.onChange(JSON.parse(e.target.value));
            e.target.setCustomValidity("");
          } catch {
            e.target.setCustomValidity("Not valid JSON yet");
          }
        }}
      />
    </label>
  );
}

/** A titled group of fields. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="panel-section" id={id}>
      <div className="panel-subtitle">{title}</div>
      {children}
    </section>
  );
}

/** "a, b" ⇄ ["a", "b"]. */
export const splitList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
