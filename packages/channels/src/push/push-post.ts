import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { PermanentError, TransientError } from "@overture/runtime";
import { type AllowList, classifyAddress, isDestinationAllowed, systemLookup } from "../webhook/address-policy.ts";

/** What a push service answered: its status, Retry-After and Location headers, and a little of its body. */
export type PushAnswer = { status: number; retryAfter: string | null; location: string | null; text: string };

/**
 * POSTs an encrypted push message to a push service. As webhook calls do (webhook/pinned-post.ts), the connection is
 * pinned to addresses that pass the allow check, so a subscription a customer posted cannot make the server call an
 * internal address; unlike them, the body is binary (aes128gcm). web-push's own sender cannot be used: it only speaks
 * https, and the dev push service is plain http on loopback (see docs/decisions/0024-web-push.md).
 */
export function postPush(
  url: URL,
  headers: Record<string, string>,
  body: Buffer,
  options: { timeoutMs: number; allow: AllowList },
): Promise<PushAnswer> {
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    systemLookup(hostname).then(
      (addresses) => {
        const refused = addresses.find((ip) => !isDestinationAllowed(hostname, ip, options.allow));
        if (refused !== undefined || addresses.length === 0) {
          const why = refused === undefined ? "no address" : `${refused}, a ${classifyAddress(refused)} address`;
          const message = `push service ${hostname} resolves to ${why}; add it to PUSH_ALLOW to call it`;
          callback(new PermanentError("destination_not_allowed", message), "", 4);
          return;
        }
        if (lookupOptions.all)
          callback(null, addresses.map((address) => ({ address, family: isIP(address) })) as never);
        else callback(null, addresses[0]!, isIP(addresses[0]!));
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, "", 4),
    );
  };
  // An IP literal skips the socket's lookup, so it is checked here.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && !isDestinationAllowed(host, host, options.allow))
    return Promise.reject(
      new PermanentError(
        "destination_not_allowed",
        `push service ${host} is a ${classifyAddress(host)} address; add it to PUSH_ALLOW to call it`,
      ),
    );
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(body.length) }, lookup },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < 4096) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers["retry-after"] ?? null,
            location: res.headers.location ?? null,
            text: Buffer.concat(chunks).toString("utf8").slice(0, 500),
          });
        });
        res.on("error", fail);
      },
    );
    const timer = setTimeout(
      () =>
        req.destroy(new TransientError("push_timeout", `${url.host} did not answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    function fail(error: unknown) {
      clearTimeout(timer);
      if (error instanceof PermanentError || error instanceof TransientError) reject(error);
      else
        reject(
          new TransientError(
            "push_unreachable",
            `push service ${url.host}: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
    req.on("error", fail);
    req.end(body);
  });
}
