import type { ChannelStepUi, PanelField } from "@overture/channels/browser";
import type { Step } from "@overture/core";
import type { Catalog } from "../api/api-client.ts";
import { ChannelPreviewPane } from "./ChannelPreviewPane.tsx";
import { ChannelTestSend } from "./ChannelTestSend.tsx";
import { DurationField } from "./DurationField.tsx";
import { Section, SelectField, TextArea, TextField } from "./fields.tsx";
import { VariablePicker } from "./VariablePicker.tsx";
import { variableOptions } from "./variable-options.ts";

type Props = {
  ui: ChannelStepUi;
  step: Step;
  steps: readonly Step[];
  catalog: Catalog;
  set: (field: string, value: unknown) => void;
  readOnly: boolean;
};

/**
 * The panel of a channel step drawn from its module's field list (SMS, web push and any channel added later): text,
 * Liquid templates with the variable picker and a counter, durations and choices; then its preview and a test send.
 * A new channel needs no editor code.
 */
export function ChannelFields({ ui, step, steps, catalog, set, readOnly }: Props) {
  const values = step as unknown as Record<string, unknown>;
  const fields = ui.panel.filter((f): f is Exclude<PanelField, { kind: "custom" }> => f.kind !== "custom");
  return (
    <Section title={ui.spec.label}>
      <VariablePicker options={variableOptions(catalog, steps)} readOnly={readOnly}>
        {fields.map((field) => (
          <ChannelField key={field.key} field={field} value={values[field.key]} set={set} readOnly={readOnly} />
        ))}
      </VariablePicker>
      {ui.preview && <ChannelPreviewPane ui={ui} step={values} />}
      {!readOnly && <ChannelTestSend ui={ui} step={values} />}
    </Section>
  );
}

function ChannelField(props: {
  field: Exclude<PanelField, { kind: "custom" }>;
  value: unknown;
  set: (field: string, value: unknown) => void;
  readOnly: boolean;
}) {
  const { field, set, readOnly } = props;
  const text = typeof props.value === "string" ? props.value : "";
  // An optional field left empty is removed from the step, so the document keeps no empty strings.
  const required = "required" in field && field.required;
  const setText = (v: string) => set(field.key, v === "" && !required ? undefined : v);
  const help = field.help ? <p className="muted field-help">{field.help}</p> : null;
  switch (field.kind) {
    case "text":
    case "url":
      return (
        <>
          <TextField label={field.label} value={text} onChange={setText} readOnly={readOnly} />
          {help}
        </>
      );
    case "template":
      return (
        <>
          <TextArea label={field.label} value={text} onChange={setText} rows={field.rows ?? 4} readOnly={readOnly} />
          {field.counter && (
            <p className="muted field-counter" data-testid={`counter-${field.key}`}>
              {field.counter(text)}
            </p>
          )}
          {help}
        </>
      );
    case "duration":
      return (
        <DurationField
          label={field.label}
          value={text || undefined}
          emptyText="never"
          onChange={(v) => set(field.key, v)}
          readOnly={readOnly}
        />
      );
    case "select":
      return (
        <SelectField
          label={field.label}
          value={text || (field.options[0]?.value ?? "")}
          options={field.options.map((o) => [o.value, o.label] as const)}
          onChange={(v) => set(field.key, v)}
          readOnly={readOnly}
        />
      );
  }
}
