import type { Json } from "@overture/core";
import { InputError, PermanentError, type Store, TransientError } from "@overture/runtime";
import { type AllowList, checkDestination, type HostLookup, parseAllowList } from "./address-policy.ts";
import { parsePayloadForPreview, payloadRenderWords } from "./payload-words.ts";
import { pinnedPost } from "./pinned-post.ts";
import { renderPayload } from "./render-payload.ts";
import { signWebhook } from "./signature.ts";
import { getWebhookEndpoint } from "./webhook-endpoints.ts";
import { workspaceSigningSecret } from "./workspace-signing-secret.ts";

/** A webhook step's settings to try out: the endpoint (a name, or a URL) and the payload template. */
export type WebhookTestInput = {
  endpoint: string;
  payload?: string | undefined;
  customerId?: string | undefined;
  /** The step's name, so that a payload's mistake is told as "The payload of step 'Tell billing' …". */
  stepName?: string | undefined;
  /** Only render the payload (outcome `rendered`): nothing is sent. */
  dryRun?: boolean | undefined;
};

/**
 * What a test call did. `answered`: the receiver answered (any status; `body` is its first 2,000 characters).
 * `failed`: nothing was answered, with the delivery outcome code a real send would get (`destination_not_allowed`,
 * `webhook_payload_invalid`, `webhook_unreachable`, `webhook_timeout`…). `rendered`: a dry run. `payload` is the
 * body as rendered.
 */
export type WebhookTestResult =
  | { outcome: "rendered"; url: string; payload: string }
  | { outcome: "answered"; url: string; payload: string; status: number; body: string; durationMs: number }
  | { outcome: "failed"; url: string | null; payload: string | null; code: string; message: string };

const SAMPLE_CUSTOMER = { id: "sample-customer", email: "alex@example.com", firstName: "Alex", lastName: "Martin" };
const EXCERPT = 2000;

/**
 * Calls a webhook once as a step would, for the editor's "Send test": the same payload rendering, signature, address
 * policy (only public addresses unless in `allow`, OVERTURE_WEBHOOK_ALLOW; the connection pinned to the checked
 * addresses) and timeout as real sends, with a sample customer unless `customerId` names one. Throws InputError
 * `not_found` for an unknown endpoint name or customer; every other outcome is the result.
 */
export async function sendTestWebhook(
  store: Pick<Store, "sql" | "getCustomer">,
  workspaceId: string,
  input: WebhookTestInput,
  options: { allow?: AllowList | string | undefined; lookup?: HostLookup; now: number },
): Promise<WebhookTestResult> {
  const allow = typeof options.allow === "object" ? options.allow : parseAllowList(options.allow);
  const byUrl = input.endpoint.includes("://");
  const endpoint = byUrl ? null : await getWebhookEndpoint(store, workspaceId, input.endpoint);
  if (!byUrl && !endpoint)
    throw notFound(
      "endpoint",
      `No webhook endpoint named '${input.endpoint}'; create it with PUT /v1/webhook-endpoints/${input.endpoint}.`,
    );
  const url = endpoint?.url ?? input.endpoint;
  let customer: Record<string, Json> = { ...SAMPLE_CUSTOMER };
  if (input.customerId) {
    const found = await store.getCustomer(workspaceId, input.customerId);
    if (!found) throw notFound("customerId", `No customer with id '${input.customerId}'.`);
    customer = { ...(found.attributes as Record<string, Json>), id: input.customerId };
  }
  let payload: string | null = null;
  try {
    const parsed = input.payload?.trim() ? parsePayloadForPreview(input.payload, input.stepName ?? "") : undefined;
    if (parsed && "message" in parsed)
      return { outcome: "failed", url, payload: null, code: "webhook_payload_invalid", message: parsed.message };
    payload = await renderPayload(parsed?.template, {
      customer,
      event: { name: "sample.event", properties: {} },
      context: {},
      journey: { id: "test", version: 0, stepId: "test" },
    }).catch((error: unknown) => {
      if (error instanceof PermanentError && error.code === "webhook_payload_invalid")
        throw new PermanentError(error.code, payloadRenderWords(error.message, input.stepName ?? ""));
      throw error;
    });
    if (input.dryRun) return { outcome: "rendered", url, payload };
    const checked = await checkDestination(url, allow, options.lookup);
    const timestamp = String(options.now);
    const headers: Record<string, string> = {
      ...endpoint?.headers,
      "content-type": "application/json",
      "user-agent": "Overture-Webhook/1",
      "x-overture-delivery": `test-${options.now}`,
      "x-overture-timestamp": timestamp,
      "x-overture-test": "1",
    };
    const secret = endpoint?.secret ?? (await workspaceSigningSecret(store, workspaceId, options.now)).secret;
    headers["x-overture-signature"] = signWebhook(secret, timestamp, payload);
    const started = performance.now();
    const answer = await pinnedPost(checked, headers, payload, {
      timeoutMs: endpoint?.timeoutMs ?? 10_000,
      allow,
      lookup: options.lookup,
    });
    const body = answer.text.length > EXCERPT ? `${answer.text.slice(0, EXCERPT)}…` : answer.text;
    return {
      outcome: "answered",
      url,
      payload,
      status: answer.status,
      body,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (error instanceof PermanentError || error instanceof TransientError)
      return { outcome: "failed", url, payload, code: error.code, message: error.message };
    throw error;
  }
}

function notFound(path: string, message: string): InputError {
  return new InputError("not_found", message, [{ path, code: "not_found", message }]);
}
