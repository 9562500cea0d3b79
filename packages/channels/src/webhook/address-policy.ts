import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { PermanentError, TransientError } from "@overture/runtime";
import { classifyAddress, embeddedIpv4, isPublicAddress } from "./special-addresses.ts";

export { type AddressKind, classifyAddress, isPublicAddress } from "./special-addresses.ts";

/** An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is the IPv4 address: an allow entry for one covers the other. */
function unmapped(ip: string): { address: string; family: "ipv4" | "ipv6" } {
  if (isIP(ip) === 6) {
    const v4 = embeddedIpv4(ip);
    return v4 !== null && /^::ffff:/i.test(ip) ? { address: v4, family: "ipv4" } : { address: ip, family: "ipv6" };
  }
  return { address: ip, family: "ipv4" };
}

/** What the operator allowed besides public addresses: host names, and IP addresses or CIDR ranges. */
export type AllowList = { hosts: ReadonlySet<string>; addresses: BlockList; entries: readonly string[] };

/**
 * Parses the allow list (`OVERTURE_WEBHOOK_ALLOW`): comma-separated host names (`hooks.internal`), IP addresses
 * (`127.0.0.1`) and CIDR ranges (`10.1.0.0/16`, `fd00::/8`). Throws a TypeError naming a malformed entry.
 */
export function parseAllowList(input: string | readonly string[] | undefined): AllowList {
  const entries = (typeof input === "string" ? input.split(",") : (input ?? []))
    .map((e) => e.trim())
    .filter((e) => e !== "");
  const hosts = new Set<string>();
  const addresses = new BlockList();
  for (const entry of entries) {
    const [network, prefix, extra] = entry.split("/");
    const family = isIP(network ?? "");
    if (family === 0) {
      if (prefix !== undefined || !/^[a-z0-9.-]+$/i.test(entry))
        throw new TypeError(`webhook allow list: '${entry}' is neither a host, an IP address nor a CIDR range`);
      hosts.add(entry.toLowerCase());
      continue;
    }
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
      throw new TypeError(`webhook allow list: '${entry}' has a bad prefix length`);
    }
    const { address, family: f } = unmapped(network!);
    addresses.addSubnet(address, f === "ipv4" ? Math.min(bits, 32) : bits, f);
  }
  return { hosts, addresses, entries };
}

/** True when Overture may call `ip` reached through `host`. */
export function isDestinationAllowed(host: string, ip: string, allow: AllowList): boolean {
  if (allow.hosts.has(host.toLowerCase())) return true;
  const { address, family } = unmapped(ip);
  if (allow.addresses.check(address, family)) return true;
  return isPublicAddress(ip);
}

/** Resolves a host name to all its addresses (dns.lookup, as the HTTP client will). */
export type HostLookup = (host: string) => Promise<string[]>;

/** The operating system's resolver, as the HTTP client uses it. */
export const systemLookup: HostLookup = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Checks a webhook URL before calling it: http or https only, and every address its host resolves to must be public or
 * allowed. Throws PermanentError `destination_not_allowed` (or `invalid_webhook_url`) otherwise, and
 * TransientError `webhook_unreachable` when the name does not resolve.
 */
export async function checkDestination(url: string, allow: AllowList, lookup: HostLookup = systemLookup): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PermanentError("invalid_webhook_url", `'${url}' is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new PermanentError(
      "invalid_webhook_url",
      `webhooks are called over http or https, not ${parsed.protocol.replace(/:$/, "")}`,
    );
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await lookup(host);
  } catch (error) {
    // DNS can fail for a while (EAI_AGAIN); retries with backoff dead-letter a name that never resolves.
    throw new TransientError(
      "webhook_unreachable",
      `cannot resolve ${host}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (addresses.length === 0) throw new PermanentError("destination_not_allowed", `${host} resolves to no address`);
  for (const ip of addresses) {
    if (!isDestinationAllowed(host, ip, allow)) {
      throw new PermanentError(
        "destination_not_allowed",
        `${host} resolves to ${ip}, a ${classifyAddress(ip)} address; add it to OVERTURE_WEBHOOK_ALLOW to call it`,
      );
    }
  }
  return parsed;
}
