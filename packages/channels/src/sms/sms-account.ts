import type { ChannelDeps } from "../channel-module.ts";
import { isDevSmsSink } from "./dev-sms-sink.ts";
import { smsSettingsStore } from "./sms-settings.ts";
import type { TwilioAccount } from "./twilio-client.ts";

/**
 * The account a workspace sends with and signs inbound webhooks with: its SMS settings, or, when it has none and the
 * dev SMS sink runs (`npm start`), the sink's account. Null when neither.
 */
export async function smsAccountOf(
  deps: Pick<ChannelDeps, "store" | "secrets" | "devSinks">,
  workspaceId: string,
): Promise<(TwilioAccount & { source: "settings" | "dev-sink" }) | null> {
  const settings = await smsSettingsStore(deps.store, deps.secrets).get(workspaceId);
  if (settings) {
    const { accountSid, authToken, from, apiBase } = settings;
    return { accountSid, authToken, from, apiBase, source: "settings" };
  }
  const sink = deps.devSinks.get("sms");
  if (!isDevSmsSink(sink)) return null;
  return {
    accountSid: sink.accountSid,
    authToken: sink.authToken,
    from: sink.from,
    apiBase: sink.url,
    source: "dev-sink",
  };
}
