import type { Json } from "@overture/core";
import {
  type ChannelHandler,
  type Clock,
  type Delivery,
  type DeliveryOutcome,
  deliveryLoads,
  PermanentError,
  SecretUnreadableError,
  type Store,
  TransientError,
} from "@overture/runtime";
import type { Template } from "liquidjs";
import { type AllowList, checkDestination, type HostLookup, parseAllowList } from "./address-policy.ts";
import { pinnedPost } from "./pinned-post.ts";
import { parsePayloadTemplate, renderPayload } from "./render-payload.ts";
import { signWebhook } from "./signature.ts";
import { getWebhookEndpoint } from "./webhook-endpoints.ts";
import { workspaceSigningSecret } from "./workspace-signing-secret.ts";

/** Options of {@link createWebhookChannel}. */
export type WebhookChannelOptions = {
  store: Store;
  clock: Clock;
  /**
   * An HTTP client to use instead of the built-in one. The built-in one pins the connection to the addresses that
   * passed the allow check (no DNS rebinding); a fetch resolves the name again after the check.
   */
  fetch?: typeof fetch;
  /** Hosts, addresses and CIDR ranges that may be called although not public (OVERTURE_WEBHOOK_ALLOW). */
  allow?: AllowList | string | readonly string[];
  /** Name resolution (dns.lookup with all addresses by default). */
  lookup?: HostLookup;
  /** When the endpoint sets none: 10 s. */
  defaultTimeoutMs?: number;
  /**
   * The time written in X-Overture-Timestamp (default `clock`). Receivers compare it with their own clock, so a
   * runtime on a moved clock (the demo's) signs with the system clock.
   */
  signingClock?: Clock;
};

/** How much of a response body is kept as the delivery detail or in the error. */
const EXCERPT = 200;

/**
 * The webhook channel: renders the step's JSON payload, signs it with the endpoint's secret (the workspace's signing
 * secret for a step naming a URL) and POSTs it to a
 * configured endpoint (by name) or to a URL, refusing destinations that are not public unless allowed. 2xx is sent;
 * 408, 429, 5xx, timeouts and network errors are retried (TransientError, honouring Retry-After); other answers
 * are dead letters (PermanentError).
 */
