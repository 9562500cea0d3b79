import type { StepOf } from "@overture/core";
import { useEffect, useState } from "react";
import { api, type Catalog, type WebhookTest } from "../api/api-client.ts";
import { Combobox } from "./Combobox.tsx";
import { endpointOptions } from "./catalog-options.ts";
import { Section, TextArea } from "./fields.tsx";

type Props = { step: StepOf<"webhook">; set: (field: string, value: unknown) => void; catalog: Catalog; readOnly: boolean };

/** The endpoint (picked from those configured), the payload template, the payload as rendered, and a test call. */
export function WebhookFields({ step, set, catalog, readOnly: ro }: Props) {
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
      <TextArea label="Payload template (JSON with Liquid)" value={step.payload} onChange={(v) => set("payload", v || undefined)} rows={6} readOnly={ro} />
      <p className="hint">Quote texts with the json filter: {"{{ customer.firstName | json }}"}</p>
      <WebhookTry step={step} />
    </Section>
  );
}

function WebhookTry({ step }: { step: StepOf<"webhook"> }) {
  const [sample, setSample] = useState<WebhookTest | null>(null);
  const [result, setResult] = useState<WebhookTest | "sending" | { error: string } | null>(null);
  const [customerId, setCustomerId] = useState("");
  const customer = customerId.trim() || undefined;
  useEffect(() => {
    let live = true;
    if (!step.endpoint) return;
    const timer = setTimeout(() => {
      api
        .testWebhook({ endpoint: step.endpoint, payload: step.payload, customerId: customer, dryRun: true })
        .then((r) => live && setSample(r))
        .catch((e: unknown) => live && setSample({ outcome: "failed", url: null, payload: null, code: "", message: (e as Error).message }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [step.endpoint, step.payload, customer]);

  const send = async () => {
    setResult("sending");
    try {
      setResult(await api.testWebhook({ endpoint: step.endpoint, payload: step.payload, customerId: customer }));
    } catch (e) {
      setResult({ error: (e as Error).message });
    }
  };
  return (
    <section className="step-preview" aria-label="Webhook payload">
      <div className="preview-bar">
        <span className="panel-subtitle">Payload as sent</span>
        <input aria-label="Payload for customer" placeholder="sample customer" value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
      </div>
      {sample?.outcome === "rendered" && (
        <pre className="payload mono" data-testid="webhook-sample">
          {pretty(sample.payload ?? "")}
        </pre>
      )}
      {sample?.outcome === "failed" && <p className="error-text">{sample.message}</p>}
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
