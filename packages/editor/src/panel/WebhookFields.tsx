import type { Step, StepOf } from "@overture/core";
import { useEffect, useState } from "react";
import { api, type Catalog, type WebhookTest } from "../api/api-client.ts";
import { Combobox } from "./Combobox.tsx";
import { endpointOptions } from "./catalog-options.ts";
import { Section, TextArea } from "./fields.tsx";
import { variableOptions } from "./variable-options.ts";
import { PayloadBuilder } from "./webhook-payload/PayloadBuilder.tsx";
import { type PayloadField, payloadToFields } from "./webhook-payload/payload-fields.ts";

type Props = {
  step: StepOf<"webhook">;
  steps: readonly Step[];
  set: (field: string, value: unknown) => void;
  catalog: Catalog;
  readOnly: boolean;
};

/**
 * The endpoint (picked from those configured), the payload as fields (or as JSON with Liquid, for experts), the
 * payload as rendered, and a test call.
 */
export function WebhookFields({ step, steps, set, catalog, readOnly: ro }: Props) {
  const representable = payloadToFields(step.payload) !== null;
  const [view, setView] = useState<"fields" | "json">(representable ? "fields" : "json");
  const [note, setNote] = useState(false);
  const toFields = () => {
    if (!representable) return setNote(true);
    setNote(false);
    setView("fields");
  };
  return (
    <Section title="Webhook">
      <Combobox
        label="Endpoint"
        value={step.endpoint}
        options={endpointOptions(catalog)}
        onChange={(v) => set("endpoint", v)}
        readOnly={ro}
        unseenText={step.endpoint.includes("://") ? "a URL: sent unsigned" : "no such endpoint yet"}
        testId="webhook-endpoint"
      />
      <fieldset className="payload-view-toggle" aria-label="Edit the payload as">
        <span className="panel-subtitle">Payload</span>
        <button
          type="button"
          className={view === "fields" ? "toggle on" : "toggle"}
          aria-pressed={view === "fields"}
          onClick={toFields}
        >
          Fields
        </button>
        <button
          type="button"
          className={view === "json" ? "toggle on" : "toggle"}
          aria-pressed={view === "json"}
          onClick={() => setView("json")}
        >
          JSON
        </button>
      </fieldset>
      {view === "fields" ? (
        <PayloadBuilder
          payload={step.payload}
          onChange={(p) => set("payload", p)}
          options={variableOptions(catalog, steps, "event.properties")}
          readOnly={ro}
        />
      ) : (
        <>
          {note && !representable && (
            <p className="note" role="note">
              This payload stays in JSON: it has parts the field builder cannot show (a list, a null, Liquid tags around
              fields…).
            </p>
          )}
          <TextArea
            label="Payload template (JSON with Liquid)"
            value={step.payload}
            onChange={(v) => set("payload", v || undefined)}
            rows={6}
            readOnly={ro}
          />
          <p className="hint">Quote texts with the json filter: {"{{ customer.firstName | json }}"}</p>
        </>
      )}
      <WebhookTry step={step} fieldNames={view === "fields" ? (payloadToFields(step.payload) ?? []) : []} />
    </Section>
  );
}

/** Which field a payload mistake is in: the field whose value holds the piece the message quotes. */
function withField(message: string, fields: readonly PayloadField[]): string {
  const piece = /`([^`]+)`/.exec(message)?.[1];
  const field = piece ? fields.find((f) => f.value.includes(piece)) : undefined;
  return field ? message.replace(" has a mistake:", ` has a mistake in the field "${field.name}":`) : message;
}

function WebhookTry({ step, fieldNames }: { step: StepOf<"webhook">; fieldNames: readonly PayloadField[] }) {
  const stepName = step.name || step.id;
  const [sample, setSample] = useState<WebhookTest | null>(null);
  const [result, setResult] = useState<WebhookTest | "sending" | { error: string } | null>(null);
  const [customerId, setCustomerId] = useState("");
  const customer = customerId.trim() || undefined;
  useEffect(() => {
    let live = true;
    if (!step.endpoint) return;
    const timer = setTimeout(() => {
      api
        .testWebhook({ endpoint: step.endpoint, payload: step.payload, customerId: customer, dryRun: true, stepName })
        .then((r) => live && setSample(r))
        .catch(
          (e: unknown) =>
            live && setSample({ outcome: "failed", url: null, payload: null, code: "", message: (e as Error).message }),
        );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [step.endpoint, step.payload, customer, stepName]);

  const send = async () => {
    setResult("sending");
    try {
      setResult(
        await api.testWebhook({ endpoint: step.endpoint, payload: step.payload, customerId: customer, stepName }),
      );
    } catch (e) {
      setResult({ error: (e as Error).message });
    }
  };
  return (
    <section className="step-preview" aria-label="Webhook payload">
      <div className="preview-bar">
        <span className="panel-subtitle">Payload as sent</span>
        <input
          aria-label="Payload for customer"
          placeholder="sample customer"
          value={customerId}
          onChange={(e) => setCustomerId(e.target.value)}
        />
      </div>
      {sample?.outcome === "rendered" && (
        <pre className="payload mono" data-testid="webhook-sample">
          {pretty(sample.payload ?? "")}
        </pre>
      )}
      {sample?.outcome === "failed" && (
        <p className="error-text" data-testid="webhook-sample-error">
          {withField(sample.message ?? "", fieldNames)}
        </p>
      )}
      <button type="button" onClick={() => void send()} disabled={!step.endpoint || result === "sending"}>
        Send test
      </button>
      {result === "sending" && <p className="muted">Sending…</p>}
      {result && result !== "sending" && (
        <div className="webhook-result" data-testid="webhook-result">
          {"error" in result ? (
            <p className="error-text">Not sent: {result.error}</p>
          ) : result.outcome === "answered" ? (
            <>
              <p className={(result.status ?? 0) < 300 ? "ok-text" : "error-text"}>
                {result.url} answered <b data-testid="webhook-status">{result.status}</b> in {result.durationMs} ms
              </p>
              <pre className="payload mono">{result.body || "(empty body)"}</pre>
            </>
          ) : (
            <p className="error-text">
              Not sent ({result.code}): {result.message}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