export function createWebhookChannel(options: WebhookChannelOptions): ChannelHandler {
  const { store, clock } = options;
  const allow = isAllowList(options.allow) ? options.allow : parseAllowList(options.allow);
  // Published versions never change, so a step's parsed template can be kept.
  const templates = new Map<string, Template[] | undefined>();

  async function templateOf(d: Delivery): Promise<Template[] | undefined> {
    const cacheKey = `${d.workspaceId}\u0000${d.journeyId}\u0000${d.version}\u0000${d.stepId}`;
    if (templates.has(cacheKey)) return templates.get(cacheKey);
    const version = await deliveryLoads(store).version(d.workspaceId, d.journeyId, d.version);
    const step = version?.document.steps.find((s) => s.id === d.stepId);
    if (step?.type !== "webhook")
      throw new PermanentError(
        "webhook_payload_invalid",
        `no webhook step '${d.stepId}' in ${d.journeyId} v${d.version}`,
      );
    const template = step.payload === undefined ? undefined : parsePayloadTemplate(step.payload, step.id);
    templates.set(cacheKey, template);
    return template;
  }

  async function deliver(d: Delivery): Promise<Json> {
    const target = String(d.payload.endpoint ?? "");
    const endpoint = target.includes("://") ? null : await getWebhookEndpoint(store, d.workspaceId, target);
    if (!target.includes("://") && !endpoint) {
      throw new PermanentError(
        "webhook_endpoint_unknown",
        `no webhook endpoint named '${target}'; create it with PUT /v1/webhook-endpoints/${target}`,
      );
    }
    const url = await checkDestination(endpoint?.url ?? target, allow, options.lookup);
    const customer = await deliveryLoads(store).customer(d.workspaceId, d.customerId);
    const context = (d.payload.context ?? {}) as Record<string, Json>;
    const body = await renderPayload(await templateOf(d), {
      customer: { ...(customer?.attributes ?? {}), id: d.customerId },
      event: context.trigger ?? null,
      context,
      journey: { id: d.journeyId, version: d.version, stepId: d.stepId },
    });
    const timestamp = String((options.signingClock ?? clock).now());
    const headers: Record<string, string> = {
      ...endpoint?.headers,
      "content-type": "application/json",
      "user-agent": "Overture-Webhook/1",
      "x-overture-delivery": d.key,
      "x-overture-timestamp": timestamp,
    };
    // A step that names a URL has no endpoint of its own: the workspace's signing secret signs it.
    const secret = endpoint?.secret ?? (await workspaceSigningSecret(store, d.workspaceId, clock.now())).secret;
    headers["x-overture-signature"] = signWebhook(secret, timestamp, body);
    const timeoutMs = endpoint?.timeoutMs ?? options.defaultTimeoutMs ?? 10_000;
    const { status, text, retryAfter } = options.fetch
      ? await post(options.fetch, url, headers, body, timeoutMs)
      : await pinnedPost(url, headers, body, { timeoutMs, allow, lookup: options.lookup });
    const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
    if (status >= 200 && status < 300) return { status, body: excerpt } satisfies Json;
    const what = `${url.host} answered ${status}${excerpt ? `: ${excerpt}` : ""}`;
    if (status === 408 || status === 429 || status >= 500)
      throw new TransientError("webhook_unavailable", what, retryAfterMs(retryAfter, clock.now()));
    if (status >= 300 && status < 400)
      throw new PermanentError("webhook_rejected", `${what} (redirects are not followed)`);
    throw new PermanentError("webhook_rejected", what);
  }

  return {
    channel: "webhook",
    endpointOf: webhookEndpointOf,
    async deliver(d): Promise<DeliveryOutcome> {
      try {
        return { status: "sent", detail: await deliver(d) };
      } catch (error) {
        // The outbox keeps only the message: lead it with the stable code, so dead letters can be sorted by it.
        if (error instanceof PermanentError) throw new PermanentError(error.code, `${error.code}: ${error.message}`);
        if (error instanceof TransientError)
          throw new TransientError(error.code, `${error.code}: ${error.message}`, error.retryAfterMs);
        // Sealed with a server secret this process does not have: retried, so setting OVERTURE_SECRET_PREVIOUS recovers it.
        if (error instanceof SecretUnreadableError)
          throw new TransientError("webhook_secret_unreadable", `webhook_secret_unreadable: ${error.message}`);
        throw error;
      }
    },
  };
}

async function post(
  fetchImpl: typeof fetch,
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // Redirects are not followed: a public endpoint must not bounce the call to an address the check refused.
    const response = await fetchImpl(url, {
      method: "POST",
      headers,
      body,
      signal: controller.signal,
      redirect: "manual",
    });
    const text = await response.text();
    return { status: response.status, text, retryAfter: response.headers.get("retry-after") };
  } catch (error) {
    if (controller.signal.aborted)
      throw new TransientError("webhook_timeout", `${url.host} did not answer within ${timeoutMs} ms`);
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    throw new TransientError(
      "webhook_unreachable",
      `${url.host}: ${error instanceof Error ? error.message : String(error)}${cause}`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isAllowList(value: WebhookChannelOptions["allow"]): value is AllowList {
  return typeof value === "object" && value !== null && "addresses" in value;
}

/**
 * The circuit a webhook delivery belongs to: a named endpoint of its workspace, or the host of a raw URL (never the
 * path or query, which may carry tokens).
 */
export function webhookEndpointOf(d: Delivery): string {
  const target = String(d.payload.endpoint ?? "");
  if (!target.includes("://")) return `${d.workspaceId}/${target}`;
  try {
    return new URL(target).host;
  } catch {
    return "invalid-url";
  }
}
