import { useId } from "react";

const UNITS = [
  ["m", "minutes"],
  ["h", "hours"],
  ["d", "days"],
  ["w", "weeks"],
] as const;

type Unit = (typeof UNITS)[number][0];

/** "7d" → { amount: 7, unit: "d" }; null for what one box and one unit cannot show ("1d12h", seconds, nonsense). */
export function splitDuration(text: string): { amount: number; unit: Unit } | null {
  const match = /^(\d+)([mhdw])$/.exec(text);
  return match ? { amount: Number(match[1]), unit: match[2] as Unit } : null;
}

type Props = {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  readOnly?: boolean;
  /** When set, an empty box means no duration (e.g. "never expires"), and this says so. */
  emptyText?: string;
};

/**
 * A duration as a number and a unit ("7" "days" → "7d"). A duration the two boxes cannot show (such as "1d12h") is
 * edited as text, so nothing written elsewhere is lost.
 */
export function DurationField({ label, value, onChange, readOnly, emptyText }: Props) {
  const id = useId();
  const parts = value ? splitDuration(value) : { amount: Number.NaN, unit: "d" as Unit };
  if (!parts) {
    return (
      <label className="field">
        <span>{label}</span>
        <input
          value={value ?? ""}
          placeholder="e.g. 7d"
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      </label>
    );
  }
  const write = (amount: string, unit: Unit) =>
    onChange(
      amount === "" ? (emptyText ? undefined : `0${unit}`) : `${Math.max(0, Math.floor(Number(amount)))}${unit}`,
    );
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{label}</span>
      </label>
      <div className="inline-fields duration">
        <input
          id={id}
          type="number"
          min={0}
          value={Number.isNaN(parts.amount) ? "" : parts.amount}
          placeholder={emptyText}
          readOnly={readOnly}
          onChange={(e) => write(e.target.value, parts.unit)}
        />
        <select
          aria-label={`${label} unit`}
          value={parts.unit}
          disabled={readOnly}
          onChange={(e) => write(Number.isNaN(parts.amount) ? "1" : String(parts.amount), e.target.value as Unit)}
        >
          {UNITS.map(([unit, words]) => (
            <option key={unit} value={unit}>
              {words}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
