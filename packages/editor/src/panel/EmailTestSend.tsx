import type { StepOf } from "@overture/core";
import { useState } from "react";
import { api } from "../api/api-client.ts";

/** Sends the email as it is now to any address (through the server's SMTP server; locally, the mailbox). */
export function EmailTestSend({ step, customerId }: { step: StepOf<"email">; customerId: string }) {
  const [to, setTo] = useState("you@example.com");
  const [result, setResult] = useState<string | null>(null);
  const send = async () => {
    setResult("Sending…");
    try {
      const sent = await api.testSendEmail({
        subject: step.subject ?? "",
        preheader: step.preheader,
        body: step.body ?? "",
        customerId: customerId || undefined,
        to,
      });
      setResult(`Sent "${sent.subject}" to ${sent.to}.`);
    } catch (e) {
      setResult(`Not sent: ${(e as Error).message}`);
    }
  };
  return (
    <form
      className="test-send"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <input aria-label="Test send to" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
      <button type="submit">Send test</button>
      {result && <p className="muted test-send-result">{result}</p>}
    </form>
  );
}
