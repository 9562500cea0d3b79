import { useId } from "react";
import type { ApiProblem } from "../api/api-client.ts";

/** The API's problems, by the field they are at (`quietHours.start`, `fromAddress`…), each field's messages joined. */
export function problemsByField(problems: readonly ApiProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const field = p.field ?? p.path;
    out[field] = out[field] ? `${out[field]}; ${p.message}` : p.message;
  }
  return out;
}

type InputProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The API's word about this field, shown under it (and the box marked). */
  error?: string | undefined;
  placeholder?: string;
  type?: "text" | "email" | "number" | "time" | "password";
  hint?: string;
};

/** A labelled input that shows the API's problem with it right under it (described by it, not named by it). */
export function FormField({ label, value, onChange, error, placeholder, type = "text", hint }: InputProps) {
  const id = useId();
  const note = error ?? hint;
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {note && (
        <small id={`${id}-note`} className={error ? "field-error" : "muted"} role={error ? "alert" : undefined}>
          {note}
        </small>
      )}
    </div>
  );
}
