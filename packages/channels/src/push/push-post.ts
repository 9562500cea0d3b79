import { isIP } from "node:net";
import { PermanentError } from "@overture/runtime";
import { type AllowList, classifyAddress, isDestinationAllowed } from "../webhook/address-policy.ts";
import { type PostAnswer, pinnedPost } from "../webhook/pinned-post.ts";

/** What a push service answered: its status, Retry-After and Location headers, and a little of its body. */
export type PushAnswer = PostAnswer;

/**
 * POSTs an encrypted push message to a push service with webhooks' pinned POST (webhook/pinned-post.ts): the
 * connection goes only to addresses that pass the allow check (PUSH_ALLOW), so a subscription a customer posted cannot
 * make the server call an internal address. web-push's own sender cannot be used: it only speaks https, and the dev
 * push service is plain http on loopback (see docs/decisions/0024-web-push.md).
 */
export function postPush(
  url: URL,
  headers: Record<string, string>,
  body: Buffer,
  options: { timeoutMs: number; allow: AllowList },
): Promise<PushAnswer> {
  // An IP literal skips the socket's lookup, so it is checked here.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !isDestinationAllowed(host, host, options.allow))
    return Promise.reject(
      new PermanentError(
        "destination_not_allowed",
        `push service ${host} is a ${classifyAddress(host)} address; add it to PUSH_ALLOW to call it`,
      ),
    );
  return pinnedPost(url, headers, body, {
    ...options,
    maxBytes: 4096,
    words: { prefix: "push", allowSetting: "PUSH_ALLOW", what: "push service " },
  });
}
