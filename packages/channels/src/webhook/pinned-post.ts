import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { PermanentError, TransientError } from "@overture/runtime";
import {
  type AllowList,
  classifyAddress,
  type HostLookup,
  isDestinationAllowed,
  systemLookup,
} from "./address-policy.ts";

/** What came back: the status, the body (at most `maxBytes` of it), and the Retry-After and Location headers. */
export type PostAnswer = { status: number; text: string; retryAfter: string | null; location: string | null };

/**
 * How failures are named for the caller's channel: error codes `<prefix>_timeout` / `<prefix>_unreachable`, the
 * setting that allows a refused address, and what the host is called in messages. Webhooks' by default.
 */
export type PostWords = { prefix: string; allowSetting: string; what: string };
const WEBHOOK_WORDS: PostWords = { prefix: "webhook", allowSetting: "OVERTURE_WEBHOOK_ALLOW", what: "" };

/**
 * POSTs with the connection pinned to addresses that passed the allow check: the name is resolved by the socket's
 * own lookup, which refuses a disallowed address, so a DNS answer that changes between our check and the connection
 * (DNS rebinding) cannot reach a refused address. Redirects are not followed.
 */
export function pinnedPost(
  url: URL,
  headers: Record<string, string>,
  body: string | Buffer,
  options: { timeoutMs: number; allow: AllowList; lookup?: HostLookup; maxBytes?: number; words?: PostWords },
): Promise<PostAnswer> {
  const resolve = options.lookup ?? systemLookup;
  const words = options.words ?? WEBHOOK_WORDS;
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((ip) => !isDestinationAllowed(hostname, ip, options.allow));
        if (refused !== undefined || addresses.length === 0) {
          const why = refused === undefined ? "no address" : `${refused}, a ${classifyAddress(refused)} address`;
          callback(
            new PermanentError(
              "destination_not_allowed",
              `${words.what}${hostname} resolves to ${why}; add it to ${words.allowSetting} to call it`,
            ),
            "",
            4,
          );
          return;
        }
        if (lookupOptions.all)
          callback(null, addresses.map((address) => ({ address, family: isIP(address) })) as never);
        else callback(null, addresses[0]!, isIP(addresses[0]!));
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, "", 4),
    );
  };
  const maxBytes = options.maxBytes ?? 65_536;
  return new Promise((resolvePromise, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < maxBytes) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => {
          clearTimeout(timer);
          const retryAfter = res.headers["retry-after"];
          resolvePromise({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            retryAfter: retryAfter ?? null,
            location: res.headers.location ?? null,
          });
        });
        res.on("error", fail);
      },
    );
    const timer = setTimeout(
      () =>
        req.destroy(
          new TransientError(`${words.prefix}_timeout`, `${url.host} did not answer within ${options.timeoutMs} ms`),
        ),
      options.timeoutMs,
    );
    function fail(error: unknown) {
      clearTimeout(timer);
      if (error instanceof PermanentError || error instanceof TransientError) reject(error);
      else
        reject(
          new TransientError(
            `${words.prefix}_unreachable`,
            `${words.what}${url.host}: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
    req.on("error", fail);
    req.end(body);
  });
}
