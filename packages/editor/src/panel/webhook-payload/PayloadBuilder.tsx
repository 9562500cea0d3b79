import { useEffect, useRef, useState } from "react";
import { VariablePicker } from "../VariablePicker.tsx";
import type { VariableOption } from "../variable-options.ts";
import {
  FIELD_TYPES,
  type FieldType,
  fieldProblems,
  fieldsToPayload,
  type PayloadField,
  payloadToFields,
} from "./payload-fields.ts";

type Props = {
  payload: string | undefined;
  onChange: (payload: string | undefined) => void;
  options: VariableOption[];
  readOnly: boolean;
};

/**
 * The payload as rows of a field name, a type and a value, with the variable menu inserting into the value last
 * clicked. The rows are kept as typed (a half-typed "49." stays) and written as the step's JSON on each change; the
 * JSON changed from outside (Undo, the JSON view) is read back into rows.
 */
export function PayloadBuilder({ payload, onChange, options, readOnly: ro }: Props) {
  const [rows, setRows] = useState<PayloadField[]>(() => payloadToFields(payload) ?? []);
  const written = useRef(payload);
  useEffect(() => {
    if (payload === written.current) return;
    written.current = payload;
    const read = payloadToFields(payload);
    if (read) setRows(read);
  }, [payload]);
  const update = (next: PayloadField[]) => {
    setRows(next);
    const made = fieldsToPayload(next);
    written.current = made;
    onChange(made);
  };
  const edit = (i: number, patch: Partial<PayloadField>) =>
    update(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const problems = fieldProblems(rows);
  return (
    <VariablePicker options={options} readOnly={ro}>
      {rows.length === 0 && (
        <p className="muted">No fields: the standard body is sent (customerId, journeyId, stepId, event, context).</p>
      )}
      <ol className="payload-fields" aria-label="Payload fields">
        {rows.map((row, i) => {
          const n = i + 1;
          const called = row.name.trim() || `field ${n}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; names may repeat while typed
            <li key={i} className="payload-field">
              <label className="field">
                <span>Field name</span>
                <input
                  aria-label={`Field ${n} name`}
                  value={row.name}
                  placeholder="customer.plan"
                  readOnly={ro}
                  onChange={(e) => edit(i, { name: e.target.value })}
                />
              </label>
              <label className="field">
                <span>Type</span>
                <select
                  aria-label={`Field ${n} type`}
                  value={row.type}
                  disabled={ro}
                  onChange={(e) => edit(i, { type: e.target.value as FieldType })}
                >
                  {Object.entries(FIELD_TYPES).map(([type, label]) => (
                    <option key={type} value={type}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              {row.type === "boolean" ? (
                <label className="field payload-value">
                  <span>Value of {called}</span>
                  <select
                    aria-label={`Field ${n} value`}
                    value={row.value === "true" ? "true" : "false"}
                    disabled={ro}
                    onChange={(e) => edit(i, { value: e.target.value })}
                  >
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                </label>
              ) : (
                <label className="field payload-value">
                  <span>Value of {called}</span>
                  <input
                    aria-label={`Field ${n} value`}
                    value={row.value}
                    readOnly={ro}
                    placeholder={
                      row.type === "variable"
                        ? "pick a variable from the menu"
                        : row.type === "number"
                          ? "49.99"
                          : "text, variables from the menu"
                    }
                    onChange={(e) => edit(i, { value: e.target.value })}
                  />
                </label>
              )}
              {!ro && (
                <button
                  type="button"
                  className="remove"
                  aria-label={`Remove field ${n}`}
                  onClick={() => update(rows.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {!ro && (
        <button type="button" onClick={() => update([...rows, { name: "", type: "text", value: "" }])}>
          + Add field
        </button>
      )}
      {problems.length > 0 && (
        <ul className="problem-list" aria-label="Problems in the payload fields">
          {problems.map((p) => (
            <li key={p} className="problem">
              {p}
            </li>
          ))}
        </ul>
      )}
    </VariablePicker>
  );
}
