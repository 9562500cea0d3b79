import { useId } from "react";
import type { Catalog } from "../api/api-client.ts";

type Props = { label: string; attribute: string; catalog: Catalog; value: string; onChange: (text: string) => void; readOnly: boolean };

/** A value box suggesting the values seen on this attribute (a datalist: any other value can still be typed). */
export function ValueInput({ label, attribute, catalog, value, onChange, readOnly }: Props) {
  const id = useId();
  const samples = catalog.attributes.find((a) => a.name === attribute)?.samples ?? [];
  return (
    <label className="field">
      <span>{label}</span>
      <input aria-label="Value" list={samples.length > 0 ? id : undefined} value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />
      {samples.length > 0 && (
        <datalist id={id}>
          {samples.map((s) => (
            <option key={String(s)} value={String(s)} />
          ))}
        </datalist>
      )}
    </label>
  );
}
