import type { ConditionValue, StepOf } from "@overture/core";
import type { Catalog } from "../api/api-client.ts";
import { Combobox } from "./Combobox.tsx";
import { attributeOptions } from "./catalog-options.ts";
import { Section } from "./fields.tsx";
import { ValueInput } from "./ValueInput.tsx";

type Props = {
  step: StepOf<"update-profile">;
  set: (field: string, value: unknown) => void;
  catalog: Catalog;
  readOnly: boolean;
};

/** Attributes to set (picked from those seen, with a value) and to remove, one row each. */
export function UpdateProfileFields({ step, set, catalog, readOnly: ro }: Props) {
  const entries = Object.entries(step.set);
  const options = attributeOptions(catalog);
  const writeSet = (next: [string, unknown][]) => set("set", Object.fromEntries(next));
  return (
    <Section title="Update profile">
      <div className="panel-subtitle">Set</div>
      {entries.map(([name, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a name being typed changes; the row's place is its identity
        <div className="condition-row" key={i}>
          <Combobox
            label="Attribute"
            value={name}
            options={options}
            onChange={(v) => writeSet(entries.map((e, j) => (j === i ? [v, e[1]] : e)))}
            readOnly={ro}
          />
          <ValueInput
            label="to"
            value={value as ConditionValue}
            op="eq"
            samples={catalog.attributes.find((a) => a.name === name)?.samples}
            onChange={(v) => writeSet(entries.map((en, j) => (j === i ? [en[0], v] : en)))}
            readOnly={ro}
          />
          {!ro && (
            <button
              type="button"
              className="link remove-row"
              aria-label="Remove attribute"
              onClick={() => writeSet(entries.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          )}
        </div>
      ))}
      {!ro && (
        <button
          type="button"
          className="link"
          onClick={() => writeSet([...entries, [freeName(entries, options[0]?.value ?? "attribute"), ""]])}
        >
          + Set an attribute
        </button>
      )}
      <div className="panel-subtitle">Remove</div>
      {step.unset.map((name, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: as above
        <div className="condition-row" key={i}>
          <Combobox
            label="Attribute"
            value={name}
            options={options}
            onChange={(v) =>
              set(
                "unset",
                step.unset.map((n, j) => (j === i ? v : n)),
              )
            }
            readOnly={ro}
          />
          {!ro && (
            <button
              type="button"
              className="link remove-row"
              aria-label="Keep attribute"
              onClick={() =>
                set(
                  "unset",
                  step.unset.filter((_, j) => j !== i),
                )
              }
            >
              ✕
            </button>
          )}
        </div>
      ))}
      {!ro && (
        <button type="button" className="link" onClick={() => set("unset", [...step.unset, options[0]?.value ?? ""])}>
          + Remove an attribute
        </button>
      )}
    </Section>
  );
}

/** Two rows cannot set the same name (the object would lose one): a new row gets a name not used yet. */
function freeName(entries: [string, unknown][], wanted: string): string {
  const used = new Set(entries.map(([n]) => n));
  if (!used.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!used.has(`${wanted}${n}`)) return `${wanted}${n}`;
}
