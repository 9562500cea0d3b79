import type { SimulatedValues } from "@overture/core";
import { useState } from "react";
import { formatValueList, parseValueList } from "../model/simulated-values-text.ts";

/**
 * Edits the values a simulated property or attribute takes: a range of numbers (from, to) or a list typed with
 * commas. The list is kept as typed while the box has the keyboard, so commas and decimal points are never lost.
 */
export function SimulatedValuesInput(props: {
  label: string;
  values: SimulatedValues;
  onChange: (values: SimulatedValues) => void;
}) {
  const { values, label, onChange } = props;
  const [text, setText] = useState(values.type === "one-of" ? formatValueList(values.values) : "");
  if (values.type === "range")
    return (
      <span className="simulated-range">
        any number from{" "}
        <input
          type="number"
          step="any"
          aria-label={`${label}: from`}
          value={values.min}
          onChange={(e) =>
            Number.isFinite(e.target.valueAsNumber) && onChange({ ...values, min: e.target.valueAsNumber })
          }
        />{" "}
        to{" "}
        <input
          type="number"
          step="any"
          aria-label={`${label}: to`}
          value={values.max}
          onChange={(e) =>
            Number.isFinite(e.target.valueAsNumber) && onChange({ ...values, max: e.target.valueAsNumber })
          }
        />
      </span>
    );
  return (
    <span className="simulated-list">
      one of{" "}
      <input
        type="text"
        aria-label={`${label}: values`}
        value={text}
        title="Separate values with commas; (not set) leaves it unset. Each is as likely."
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseValueList(e.target.value);
          if (parsed.length > 0) onChange({ type: "one-of", values: parsed });
        }}
      />
    </span>
  );
}
