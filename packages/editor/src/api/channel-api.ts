import type { ChannelPreview } from "@overture/channels/browser";
import { call } from "./api-client.ts";

/** The calls every channel module answers: a preview of a step and a test send (`/v1/channels/:type/…`). */
export const channelApi = {
  preview: (type: string, step: Record<string, unknown>, customerId?: string) =>
    call<ChannelPreview>("POST", `/v1/channels/${encodeURIComponent(type)}/preview`, { step, customerId }),
  testSend: (type: string, step: Record<string, unknown>, customerId: string) =>
    call<{ sent: boolean; detail: unknown }>("POST", `/v1/channels/${encodeURIComponent(type)}/test-send`, {
      step,
      customerId,
    }),
};
