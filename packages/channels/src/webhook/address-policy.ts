import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { PermanentError, TransientError } from "@overture/runtime";

/** What an IP address is, for deciding whether Overture may call it. Only `public` is called without an allow entry. */
export type AddressKind = "public" | "loopback" | "private" | "link-local" | "unspecified" | "multicast" | "reserved";

const RANGES: Array<[Exclude<AddressKind, "public">, "ipv4" | "ipv6", string, number]> = [
  ["unspecified", "ipv4", "0.0.0.0", 8],
  ["unspecified", "ipv6", "::", 128],
  ["loopback", "ipv4", "127.0.0.0", 8],
  ["loopback", "ipv6", "::1", 128],
  ["private", "ipv4", "10.0.0.0", 8],
  ["private", "ipv4", "172.16.0.0", 12],
  ["private", "ipv4", "192.168.0.0", 16],
  // Carrier-grade NAT space: inside a provider's network, never a public service.
  ["private", "ipv4", "100.64.0.0", 10],
  ["private", "ipv6", "fc00::", 7],
  // Includes 169.254.169.254, the cloud metadata service.
  ["link-local", "ipv4", "169.254.0.0", 16],
  ["link-local", "ipv6", "fe80::", 10],
  ["multicast", "ipv4", "224.0.0.0", 4],
  ["multicast", "ipv6", "ff00::", 8],
  ["reserved", "ipv4", "240.0.0.0", 4],
];

const lists = new Map<AddressKind, BlockList>();
for (const [kind, family, network, prefix] of RANGES) {
  let list = lists.get(kind);
  if (!list) {
    list = new BlockList();
    lists.set(kind, list);
  }
  list.addSubnet(network, prefix, family);
}

/** An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is the IPv4 address: classify it as such. */
function unmapped(ip: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address: ip, family: isIP(ip) === 6 ? "ipv6" : "ipv4" };
}

/** Classifies an IP address (v4 or v6); anything not in a special range is `public`. */
export function classifyAddress(ip: string): AddressKind {
  if (isIP(ip) === 0) throw new TypeError(`not an IP address: ${ip}`);
  const { address, family } = unmapped(ip);
  for (const [kind, list] of lists) if (list.check(address, family)) return kind;
  return "public";
}

/** What the operator allowed besides public addresses: host names, and IP addresses or CIDR ranges. */
export type AllowList = { hosts: ReadonlySet<string>; addresses: BlockList; entries: readonly string[] };

/**
 * Parses the allow list (`OVERTURE_WEBHOOK_ALLOW`): comma-separated host names (`hooks.internal`), IP addresses
 * (`127.0.0.1`) and CIDR ranges (`10.1.0.0/16`, `fd00::/8`). Throws a TypeError naming a malformed entry.
 */
export function parseAllowList(input: string | readonly string[] | undefined): AllowList {
  const entries = (typeof input === "string" ? input.split(",") : (input ?? [])).map((e) => e.trim()).filter((e) => e !== "");
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
  return classifyAddress(ip) === "public";
}

/** Resolves a host name to all its addresses (dns.lookup, as the HTTP client will). */
export type HostLookup = (host: string) => Promise<string[]>;

/** The operating system's resolver, as the HTTP client uses it. */
export const systemLookup: HostLookup = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

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
    throw new PermanentError("invalid_webhook_url", `webhooks are called over http or https, not ${parsed.protocol.replace(/:$/, "")}`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await lookup(host);
  } catch (error) {
    // DNS can fail for a while (EAI_AGAIN); retries with backoff dead-letter a name that never resolves.
    throw new TransientError("webhook_unreachable", `cannot resolve ${host}: ${error instanceof Error ? error.message : String(error)}`);
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
