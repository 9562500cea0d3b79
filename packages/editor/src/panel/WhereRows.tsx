import type { Operator, PropertyCondition } from "@overture/core";
import type { Catalog } from "../api/api-client.ts";
import { Combobox } from "./Combobox.tsx";
import { propertyOptions } from "./catalog-options.ts";
import { OPERATOR_CHOICES, parseValueText, valueText } from "./condition-edit.ts";
import { ValueInput } from "./ValueInput.tsx";

type Props = {
  /** The event whose properties are offered. */
  event: string;
  where: readonly PropertyCondition[] | undefined;
  onChange: (where: PropertyCondition[] | undefined) => void;
  catalog: Catalog;
  readOnly: boolean;
};

/** Tests on an event's properties ("where plan is pro"), built by clicking: property, operator, value; all must hold. */
export function WhereRows({ event, where, onChange, catalog, readOnly }: Props) {
  const rows = where ?? [];
  const set = (i: number, patch: Partial<PropertyCondition>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const options = propertyOptions(catalog, event);
  return (
    <div className="where-rows">
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; a row's place is its identity while editing
        <div className="condition-row" key={i}>
          <span className="row-word">{i === 0 ? "where" : "and"}</span>
          <Combobox
            label="Property"
            value={row.property}
            options={options}
            onChange={(v) => set(i, { property: v })}
            readOnly={readOnly}
          />
          <OperatorSelect
            op={row.op}
            onChange={(op) => set(i, { op, value: parseValueText(valueText(row.value), op) })}
            readOnly={readOnly}
          />
          {row.op !== "exists" && row.op !== "not-exists" && (
            <ValueInput
              label="Value"
              value={row.value}
              op={row.op}
              onChange={(value) => set(i, { value })}
              readOnly={readOnly}
            />
          )}
          {!readOnly && (
            <button
              type="button"
              className="link remove-row"
              aria-label="Remove property test"
              onClick={() => {
                const next = rows.filter((_, j) => j !== i);
                onChange(next.length > 0 ? next : undefined);
              }}
            >
              ✕
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button
          type="button"
          className="link"
          onClick={() => onChange([...rows, { property: options[0]?.value ?? "", op: "eq", value: "" }])}
        >
          + Property test
        </button>
      )}
    </div>
  );
}

/** The operator of a comparison, in words. */
export function OperatorSelect({
  op,
  onChange,
  readOnly,
}: {
  op: Operator;
  onChange: (op: Operator) => void;
  readOnly: boolean;
}) {
  return (
    <label className="field">
      <span>Test</span>
      <select
        aria-label="Operator"
        value={op}
        disabled={readOnly}
        onChange={(e) => onChange(e.target.value as Operator)}
      >
        {OPERATOR_CHOICES.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
    </label>
  );
}
