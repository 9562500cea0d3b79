import type { ChannelStepUi } from "@overture/channels/browser";
import { useState } from "react";
import { ApiError } from "../api/api-client.ts";
import { channelApi } from "../api/channel-api.ts";

/** Sends the step as it is on screen to one customer now, through the channel's provider (the dev sink under npm start). */
export function ChannelTestSend({ ui, step }: { ui: ChannelStepUi; step: Record<string, unknown> }) {
  const [customerId, setCustomerId] = useState("");
  const [state, setState] = useState<{ kind: "idle" | "sending" | "sent" | "error"; text?: string }>({
    kind: "idle",
  });
  const send = () => {
    setState({ kind: "sending" });
    channelApi
      .testSend(ui.spec.type, step, customerId.trim())
      .then(() => setState({ kind: "sent", text: `Sent to ${customerId.trim()}.` }))
      .catch((e: unknown) =>
        setState({ kind: "error", text: e instanceof ApiError ? e.message : "The test send failed." }),
      );
  };
  return (
    <section className="test-send" aria-label={`${ui.spec.label} test send`}>
      <label className="field">
        <span>Send a test to customer</span>
        <input value={customerId} placeholder="customer id" onChange={(e) => setCustomerId(e.target.value)} />
      </label>
      <button type="button" disabled={!customerId.trim() || state.kind === "sending"} onClick={send}>
        Send test
      </button>
      {state.text && (
        <p className={state.kind === "error" ? "error-text" : "muted"} role="status">
          {state.text}
        </p>
      )}
    </section>
  );
}
